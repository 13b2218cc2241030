"""Forms of the consultations app: they check the shape of input, services the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import SendChannel
from .services.comments import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH


class SignForm(forms.Form):
    """The co-sign button; `version` detects a page rendered for an older state."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WithdrawForm(forms.Form):
    """The withdraw button; carries the signature the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    signature = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CommentForm(forms.Form):
    """A member's comment in the discussion."""

    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Plain text. Bold, italics, lists and links are allowed; any other markup "
            "is removed."
        ),
        error_messages={"required": _("Write a comment first.")},
    )


class DateInput(forms.DateInput):
    """A native date picker."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ConfirmForm(forms.Form):
    """A confirmation without fields (open, close, regenerate the letter)."""


class SendForm(forms.Form):
    """When and how the letter was sent."""

    sent_on = forms.DateField(
        label=_("Sent on"), widget=DateInput(), initial=timezone.localdate
    )
    sent_via = forms.ChoiceField(label=_("Sent via"), choices=SendChannel.choices)


class AnswerForm(forms.Form):
    """The addressee's reply."""

    answered_on = forms.DateField(
        label=_("Reply dated"), widget=DateInput(), initial=timezone.localdate
    )
    summary = forms.CharField(
        label=_("Summary of the reply"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reply_document = forms.ModelChoiceField(
        label=_("Reply document"),
        queryset=None,
        required=False,
        help_text=_("Upload the reply to Documents first, then choose it here."),
    )

    def __init__(self, *args, **kwargs):
        from wagtail.documents import get_document_model
        from wagtail.documents.widgets import AdminDocumentChooser

        super().__init__(*args, **kwargs)
        field = self.fields["reply_document"]
        field.queryset = get_document_model().objects.all()
        field.widget = AdminDocumentChooser()


class HideCommentForm(forms.Form):
    """The moderator's reason for hiding a comment."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON_LENGTH,
        help_text=_("Kept with the comment for the record."),
    )


class ErratumForm(forms.Form):
    """A dated correction of a sent letter."""

    dated = forms.DateField(
        label=_("Date of the erratum"), widget=DateInput(), initial=timezone.localdate
    )
    body = forms.CharField(
        label=_("Correction"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Quote the passage of the letter and give its corrected wording. The "
            "letter itself and its SHA-256 stay as sent."
        ),
    )
