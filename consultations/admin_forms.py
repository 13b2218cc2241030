"""The opinion page editor's form: the letter's fields are read-only by state.

Kept apart from `forms.py` (which reaches the services) because the page model
names it as its `base_form_class`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

FROZEN_REFUSED = _(
    "The page was not saved: signing is closed and the letter's text cannot change "
    "(see the field marked below). After sending, add a correction as an erratum in "
    "“State and signatures”."
)

CHANGED_AFTER_CLOSING = _(
    "Signing closed after this page was opened, and the letter was generated from "
    "the text as it was then: this change was not saved. Copy your wording if you "
    "need it, reload the page, and after sending add the correction as an erratum."
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
        self.refused_values = {}
        for name in self.frozen_fields:
            self.fields[name].disabled = True

    def clean(self):
        """Refuse a change posted for a frozen field (a tab opened before closing).

        The read-only editor posts nothing for these fields; a value that reads as
        the stored one (Draftail's round-trip, line endings, the widget's minutes)
        is no change. Anything else would be dropped without a word, so the save
        is refused with the reason beside the field.
        """
        cleaned_data = super().clean()
        self.refused_values = {}
        for name in self.frozen_fields:
            if name in self.errors:
                continue
            field, key = self.fields[name], self.add_prefix(name)
            if field.widget.value_omitted_from_data(self.data, self.files, key):
                continue
            try:
                posted = field.clean(
                    field.widget.value_from_datadict(self.data, self.files, key)
                )
            except (ValidationError, ValueError, TypeError, AttributeError, KeyError):
                # Unreadable (a forged body that is not the editor's JSON, e.g.
                # "{" or "[]"): certainly not the stored value, refused below.
                posted = object()
            if not self.instance.is_unchanged_frozen_value(name, posted):
                self.add_error(name, CHANGED_AFTER_CLOSING)
                if isinstance(posted, str):  # shown back below the frozen text
                    self.refused_values[name] = posted
        return cleaned_data

    def _post_clean(self):
        """The model's refusals of frozen fields also head the form."""
        super()._post_clean()
        if any(name in self.errors for name in self.frozen_fields):
            self.add_error(None, FROZEN_REFUSED)


class OpinionCopyForm(CopyForm):
    """Wagtail's "copy page" for an opinion: a copy is always a fresh draft.

    No alias (an alias would mirror the original's letter, number and state); the
    copy's slug is checked as the page's own `clean()` would, so a refusal shows
    beside the field instead of failing the copy.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)

    def clean(self):
        """Refuse a slug the opinion index answers itself."""
        from .models import RESERVED_SLUGS

        cleaned_data = super().clean()
        if cleaned_data.get("new_slug") in RESERVED_SLUGS:
            self.add_error(
                "new_slug", _("This address is reserved; choose another slug.")
            )
        return cleaned_data
