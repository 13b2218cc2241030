"""Row locks on an opinion: every change of an opinion's state or signatures holds one."""

from contextlib import contextmanager

from django.db import OperationalError, transaction
from django.utils.translation import gettext_lazy as _

from ..exceptions import TryAgain
from ..models import OpinionPage


def lock_opinion(opinion_id: int) -> OpinionPage:
    """Lock the opinion row until the end of the transaction and return it fresh."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_opinion() needs a transaction")
    return OpinionPage.objects.select_for_update().get(pk=opinion_id)


@contextmanager
def atomic_or_try_again():
    """A transaction whose lock timeout becomes a polite "try again"."""
    try:
        with transaction.atomic():
            yield
    except OperationalError as error:
        raise TryAgain(
            _("The opinion is busy right now. Nothing was changed; please try again.")
        ) from error
