"""The opinion page editor's form: the letter's fields are read-only by state.

Kept apart from `forms.py` (which reaches the services) because the page model
names it as its `base_form_class`.
"""

from wagtail.admin.forms import WagtailAdminPageForm


class OpinionPageForm(WagtailAdminPageForm):
    """Disables the fields the letter was generated from once signing is closed.

    A disabled field ignores whatever is posted for it and keeps the instance's
    value, so a crafted POST cannot change the text either; the model's `clean()`
    refuses any change that reaches it another way.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.frozen_field_names() if self.instance.pk else []
        self.frozen_fields = [name for name in names if name in self.fields]
        for name in self.frozen_fields:
            self.fields[name].disabled = True
