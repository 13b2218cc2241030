"""Model fields shared by the apps."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property
from wagtail.fields import RichTextField
from wagtail.rich_text import RichTextMaxLengthValidator


class LimitedTextField(models.TextField):
    """A TextField whose `max_length` holds everywhere, not only in the form.

    Django's TextField passes `max_length` to the form field alone; this one also
    validates it in `full_clean`, so an admin view, a service or a page revision
    cannot store a longer text than the public form accepts.
    """

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        """The field's validators plus the length limit."""
        return [*super().validators, MaxLengthValidator(self.max_length)]


class LimitedRichTextField(RichTextField):
    """A RichTextField whose text-length limit (tags not counted) holds in model
    validation too: the editor, revisions and scheduled publishing alike."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        """The field's validators plus the limit on the text."""
        return [*super().validators, RichTextMaxLengthValidator(self.max_length)]
