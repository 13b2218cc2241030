"""Model signals of the consultations app: the record of public opinions stays."""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .choices import PUBLIC_STATES
from .models import OpinionPage


@receiver(pre_delete, sender=OpinionPage, dispatch_uid="consultations-keep-public")
def refuse_deleting_a_public_opinion(sender, instance, **kwargs):
    """No path deletes an opinion once public (the page editor refuses earlier).

    Covers what the permission tester cannot see: deleting the parent page, a
    shell or a management command.
    """
    if instance.state in PUBLIC_STATES:
        raise ProtectedError(
            _(
                "Opinion “%(title)s” is public (co-signed or sent) and cannot be "
                "deleted."
            )
            % {"title": instance.title},
            {instance},
        )
