"""Forms shared across the site."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotFormMixin(forms.Form):
    """A hidden field people leave empty; a filled one marks the form as spam."""

    website_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        """True when the hidden field was filled in (only robots do that)."""
        return bool(self.cleaned_data.get("website_url"))
