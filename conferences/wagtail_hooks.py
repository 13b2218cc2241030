"""Admin registrations of the conferences app: viewsets, staff pages, panels."""

from urllib.parse import quote

import django_filters
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from members.choices import VOIVODESHIPS
from members.permissions import membership_of
from razem.cache import invalidate_pages, remembered

from .choices import RegistrationStatus, SessionKind
from .models import ConferencePage, Registration, Session, Speaker
from .permissions import (
    can_manage_registrations,
    can_see_special_category,
    can_view_registrations,
)
from .services.occupancy import occupancy_by_conference


class SpeakerViewSet(SnippetViewSet):
    """Speakers, reused across conference programmes."""

    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "title", "affiliation"]
    search_fields = ["name", "affiliation"]


register_snippet(SpeakerViewSet)


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are created and removed only through the services.

    Adding in the admin would skip the capacity rules, deleting would free a place
    without moving the waiting list up; both are refused for everyone.
    """

    def user_has_permission(self, user, action):
        """Refuse add and delete; every other action needs `view_registration`
        explicitly as well as its own model permission (a `change` alone, as an
        editors' group might carry, shows no participant)."""
        if action in ("add", "delete"):
            return False
        if not can_view_registrations(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        """Any of the actions, add and delete never."""
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


class RegistrationFilterSet(WagtailFilterSet):
    """Filters of the registrations list: conference, status, centre, workshop, region."""

    conference = django_filters.ModelChoiceFilter(
        label=_("Conference"), queryset=ConferencePage.objects.order_by("-start_date")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RegistrationStatus.choices
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Centre"),
        queryset=lambda request: _centres_with_registrations(),
    )
    workshop = django_filters.ModelChoiceFilter(
        label=_("Workshop"),
        field_name="workshop_choices__session",
        queryset=Session.objects.filter(kind=SessionKind.WORKSHOP).order_by(
            "-date", "start_time"
        ),
        distinct=True,
    )
    voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"),
        field_name="centre__municipality__voivodeship",
        choices=[(v, v) for v in VOIVODESHIPS],
    )

    class Meta:
        model = Registration
        fields = []


def _centres_with_registrations():
    from members.models import Centre

    return Centre.objects.filter(conference_registrations__isnull=False).distinct()


def _cancel_url(registration) -> str:
    return reverse("conferences:staff_cancel", args=[registration.pk])


class RegistrationIndexView(IndexView):
    """The registrations list with centre and conference read in the same query;
    each active row offers "Cancel…" (reason, confirmation, waiting list)."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The listing's CSV/XLSX export through the portal's export module:
        formulas neutralised, typed cells, translated statuses, the fee owed; the
        needs column only for staff with the special-category permission."""
        from .services.exports import listing_response

        return listing_response(
            queryset,
            spreadsheet_format,
            with_needs=can_see_special_category(self.request.user),
        )

    def get_list_more_buttons(self, instance):
        """Edit and inspect, then cancel for a registration not yet cancelled."""
        buttons = super().get_list_more_buttons(instance)
        if instance.status != RegistrationStatus.CANCELLED and can_manage_registrations(
            self.request.user
        ):
            buttons.append(
                MenuItem(
                    _("Cancel…"),
                    url=f"{_cancel_url(instance)}?next={quote(self.request.get_full_path())}",
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def get_base_queryset(self):
        """Rows with what the columns and filters show."""
        return (
            super()
            .get_base_queryset()
            .select_related("centre__municipality", "conference")
        )


# Special-category data: shown only with `conferences.export_special_category`.
SPECIAL_CATEGORY_FIELDS = ("special_needs", "special_needs_consent")


class RegistrationInspectView(InspectView):
    """A participant's record; the needs only for staff allowed to see them."""

    def get_fields(self):
        """Every field, the dietary or accessibility needs only with the permission."""
        fields = super().get_fields()
        if can_see_special_category(self.request.user):
            return fields
        return [name for name in fields if name not in SPECIAL_CATEGORY_FIELDS]


class RegistrationEditView(EditView):
    """Staff correct a participant's data: "Mój ośrodek" shows the new name at once
    (its panel is kept under the cache generation)."""

    def get_form(self, form_class=None):
        """An anonymised participant's personal fields are shown read-only."""
        form = super().get_form(form_class)
        if self.object.anonymised_at is not None:
            from .models.records import ANONYMISED_FIELDS

            for name in ANONYMISED_FIELDS:
                if name in form.fields:
                    form.fields[name].disabled = True
        return form

    def save_instance(self):
        """Save, then bump the generation once the transaction commits."""
        instance = super().save_instance()
        transaction.on_commit(invalidate_pages)
        return instance

    @cached_property
    def header_more_buttons(self):
        """The generic buttons and "Cancel the registration…" while it is active."""
        buttons = list(super().header_more_buttons)
        if self.object.status != RegistrationStatus.CANCELLED and (
            can_manage_registrations(self.request.user)
        ):
            buttons.append(
                Button(
                    _("Cancel the registration…"),
                    url=_cancel_url(self.object),
                    icon_name="cross",
                    priority=30,
                )
            )
        return buttons


class RegistrationDeleteView(DeleteView):
    """A deleted registration leaves the centre's panel at once, too."""

    def delete_action(self):
        """Delete, then bump the generation once the transaction commits."""
        super().delete_action()
        transaction.on_commit(invalidate_pages)


class RegistrationViewSet(ModelViewSet):
    """Participants per conference for staff; changes of status go through the
    staff pages (confirm, cancel, check in), which apply the waiting-list rules."""

    model = Registration
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    inspect_view_class = RegistrationInspectView
    delete_view_class = RegistrationDeleteView
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "last_name",
        "first_name",
        "centre",
        "conference",
        "status",
        "checked_in_at",
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["last_name", "first_name", "email", "centre__name"]
    list_export = [
        "last_name",
        "first_name",
        "email",
        "position",
        "centre",
        "conference",
        "status",
        "fee",
    ]
    form_fields = [
        "first_name",
        "last_name",
        "email",
        "position",
        "meals",
        "accommodation_nights",
        "remarks",
    ]


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    """The registrations list in the admin menu."""
    return registration_viewset


class StaffMenuItem(AdminMenuItem):
    """Shown only to staff who may see registrations."""

    def is_shown(self, request):
        """Only for staff with the permission."""
        return can_view_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_staff_menu_item():
    """ "Conference occupancy" in the admin menu."""
    return StaffMenuItem(
        _("Conference occupancy"),
        reverse("conferences:staff_overview"),
        icon_name="date",
        order=305,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """Audit log entries written by the conference services."""
    actions.register_action(
        "conferences.register", _("Register participant"), _("Participant registered")
    )
    actions.register_action(
        "conferences.cancel", _("Cancel registration"), _("Registration cancelled")
    )
    actions.register_action(
        "conferences.cancel_workshop",
        _("Cancel workshop place"),
        _("Workshop place cancelled"),
    )
    actions.register_action(
        "conferences.promote",
        _("Promote from waiting list"),
        _("Promoted from the waiting list"),
    )
    actions.register_action(
        "conferences.approve", _("Confirm participant"), _("Participant confirmed")
    )
    actions.register_action("conferences.check_in", _("Check in"), _("Checked in"))
    actions.register_action(
        "conferences.check_out", _("Undo check-in"), _("Check-in undone")
    )


class OccupancyPanel(Component):
    """Dashboard panel: places taken / capacity of the coming conferences."""

    name = "conference_occupancy"
    order = 150
    template_name = "conferences/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        """The coming conferences and their occupancy (two queries)."""
        conferences = list(
            ConferencePage.objects.filter(end_date__gte=timezone.localdate()).order_by(
                "start_date"
            )[:5]
        )
        occupancy = occupancy_by_conference(conferences)
        return {"rows": [(c, occupancy[c.pk]) for c in conferences]}


@hooks.register("construct_homepage_panels")
def add_occupancy_panel(request, panels):
    """Show the occupancy panel to staff who may see registrations."""
    if can_view_registrations(request.user):
        panels.append(OccupancyPanel())


@hooks.register("razem_centre_panels")
def centre_panel(request, membership):
    """ "Mój ośrodek": the centre's coming registrations and open conferences."""
    if membership is None:
        membership = membership_of(request.user)
        if membership is None:
            return None
    today = timezone.localdate()
    centre = membership.centre

    def coming_registrations():
        return list(
            Registration.objects.of_centre(centre)
            .active()
            .filter(conference__end_date__gte=today)
            .select_related("conference")
            .only(
                "first_name",
                "last_name",
                "status",
                "cancel_until_when_registered",
                "conference__title",
                "conference__start_date",
                "conference__end_date",
                "conference__cancellation_deadline",
                "conference__registration_closes_at",
            )
            .order_by("conference__start_date", "last_name")[:20]
        )

    # Every registration, cancellation and status change bumps the generation.
    registrations = remembered(
        "conferences:centre-panel",
        centre.pk,
        today.isoformat(),
        compute=coming_registrations,
    )
    from .services.occupancy import upcoming_conference

    upcoming, occupancy = upcoming_conference()
    from .services.waitlist import deadline_moved_earlier

    # Deadlines the office moved earlier after the centre registered people.
    moved = {}
    for registration in registrations:
        deadline = deadline_moved_earlier(registration)
        if deadline is not None:
            moved.setdefault(registration.conference.title, deadline)
    return {
        "template": "conferences/includes/centre_panel.html",
        "order": 30,
        "registrations": registrations,
        "moved_deadlines": [
            {"title": title, "at": deadline, "passed": deadline < timezone.now()}
            for title, deadline in moved.items()
        ],
        "upcoming_conference": upcoming,
        "upcoming_occupancy": occupancy,
    }


@hooks.register("razem_home_panels")
def home_panel(request):
    """Home page: the next conference with its registration state."""
    from .services.occupancy import upcoming_conference

    conference, occupancy = upcoming_conference()
    if conference is None:
        return None
    return {
        "template": "conferences/includes/home_panel.html",
        "order": 20,
        "conference": conference,
        "occupancy": occupancy,
        "registration_state": conference.registration_state(),
        # The cached home page lives no longer than the state it shows.
        "fresh_until": conference.next_state_change(),
    }


@hooks.register("before_delete_page")
def refuse_deleting_conferences_with_registrations(request, page):
    """A page whose deletion would take registrations with it is refused politely.

    The conference itself is refused by its permission tester; this covers a parent
    (the conference index, the home page) and answers with a message, not the
    database's ProtectedError.
    """
    from django.contrib import messages
    from django.shortcuts import redirect

    held = ConferencePage.objects.descendant_of(page, inclusive=True).filter(
        registrations__isnull=False
    )
    if not held.exists():
        return None
    messages.error(
        request,
        _(
            "This page holds conferences with registrations; they are the record of "
            "who took part and cannot be deleted. Unpublish the page instead."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_programme(request, page):
    """After saving a conference, repeat the programme's warnings to the editor."""
    if not isinstance(page.specific, ConferencePage):
        return
    from django.contrib import messages

    from .services.programme import programme_warnings

    for warning in programme_warnings(page.specific):
        messages.warning(request, warning)


@hooks.register("razem_personal_data_sources")
def conferences_personal_data():
    """Registrations a person submitted or takes part in; what is exempt and why."""
    from .privacy import personal_data_sources

    return personal_data_sources()


@hooks.register("razem_retention")
def participant_retention():
    """Daily retention: needs after the conference, people after the period."""
    from .services.privacy import anonymise_participants, erase_special_needs

    return {
        "special_needs_erased": erase_special_needs(),
        "participants_anonymised": anonymise_participants(),
    }
