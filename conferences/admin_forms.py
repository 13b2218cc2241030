"""The conference page's editor form and its programme checks panel.

The editor's inline programme rows are validated after the page's own fields, and
they are attached to the page only when it is saved. So the page is first
validated without its programme, then the form checks the programme as submitted
(`services.programme`) and puts each error beside the field of the row it
concerns; warnings are shown on the programme tab and after saving.
"""

from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel


def at_least_one(field, message) -> None:
    """A places field takes 1 or more, refused with our message (not the generic
    "greater than or equal to 0" of a positive integer field)."""
    if field is None:
        return
    field.min_value = 1
    field.validators = [
        v for v in field.validators if not isinstance(v, MinValueValidator)
    ] + [MinValueValidator(1, message=message)]
    field.widget.attrs["min"] = 1


class ConferencePageForm(WagtailAdminPageForm):
    """The page editor's form of a conference: the programme checked as submitted."""

    programme_warnings: list[str]

    def __init__(self, *args, **kwargs):
        from .models.pages import NO_PLACES, WORKSHOP_NO_PLACES

        super().__init__(*args, **kwargs)
        at_least_one(self.fields.get("capacity"), NO_PLACES)
        formset = self.formsets.get("sessions")
        if formset is not None:
            for form in formset.forms:
                at_least_one(form.fields.get("capacity"), WORKSHOP_NO_PLACES)

    def _post_clean(self):
        # The model's own programme check would read the rows stored before this
        # edit; the submitted ones are checked in `is_valid` below.
        self.instance.programme_checked_by_form = True
        try:
            super()._post_clean()
        finally:
            self.instance.programme_checked_by_form = False

    def is_valid(self):
        """The page, its rows, and then the programme as a whole."""
        self.programme_warnings = []
        if not super().is_valid():
            return False
        return self._check_programme()

    def _submitted_rows(self):
        formset = self.formsets.get("sessions")
        if formset is None:
            return []
        rows = []
        for form in formset.forms:
            if formset.can_delete and form.cleaned_data.get("DELETE"):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            rows.append(form)
        return rows

    @property
    def publishing(self) -> bool:
        """True when the editor publishes (or submits for publishing), not when a
        draft is saved."""
        return bool(self.data.get("action-publish") or self.data.get("action-submit"))

    def _check_programme(self) -> bool:
        from .services.programme import programme_problems, unconfirmed_unlimited

        rows = self._submitted_rows()
        by_session = {id(form.instance): form for form in rows}
        sessions = [f.instance for f in rows]
        problems = programme_problems(self.instance, sessions)
        if self.publishing:
            problems.extend(unconfirmed_unlimited(sessions))
        valid = True
        for problem in problems:
            if not problem.blocking:
                self.programme_warnings.append(problem.describe())
                continue
            valid = False
            form = by_session.get(id(problem.session))
            if form is not None and problem.field in form.fields:
                if not form.errors.get(problem.field):
                    form.add_error(problem.field, problem.message)
            else:
                self.add_error(None, problem.describe())
        return valid


class ProgrammeChecksPanel(Panel):
    """The programme tab's list of warnings (a workshop without a capacity...)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Programme checks"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        """Renders the warnings about the programme being edited."""

        template_name = "conferences/admin/programme_checks_panel.html"

        def get_context_data(self, parent_context=None):
            """The warnings about the page's programme as last saved."""
            from .services.programme import programme_warnings

            context = super().get_context_data(parent_context)
            context["warnings"] = programme_warnings(self.instance)
            return context
