"""Forms of the conferences app: the participant rows of a centre's registration.

Forms check the shape of the input and say what is wrong beside the field; the
rules that must always hold (places, limits, window) live in the services.
"""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy, pgettext_lazy

from members.validators import SafeEmailValidator

from .services.registration import ParticipantData


def workshop_label(workshop, occupancy=None) -> str:
    """ "Title (15.06, 10:00–11:30, room) – 3 places left" for the checkbox list."""
    when = "{}, {}–{}".format(
        formats.date_format(workshop.date, "j.m"),
        workshop.start_time.strftime("%H:%M"),
        workshop.end_time.strftime("%H:%M"),
    )
    if workshop.room:
        when = f"{when}, {workshop.room}"
    label = f"{workshop.title} ({when})"
    if occupancy is not None and occupancy.capacity is not None:
        if occupancy.is_full:
            label += " – " + str(_("no places left — waiting list"))
        else:
            label += " – " + ngettext(
                "%(count)d place left", "%(count)d places left", occupancy.free
            ) % {"count": occupancy.free}
    return label


def no_colon_after_checkboxes(form) -> None:
    """A checkbox's label follows the box and reads as a sentence ("Posiłki",
    "Wyrażam zgodę …"): no label suffix (":") after it."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.label_suffix = ""


class ParticipantEmailField(forms.EmailField):
    """An address checked for look-alike characters first (a Cyrillic "е" in the
    domain, sent by the browser as "xn--…"), so another centre's participant cannot
    be registered again under a same-looking address."""

    default_validators = [SafeEmailValidator()]


class ParticipantForm(forms.Form):
    """One participant: who, which workshops, meals, nights, remarks, needs."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = ParticipantEmailField(label=_("E-mail"))
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    workshops = forms.TypedMultipleChoiceField(
        label=_("Workshops"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Workshops held at the same time cannot both be chosen."),
    )
    meals = forms.BooleanField(label=_("Meals"), required=False)
    accommodation_nights = forms.TypedChoiceField(
        label=_("Accommodation nights"), coerce=int, initial=0
    )
    remarks = forms.CharField(
        label=_("Remarks"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    special_needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. Saved only with the consent below."),
    )
    special_needs_consent = forms.BooleanField(
        label=_(
            "I consent to the association processing the dietary or accessibility "
            "needs given above, only to organise this conference."
        ),
        required=False,
    )

    def __init__(self, *args, conference, workshops, occupancy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop_map = {w.pk: w for w in workshops}
        occupancy = occupancy or {}
        if workshops:
            self.fields["workshops"].choices = [
                (w.pk, workshop_label(w, occupancy.get(w.pk))) for w in workshops
            ]
        else:
            del self.fields["workshops"]
        if conference.offers_accommodation and conference.nights:
            self.fields["accommodation_nights"].choices = [
                (n, str(n)) for n in range(conference.nights + 1)
            ]
        else:
            del self.fields["accommodation_nights"]
        if not conference.offers_meals:
            del self.fields["meals"]
        no_colon_after_checkboxes(self)

    def clean_email(self):
        """E-mail addresses are compared in lower case."""
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        """Needs only with consent; no two workshops at the same time."""
        cleaned = super().clean()
        if cleaned.get("special_needs", "").strip() and not cleaned.get(
            "special_needs_consent"
        ):
            self.add_error(
                "special_needs_consent",
                _("Tick the consent or leave the needs empty."),
            )
        chosen = [self.workshop_map[pk] for pk in cleaned.get("workshops", [])]
        for index, first in enumerate(chosen):
            for second in chosen[index + 1 :]:
                if first.overlaps(second):
                    self.add_error(
                        "workshops",
                        _("“%(first)s” and “%(second)s” take place at the same time.")
                        % {"first": first.title, "second": second.title},
                    )
        return cleaned

    def to_data(self) -> ParticipantData:
        """The participant for the registration service."""
        cleaned = self.cleaned_data
        return ParticipantData(
            first_name=cleaned["first_name"],
            last_name=cleaned["last_name"],
            email=cleaned["email"],
            position=cleaned.get("position", ""),
            workshop_ids=list(cleaned.get("workshops", [])),
            meals=bool(cleaned.get("meals")),
            accommodation_nights=cleaned.get("accommodation_nights") or 0,
            remarks=cleaned.get("remarks", ""),
            special_needs=cleaned.get("special_needs", ""),
            special_needs_consent=bool(cleaned.get("special_needs_consent")),
        )


class BaseParticipantFormSet(forms.BaseFormSet):
    """The rows of one registration: at least one, each e-mail once, at most
    `MAX_ROWS` (a forged TOTAL_FORMS builds no more rows than that)."""

    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "One form takes at most %(num)d participant; register the others "
            "in another form.",
            "One form takes at most %(num)d participants; register the others "
            "in another form.",
            "num",
        ),
        "too_few_forms": _("Add at least one participant."),
    }

    def clean(self):
        """Each participant needs their own e-mail address."""
        super().clean()
        seen = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            email = form.cleaned_data.get("email")
            if email and email in seen:
                form.add_error(
                    "email", _("This e-mail address is already in the form.")
                )
            seen.add(email)

    def add_fields(self, form, index):
        """The row's "remove" box says what it removes, without a colon."""
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this participant from the form")
            no_colon_after_checkboxes(form)

    def add_email_errors(self, by_email: dict) -> bool:
        """Put a refusal per e-mail address beside that row's e-mail field; True
        when at least one row got its message."""
        placed = False
        for form in self.forms:
            email = form.cleaned_data.get("email") if form.is_bound else None
            if email and email in by_email:
                form.add_error("email", str(by_email[email]))
                placed = True
        return placed

    def participants(self) -> list[ParticipantData]:
        """The rows kept (not removed) as service input."""
        return [
            form.to_data()
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]

    def kept_count(self) -> int:
        """Rows that will be registered, for the price shown."""
        if not self.is_bound:
            return self.total_form_count()
        return sum(
            1
            for form in self.forms
            if not (self.can_delete and form.data.get(f"{form.prefix}-DELETE"))
        )


MAX_ROWS = 30

ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=MAX_ROWS,
    validate_max=True,
    can_delete=True,
    absolute_max=MAX_ROWS,
)


def add_row(data, prefix: str = "form"):
    """A copy of the submitted data with one more participant row."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 1))
    except ValueError:
        total = 1
    data[key] = str(min(total + 1, MAX_ROWS))
    return data


def without_errors(formset):
    """Show a re-displayed formset (after "add another") without error messages."""
    from django.forms.utils import ErrorDict, ErrorList

    formset._errors = [ErrorDict() for _form in formset.forms]
    formset._non_form_errors = ErrorList()
    for form in formset.forms:
        form._errors = ErrorDict()
    return formset


class StaffCancelForm(forms.Form):
    """The office's reason for cancelling a participant or a workshop place."""

    reason = forms.CharField(
        label=pgettext_lazy("cancellation", "Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required. Written in the audit log and in the e-mail to the "
            "participant and the centre."
        ),
        error_messages={"required": _("Give the reason for the cancellation.")},
    )

    def clean_reason(self):
        """A reason of spaces only is no reason."""
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the cancellation."))
        return reason
