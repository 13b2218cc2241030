"""Admin and site registrations of the consultations app."""

from django.db.models import Exists, OuterRef
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from razem.cache import remembered

from . import admin_urls
from .models import DraftLaw, OpinionPage, Signature
from .permissions import can_manage_opinion, can_manage_opinions

HOME_PANEL_LIMIT = 5
CENTRE_PANEL_LIMIT = 20


class DraftLawViewSet(SnippetViewSet):
    """Draft laws in the admin: staff add, edit and follow their deadlines."""

    model = DraftLaw
    icon = "doc-full"
    menu_label = _("Draft laws")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "number", "ministry", "stage", "consultation_deadline"]
    list_filter = ["stage"]
    search_fields = ["title", "number", "ministry"]
    ordering = ["consultation_deadline"]


register_snippet(DraftLawViewSet)


@hooks.register("register_admin_urls")
def register_consultations_admin_urls():
    """The opinion console, transitions and exports under /admin/opinie/."""
    return [path("opinie/", include(admin_urls, namespace="consultations_admin"))]


class OpinionsMenuItem(MenuItem):
    """Shown to people who may manage opinion pages."""

    def is_shown(self, request):
        return can_manage_opinions(request.user)


@hooks.register("register_admin_menu_item")
def register_opinions_menu_item():
    """A menu entry with every opinion, its state and its co-signers."""
    return OpinionsMenuItem(
        _("Opinions and signatures"),
        reverse("consultations_admin:opinions"),
        icon_name="doc-full-inverse",
        order=310,
    )


def _opinion_buttons(page, user, priority):
    """Buttons for the console and each available action of an opinion page."""
    from .admin_views import available_actions

    if not isinstance(page.specific_deferred, OpinionPage):
        return
    opinion = page.specific_deferred
    if not can_manage_opinion(user, opinion):
        return
    yield Button(
        _("State and signatures"),
        reverse("consultations_admin:opinion", args=[opinion.pk]),
        icon_name="list-ul",
        priority=priority,
    )
    actions = available_actions(opinion, user)
    for number, (key, action) in enumerate(actions, start=1):
        yield Button(
            action.label,
            reverse("consultations_admin:transition", args=[opinion.pk, key]),
            icon_name="arrow-right",
            priority=priority + number,
        )


@hooks.register("register_page_header_buttons")
def opinion_header_buttons(page, user, view_name, next_url=None):
    """State actions in the opinion page's header menu."""
    yield from _opinion_buttons(page, user, priority=5)


@hooks.register("register_page_listing_more_buttons")
def opinion_listing_buttons(page, user, next_url=None):
    """State actions in the page listing's "more" menu."""
    yield from _opinion_buttons(page, user, priority=45)


@hooks.register("before_edit_page")
def warn_when_the_letter_is_final(request, page):
    """From closing on, the letter's fields are read-only in the editor: say why."""
    from django.contrib import messages

    specific = page.specific_deferred
    if isinstance(specific, OpinionPage) and specific.is_frozen:
        messages.warning(
            request,
            _(
                "Signing is closed and the letter was generated from this text: the "
                "letter's fields and the deadline are read-only. A correction after "
                "sending is added as an erratum in “State and signatures”."
            ),
        )


@hooks.register("before_delete_page")
def refuse_deleting_public_opinions(request, page):
    """The opinion index cannot be deleted while it holds public opinions.

    An opinion itself refuses through its permission tester; this covers its
    parent, whose deletion would take the opinions with it.
    """
    from django.contrib import messages
    from django.shortcuts import redirect

    from .choices import PUBLIC_STATES

    if (
        not OpinionPage.objects.descendant_of(page, inclusive=True)
        .filter(state__in=PUBLIC_STATES)
        .exists()
    ):
        return None
    messages.error(
        request,
        _(
            "This page holds opinions that centres have co-signed or that were sent; "
            "they are the association's record and cannot be deleted."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("razem_personal_data_sources")
def consultations_personal_data():
    """Comments, co-signatures, reminders, state changes and errata of a person."""
    from .privacy import personal_data_sources

    return personal_data_sources()


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    """Audit-log actions of opinions: state changes, signatures, moderation."""
    actions.register_action(
        "consultations.open", _("Open for signatures"), _("Opened for signatures")
    )
    actions.register_action(
        "consultations.closed", _("Close signing"), _("Signing closed")
    )
    actions.register_action("consultations.sent", _("Mark as sent"), _("Letter sent"))
    actions.register_action(
        "consultations.answered", _("Record the reply"), _("Reply recorded")
    )
    actions.register_action(
        "consultations.letter", _("Generate the letter"), _("Letter generated again")
    )
    actions.register_action("consultations.sign", _("Co-sign"), _("Co-signed"))
    actions.register_action(
        "consultations.withdraw",
        _("Withdraw co-signature"),
        _("Co-signature withdrawn"),
    )
    actions.register_action(
        "consultations.comment_hide", _("Hide comment"), _("Comment hidden")
    )
    actions.register_action(
        "consultations.erratum", _("Add an erratum"), _("Erratum added")
    )


@hooks.register("razem_home_panels")
def open_opinions_home_panel(request):
    """Opinions open for co-signing, soonest deadline first (two queries)."""
    opinions = list(
        OpinionPage.objects.live()
        .public()
        .open_for_signing()
        .with_signature_count()
        .order_by("signing_deadline")[:HOME_PANEL_LIMIT]
    )
    return {
        "template": "consultations/includes/home_panel.html",
        "order": 30,
        "opinions": opinions,
        # The soonest deadline takes an opinion off this panel: the cached home
        # page lives no longer than that.
        "fresh_until": opinions[0].signing_deadline if opinions else None,
    }


@hooks.register("razem_centre_panels")
def centre_signatures_panel(request, membership):
    """What the centre has co-signed, and what is open for its signature.

    Kept under the cache generation per centre: signing, withdrawing, publishing
    and state changes bump it; a deadline that passes is filtered out here.
    """
    from members.permissions import is_member_in_good_standing

    centre_id = membership.centre_id
    in_good_standing = is_member_in_good_standing(membership.centre)
    now = timezone.now()
    signed, open_opinions = remembered(
        "consultations:centre-panel",
        centre_id,
        compute=lambda: _centre_signatures(centre_id),
    )
    return {
        "template": "consultations/includes/centre_panel.html",
        "order": 40,
        "signed": signed,
        # A centre not in good standing cannot sign: nothing awaits it.
        "awaiting": [o for o in open_opinions if o.signing_deadline > now][
            :CENTRE_PANEL_LIMIT
        ]
        if in_good_standing
        else [],
        "in_good_standing": in_good_standing,
        "is_representative": membership.is_representative,
    }


def _centre_signatures(centre_id: int) -> tuple[list, list]:
    """The centre's latest co-signatures and the opinions it may still sign.

    Only the columns the panel shows: whole page rows cost more than the queries.
    """
    signed = list(
        Signature.objects.active()
        .filter(centre_id=centre_id)
        .select_related("opinion", "signed_by")
        .only(
            "signed_at",
            "opinion__title",
            "opinion__url_path",
            "signed_by__first_name",
            "signed_by__last_name",
            "signed_by__email",
        )
        .order_by("-signed_at")[:CENTRE_PANEL_LIMIT]
    )
    awaiting = list(
        OpinionPage.objects.live()
        .open_for_signing(timezone.now())
        .exclude(
            Exists(
                Signature.objects.active().filter(
                    centre_id=centre_id, opinion=OuterRef("pk")
                )
            )
        )
        .only("title", "url_path", "signing_deadline")
        .order_by("signing_deadline")[: CENTRE_PANEL_LIMIT * 2]
    )
    return signed, awaiting
