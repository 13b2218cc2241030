"""The opinion page editor's form: the letter's fields are read-only by state.

Kept apart from `forms.py` (which reaches the services) because the page model
names it as its `base_form_class`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

FROZEN_REFUSED = _(
    "The page was not saved: signing is closed and the letter's text cannot change "
    "(see the field marked below). After sending, add a correction as an erratum in "
    "“State and signatures”."
)


class OpinionPageForm(WagtailAdminPageForm):
    """Disables the fields the letter was generated from once signing is closed.

    A disabled field keeps the instance's value; the model's `clean()` refuses any
    change that reaches it another way. A refusal of a frozen field is shown beside
    its read-only text and at the top of the form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.frozen_field_names() if self.instance.pk else []
        self.frozen_fields = [name for name in names if name in self.fields]
        for name in self.frozen_fields:
            self.fields[name].disabled = True

    def _post_clean(self):
        """The model's refusals of frozen fields also head the form."""
        super()._post_clean()
        if any(name in self.errors for name in self.frozen_fields):
            self.add_error(None, FROZEN_REFUSED)
