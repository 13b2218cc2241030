"""Admin of the members app: gminy, centres (with dues), applications, invitations.

Also registers the audit-log actions the members services write.
"""

import django_filters
from django.db.models import Exists, OuterRef
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import (
    APPLICATION_FIELDS,
    AcceptApplicationView,
    ApplicationInspectView,
    AppointRepresentativeView,
    CentreDeleteView,
    InvitationCreateView,
    RejectApplicationView,
)
from .choices import VOIVODESHIPS, ApplicationStatus, Role
from .forms import (
    ApplicationAdminForm,
    DuesFormSet,
    InvitationCreateForm,
    InvitationEditForm,
)
from .models import Application, Centre, Dues, Invitation, Membership, Municipality

DECISION_TEMPLATE = "members/admin/application_decision.html"
VOIVODESHIP_CHOICES = [(name, name) for name in VOIVODESHIPS]


class SelectRelatedViewSet(ModelViewSet):
    """A viewset whose listing (and its CSV/XLSX export) reads the related rows it
    shows in the same query.

    Wagtail's ModelViewSet has no `get_queryset(request)` hook (SnippetViewSet has),
    so the queryset is handed to the index view; without it every row of the
    listing cost one more query per foreign key shown.
    """

    list_select_related: tuple[str, ...] = ()

    def get_index_view_kwargs(self, **kwargs):
        """The index view's queryset, with `list_select_related`."""
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class DuesInlinePanel(InlinePanel):
    """The centre's yearly dues, with a formset that says a repeated year beside
    the field (not Django's "correct the duplicate data for centre and year")."""

    def get_form_options(self):
        """Hand the dues formset class to the cluster form."""
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = DuesFormSet
        return options


class MunicipalityFilterSet(WagtailFilterSet):
    """Filter gminy by voivodeship and kind."""

    voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"), choices=VOIVODESHIP_CHOICES
    )

    class Meta:
        model = Municipality
        fields = ["voivodeship", "kind"]


class MunicipalityViewSet(ModelViewSet):
    """Staff browse and correct the gmina registry."""

    model = Municipality
    icon = "globe"
    menu_label = _("Municipalities")
    url_prefix = "members/municipality"
    name = "members_municipality"
    list_display = ["name", "teryt", "kind", "powiat", "voivodeship", "population"]
    search_fields = ["name", "teryt", "powiat", "search_name"]
    search_backend_name = None
    filterset_class = MunicipalityFilterSet
    form_fields = [
        "teryt",
        "name",
        "kind",
        "powiat",
        "voivodeship",
        "population",
        "population_year",
    ]
    copy_view_enabled = False
    list_per_page = 50


class CentreFilterSet(WagtailFilterSet):
    """Filter centres by voivodeship, status and unpaid dues of the current year."""

    municipality__voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"), choices=VOIVODESHIP_CHOICES
    )
    dues_unpaid = django_filters.BooleanFilter(
        label=_("Dues unpaid for the current year"), method="filter_dues_unpaid"
    )
    without_representative = django_filters.BooleanFilter(
        label=_("Without a representative"), method="filter_without_representative"
    )

    class Meta:
        model = Centre
        fields = ["municipality__voivodeship", "status", "kind"]

    def filter_dues_unpaid(self, queryset, name, value):
        """Yes: no paid dues this year; No: paid this year."""
        if value is None:
            return queryset
        paid = Dues.objects.filter(
            centre=OuterRef("pk"),
            year=timezone.localdate().year,
            paid_on__isnull=False,
        )
        return queryset.annotate(paid_this_year=Exists(paid)).filter(
            paid_this_year=not value
        )

    def filter_without_representative(self, queryset, name, value):
        """Yes: centres nobody represents (e.g. after the representative left)."""
        if value is None:
            return queryset
        represented = Membership.objects.filter(
            centre=OuterRef("pk"), role=Role.REPRESENTATIVE
        )
        return queryset.annotate(represented=Exists(represented)).filter(
            represented=not value
        )


class CentrePermissionPolicy(ModelPermissionPolicy):
    """A centre with records (dues, people, registrations, co-signatures) is never
    deleted: the edit view offers no "Delete" for it, and the delete view explains
    (members.admin_views.CentreDeleteView); the database relations PROTECT it."""

    def user_has_permission_for_instance(self, user, action, instance):
        """No deleting a centre that keeps records."""
        if action == "delete" and instance.records_kept():
            return False
        return super().user_has_permission_for_instance(user, action, instance)


register_permission_policy(Centre, CentrePermissionPolicy(Centre))


class CentreIndexView(IndexView):
    """Centres: each row also leads to appointing its representative."""

    def get_list_more_buttons(self, instance):
        """ "Representative" for staff who may change centres."""
        buttons = list(super().get_list_more_buttons(instance))
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                ListingButton(
                    _("Representative"),
                    url=reverse("members_centre:representative", args=[instance.pk]),
                    icon_name="user",
                    priority=30,
                )
            )
        return buttons


class CentreViewSet(SelectRelatedViewSet):
    """Staff manage member centres: search, filters, CSV/XLSX export, dues inline."""

    model = Centre
    icon = "group"
    menu_label = _("Member centres")
    url_prefix = "members/centre"
    name = "members_centre"
    index_view_class = CentreIndexView
    list_display = ["name", "kind", "municipality", "status", "joined_on"]
    search_fields = ["name", "city", "director", "email", "nip", "municipality__name"]
    search_backend_name = None
    filterset_class = CentreFilterSet
    list_export = [
        "name",
        "kind",
        "status",
        "municipality.name",
        "municipality.teryt",
        "municipality.voivodeship",
        "municipality.population",
        "street",
        "postal_code",
        "city",
        "phone",
        "email",
        "website",
        "director",
        "nip",
        "invoice_name",
        "joined_on",
        "eligibility_exception_reason",
    ]
    export_headings = {
        "municipality.name": _("Municipality"),
        "municipality.teryt": _("TERYT code"),
        "municipality.voivodeship": _("Voivodeship"),
        "municipality.population": _("Population"),
    }
    export_filename = "osrodki-czlonkowskie"
    copy_view_enabled = False
    delete_view_class = CentreDeleteView
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("kind"),
                FieldPanel("municipality"),
                FieldPanel("status"),
                FieldPanel("joined_on"),
                FieldPanel("eligibility_exception_reason"),
            ],
            heading=_("Membership"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("director"),
            ],
            heading=_("Address and contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("nip"), FieldPanel("invoice_name")],
            heading=_("Invoice data"),
        ),
        DuesInlinePanel("dues", heading=_("Yearly dues"), label=_("Dues")),
    ]

    list_select_related = ("municipality",)

    @property
    def representative_view(self):
        """Appoint the centre's representative."""
        return self.construct_view(
            AppointRepresentativeView,
            **self.get_inspect_view_kwargs(
                template_name="members/admin/centre_representative.html"
            ),
        )

    def get_urlpatterns(self):
        """The standard views plus appointing the representative."""
        return [
            *super().get_urlpatterns(),
            path(
                "representative/<int:pk>/",
                self.representative_view,
                name="representative",
            ),
        ]


class ApplicationIndexView(IndexView):
    """Applications: the title opens the application, pending ones get decision
    buttons."""

    def get_edit_url(self, instance):
        """The application opens in its inspect view."""
        return reverse("members_application:inspect", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        """Accept / Reject for pending applications."""
        buttons = list(super().get_list_more_buttons(instance))
        if (
            instance.status == ApplicationStatus.PENDING
            and self.permission_policy.user_has_permission(self.request.user, "change")
        ):
            buttons += [
                ListingButton(
                    _("Accept"),
                    url=reverse("members_application:accept", args=[instance.pk]),
                    icon_name="check",
                    priority=5,
                ),
                ListingButton(
                    _("Reject"),
                    url=reverse("members_application:reject", args=[instance.pk]),
                    icon_name="cross",
                    priority=6,
                ),
            ]
        return buttons


class ApplicationFilterSet(WagtailFilterSet):
    """Filter applications by status, kind and voivodeship."""

    municipality__voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"), choices=VOIVODESHIP_CHOICES
    )

    class Meta:
        model = Application
        fields = ["status", "kind", "municipality__voivodeship"]


class ApplicationViewSet(SelectRelatedViewSet):
    """Staff review membership applications and accept or reject them."""

    model = Application
    icon = "form"
    menu_label = _("Applications")
    url_prefix = "members/application"
    name = "members_application"
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_template_name = "members/admin/application_inspect.html"
    inspect_view_enabled = True
    inspect_view_fields = APPLICATION_FIELDS
    copy_view_enabled = False
    list_display = [
        "centre_name",
        Column("municipality", label=_("Municipality"), accessor="municipality"),
        "kind",
        "status",
        "created_at",
    ]
    list_filter = None
    filterset_class = ApplicationFilterSet
    search_fields = ["centre_name", "city", "email", "last_name", "municipality__name"]
    search_backend_name = None
    list_export = [*APPLICATION_FIELDS]
    export_filename = "wnioski-czlonkowskie"

    def get_form_class(self, for_update=False):
        """Pending applications are edited; decided ones are read-only."""
        return ApplicationAdminForm

    list_select_related = ("municipality", "decided_by", "centre")

    @property
    def accept_view(self):
        """POST-only decision: accept."""
        return self.construct_view(
            AcceptApplicationView,
            **self.get_inspect_view_kwargs(template_name=DECISION_TEMPLATE),
        )

    @property
    def reject_view(self):
        """POST-only decision: reject."""
        return self.construct_view(
            RejectApplicationView,
            **self.get_inspect_view_kwargs(template_name=DECISION_TEMPLATE),
        )

    def get_urlpatterns(self):
        """The standard views plus accept and reject."""
        return [
            *super().get_urlpatterns(),
            path("accept/<int:pk>/", self.accept_view, name="accept"),
            path("reject/<int:pk>/", self.reject_view, name="reject"),
        ]


class ReadOnlyPanel(FieldPanel):
    """A field shown, never edited; an empty value reads "–", not "None"."""

    def __init__(self, field_name, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        """A dash for nothing."""
        if value in (None, ""):
            return "–"
        return super().format_value_for_display(value)


class InvitationViewSet(SelectRelatedViewSet):
    """Invitations: the office invites people to any centre and sees who was invited,
    whether the link was used, and why a representative's invitation was refused."""

    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    url_prefix = "members/invitation"
    name = "members_invitation"
    add_view_class = InvitationCreateView
    list_display = [
        "email",
        "centre",
        "role",
        "created_at",
        "expires_at",
        "used_at",
        "refusal",
    ]
    search_fields = ["email", "centre__name"]
    search_backend_name = None
    list_filter = ["role", "refusal"]
    copy_view_enabled = False
    add_to_admin_menu = False

    list_select_related = ("centre",)

    def get_add_view_kwargs(self, **kwargs):
        """The create form: centre, address, role and the suggested names."""
        return super().get_add_view_kwargs(
            form_class=InvitationCreateForm,
            panel=ObjectList(
                [
                    FieldPanel("centre"),
                    FieldPanel("email"),
                    FieldPanel("role"),
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                ]
            ).bind_to_model(Invitation),
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs):
        """The edit form: what was sent is shown, only names and expiry change."""
        return super().get_edit_view_kwargs(
            form_class=InvitationEditForm,
            panel=ObjectList(
                [
                    *(ReadOnlyPanel(name) for name in INVITATION_READ_ONLY_FIELDS),
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldPanel("expires_at"),
                ]
            ).bind_to_model(Invitation),
            **kwargs,
        )

    def get_form_class(self, for_update=False):
        """The edit form for updates, the create form otherwise."""
        return InvitationEditForm if for_update else InvitationCreateForm


INVITATION_READ_ONLY_FIELDS = [
    "centre",
    "email",
    "role",
    "invited_by",
    "created_at",
    "used_at",
    "closed_at",
    "refusal",
]


class MembersViewSetGroup(ModelViewSetGroup):
    """The "Members" menu of the admin."""

    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 250
    items = (CentreViewSet, ApplicationViewSet, MunicipalityViewSet, InvitationViewSet)


@hooks.register("register_admin_viewset")
def register_members_viewsets():
    """Add the Members menu to the admin."""
    return MembersViewSetGroup()


LOG_ACTIONS = [
    ("members.application_submit", _("Submit application"), _("Application submitted")),
    ("members.application_accept", _("Accept application"), _("Application accepted")),
    ("members.application_reject", _("Reject application"), _("Application rejected")),
    ("members.centre_admit", _("Admit centre"), _("Centre admitted as a member")),
    ("members.centre_contacts", _("Change contacts"), _("Centre contacts changed")),
    ("members.invitation_create", _("Invite"), _("Invitation sent")),
    ("members.invitation_cancel", _("Withdraw invitation"), _("Invitation withdrawn")),
    ("members.invitation_accept", _("Accept invitation"), _("Invitation accepted")),
    ("members.person_remove", _("Remove person"), _("Person removed from the centre")),
    (
        "members.representative_handover",
        _("Hand over representative"),
        _("Representative role handed over"),
    ),
    (
        "members.person_delete_account",
        _("Delete account"),
        _("A person deleted their account"),
    ),
    (
        "members.centre_without_representative",
        _("Left without a representative"),
        _("The only representative left; the centre has no representative"),
    ),
    (
        "members.representative_appoint",
        _("Appoint representative"),
        _("The office appointed the centre's representative"),
    ),
]


@hooks.register("register_log_actions")
def register_members_log_actions(actions):
    """The audit-log actions written by the members services."""
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("razem_retention")
def application_retention():
    """Daily retention: long-decided applications, stale invitations."""
    from .services.retention import (
        anonymise_decided_applications,
        delete_stale_invitations,
    )

    return {
        "applications_anonymised": anonymise_decided_applications(),
        "invitations_deleted": delete_stale_invitations(),
    }


@hooks.register("razem_personal_data_sources")
def members_personal_data_sources():
    """The members app's personal data: what a person's export holds, and why the
    centres' own contact data is not part of it."""
    from razem.privacy import PersonalDataSource

    from .services import privacy

    return [
        PersonalDataSource("members.User", "account", privacy.account_data),
        PersonalDataSource(
            "account.EmailAddress", "email_addresses", privacy.email_addresses_data
        ),
        PersonalDataSource("mfa.Authenticator", "two_factor", privacy.two_factor_data),
        PersonalDataSource("members.Membership", "membership", privacy.membership_data),
        PersonalDataSource(
            "members.Application", "applications", privacy.applications_data
        ),
        PersonalDataSource(
            "members.Application",
            "applications_decided",
            privacy.applications_decided_data,
        ),
        PersonalDataSource(
            "members.Invitation",
            "invitations_received",
            privacy.invitations_received_data,
        ),
        PersonalDataSource(
            "members.Invitation", "invitations_sent", privacy.invitations_sent_data
        ),
        PersonalDataSource(
            "members.Centre",
            exempt=(
                "An institution's own record: the centre's address, phone, e-mail "
                "and the name of its director as the head of a public body, "
                "published in the member register; not tied to an account."
            ),
        ),
    ]
