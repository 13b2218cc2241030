"""Draft laws, opinion pages and the records around them (signatures, comments).

An opinion's workflow fields (state, letter, sending, answer) are changed only by the
services in `consultations.services`; they are not in the page editor and survive
publishing an older revision (see `OpinionPage.with_content_json`).

Once signing closes, the letter is generated from the opinion's letter fields and a
snapshot of them is stored (`frozen_content`): from then on those fields are read-only
in the editor (`OpinionPageForm`), a revision cannot bring them back, and `clean()`
refuses any other change. A correction after sending is an `Erratum`.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from razem.cache import keep_until
from razem.fields import LimitedRichTextField, LimitedTextField
from razem.models import ContentPageMixin

from .admin_forms import OpinionCopyForm, OpinionPageForm
from .choices import (
    DELIVERED_STATES,
    DISCUSSION_STATES,
    FROZEN_STATES,
    PUBLIC_STATES,
    DraftLawStage,
    OpinionKind,
    OpinionState,
    SendChannel,
)

# Sub-paths the index page answers itself; no opinion may take these slugs.
RESERVED_SLUGS = {"projekty", "zasady-dyskusji"}

# Fields owned by the transition services, never restored from a revision or copied.
WORKFLOW_FIELDS = [
    "state",
    "state_version",
    "letter_pdf",
    "letter_sha256",
    "letter_date",
    "letter_generated_at",
    "sent_on",
    "sent_via",
    "answered_on",
    "reply_document",
    "reply_summary",
    "frozen_content",
    "letter_year",
    "letter_sequence",
]

# What the letter is generated from: read-only from closing on (FROZEN_STATES).
LETTER_FIELDS = [
    "kind",
    "addressee",
    "addressee_address",
    "subject",
    "body",
    "draft_law",
]
# Also frozen from closing on: the deadline centres signed under is part of the record.
FROZEN_FIELDS = [*LETTER_FIELDS, "signing_deadline"]
# The frozen fields that are text: compared as the editor normalises them.
FROZEN_TEXT_FIELDS = ("addressee", "addressee_address", "subject", "body")

_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def normalised_body(html) -> str:
    """A rich-text body as the page editor (Draftail) stores it, without block keys.

    The editor converts the stored HTML to its own format and back on every save:
    whitespace collapses, unsupported markup drops, each block gets a random key.
    Two bodies that read the same compare equal after this; links keep only safe
    addresses, so the result may also be shown as HTML.
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(OpinionPage._meta.get_field("body").features)
    html = converter.to_database_format(converter.from_database_format(str(html or "")))
    return _BLOCK_KEY.sub("", html)


def normalised_text(value) -> str:
    """A plain text as a browser posts it back: line endings unified, ends trimmed."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def comparable(name: str, value):
    """A frozen field's value in the form two equal-reading values share."""
    if value is None or value == "":
        return ""
    if name == "body":
        return normalised_body(value)
    if name in FROZEN_TEXT_FIELDS:
        return normalised_text(value)
    return value


class DraftLaw(index.Indexed, ClusterableModel):
    """A draft law (projekt aktu prawnego) in government consultation; a snippet."""

    title = models.CharField(_("title"), max_length=500)
    ministry = models.CharField(_("issuing ministry"), max_length=255)
    number = models.CharField(
        _("project number"),
        max_length=40,
        blank=True,
        help_text=_("The number in the government register, e.g. UD123."),
    )
    url = models.URLField(_("link to the government page"), blank=True)
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=DraftLawStage.choices,
        default=DraftLawStage.CONSULTATION,
    )
    consultation_deadline = models.DateField(
        _("consultation deadline"), null=True, blank=True, db_index=True
    )
    description = LimitedTextField(_("description"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("ministry"), FieldPanel("number")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("stage"), FieldPanel("consultation_deadline")]),
        FieldPanel("description"),
        InlinePanel("documents", label=_("Documents")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("number"),
        index.AutocompleteField("title"),
        index.FilterField("stage"),
    ]

    class Meta:
        verbose_name = _("draft law")
        verbose_name_plural = _("draft laws")
        ordering = ["consultation_deadline", "title"]

    def __str__(self):
        return f"{self.number} – {self.title}" if self.number else self.title

    # What a letter prints about the draft law: fixed once a letter names it.
    PRINTED_FIELDS = ("title", "number", "ministry")

    def clean(self):
        """Refuse renaming a draft law that a closed or sent letter names."""
        super().clean()
        if (
            self.pk is None
            or not self.opinions.filter(state__in=FROZEN_STATES).exists()
        ):
            return
        stored = (
            DraftLaw.objects.filter(pk=self.pk).values(*self.PRINTED_FIELDS).first()
        )
        message = _(
            "A closed or sent letter names this draft law; its title, number and "
            "ministry cannot change."
        )
        errors = {
            name: message
            for name in self.PRINTED_FIELDS
            if stored is not None and stored[name] != getattr(self, name)
        }
        if errors:
            raise ValidationError(errors)

    @property
    def is_in_consultation(self) -> bool:
        """True while the consultation deadline has not passed."""
        deadline = self.consultation_deadline
        return deadline is not None and deadline >= timezone.localdate()


class DraftLawDocument(Orderable):
    """A document attached to a draft law (the draft, its justification, OSR)."""

    draft_law = ParentalKey(
        DraftLaw, on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("draft law document")
        verbose_name_plural = _("draft law documents")

    @property
    def label(self) -> str:
        """The text of the download link."""
        return self.title or self.document.title


class OpinionIndexPage(RoutablePageMixin, ContentPageMixin, Page):
    """The list of opinions at /opinie/, a singleton under the home page.

    It also answers /opinie/projekty/ (draft laws in consultation) and
    /opinie/zasady-dyskusji/ (the rules of member discussion).
    """

    intro = LimitedRichTextField(
        _("introduction"),
        max_length=2000,
        blank=True,
        features=["bold", "italic", "link"],
    )
    discussion_rules = LimitedRichTextField(
        _("rules of discussion"),
        max_length=10000,
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Shown at /opinie/zasady-dyskusji/ and linked beside every form."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("discussion_rules"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["razem.HomePage"]
    subpage_types = ["consultations.OpinionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("opinion index")
        verbose_name_plural = _("opinion indexes")

    def get_context(self, request, *args, **kwargs):
        """The public opinions (open or later) and, for members, drafts to discuss."""
        from .permissions import can_discuss

        context = super().get_context(request, *args, **kwargs)
        opinions = (
            OpinionPage.objects.child_of(self)
            .live()
            .public()
            .with_signature_count()
            .order_by("-first_published_at")
        )
        context["opinions"] = list(opinions.filter(state__in=PUBLIC_STATES))
        context["drafts"] = (
            opinions.filter(state=OpinionState.DRAFT)
            if can_discuss(request.user)
            else OpinionPage.objects.none()
        )
        return context

    def serve(self, request, *args, **kwargs):
        """The cached anonymous list lasts no longer than the soonest open deadline."""
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        cap_cache_by_deadlines(response, context.get("opinions", []))
        return response

    @path("projekty/", name="draft_laws")
    def draft_laws(self, request):
        """The draft laws staff follow, soonest deadline first."""
        from .views import draft_law_list

        return draft_law_list(request, self)

    @path("zasady-dyskusji/", name="discussion_rules")
    def discussion_rules_view(self, request):
        """The rules members accept when they comment."""
        from .views import discussion_rules

        return discussion_rules(request, self)


class OpinionQuerySet(PageQuerySet):
    """Queries over opinions used by the index, the home page and the services."""

    def with_signature_count(self):
        """Annotate `signature_count`: active co-signatures."""
        return self.annotate(
            signature_count=Count(
                "signatures", filter=Q(signatures__withdrawn_at__isnull=True)
            )
        )

    def open_for_signing(self, now=None):
        """Opinions open for signatures whose deadline has not passed."""
        now = now or timezone.now()
        return self.filter(state=OpinionState.OPEN, signing_deadline__gt=now)


OpinionManager = PageManager.from_queryset(OpinionQuerySet)


class StateFieldPanel(FieldPanel):
    """A field panel shown read-only when the form has frozen its field (by state).

    Read-only, a rich text reads as formatted text (not its HTML), a multi-line text
    keeps its line breaks, and a refusal concerning the field shows beside it.
    """

    def format_value_for_display(self, value):
        """Rich text as formatted (safe) HTML, multi-line text with its breaks."""
        from django.template.defaultfilters import linebreaksbr
        from django.utils.safestring import mark_safe
        from wagtail.fields import RichTextField
        from wagtail.rich_text import expand_db_html

        if isinstance(self.db_field, RichTextField):
            # The editor's own conversion keeps only its features and safe links.
            return mark_safe(expand_db_html(normalised_body(value)))  # noqa: S308
        if isinstance(self.db_field, models.TextField):
            return linebreaksbr(value or "", autoescape=True)
        return super().format_value_for_display(value)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            frozen = getattr(self.form, "frozen_fields", ())
            if self.bound_field is not None and self.field_name in frozen:
                self.read_only = True

        def get_read_only_context_data(self):
            """With the bound field, so its errors show beside the read-only text,
            and below it the refused text a stale tab posted, to copy."""
            from django.template.loader import render_to_string

            context = super().get_read_only_context_data()
            context["field"] = self.bound_field
            refused = getattr(self.form, "refused_values", {})
            if self.field_name in refused:
                context["rendered_field"] = render_to_string(
                    "consultations/admin/refused_value.html",
                    {
                        "frozen": context["rendered_field"],
                        "refused": self.panel.format_value_for_display(
                            refused[self.field_name]
                        ),
                    },
                )
            return context


class OpinionPermissionTester(PagePermissionTester):
    """Once an opinion is public, editors may not delete or unpublish it.

    Centres co-signed it and, later, the letter went out: the page is the public
    record of both. Drafts behave as any page.
    """

    def _is_record(self) -> bool:
        return self.page.specific_deferred.state in PUBLIC_STATES

    def can_delete(self, ignore_bulk=False):
        """Never for a public opinion."""
        return not self._is_record() and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        """Never for a public opinion."""
        return not self._is_record() and super().can_unpublish()


class OpinionPage(ContentPageMixin, Page):
    """An opinion, position or motion of the association, under the opinion index.

    Its `state` moves draft → open → closed → sent → answered only through the
    services; the public sees it once it is open. An open opinion whose deadline
    has passed is shown as closed (`shown_state`) until the scheduled job closes it.
    """

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OpinionKind.choices,
        default=OpinionKind.POSITION,
    )
    addressee = models.CharField(
        _("addressee"),
        max_length=255,
        help_text=_("E.g. Minister Rodziny, Pracy i Polityki Społecznej."),
    )
    addressee_address = LimitedTextField(
        _("addressee's address"),
        max_length=500,
        blank=True,
        help_text=_("Printed on the letter."),
    )
    subject = models.CharField(_("subject"), max_length=500)
    summary = LimitedTextField(
        _("summary"),
        max_length=1000,
        blank=True,
        help_text=_("One or two sentences for the lists."),
    )
    body = LimitedRichTextField(
        _("body"),
        max_length=30000,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
    )
    draft_law = models.ForeignKey(
        DraftLaw,
        verbose_name=_("draft law"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    signing_deadline = models.DateTimeField(
        _("signing deadline"),
        null=True,
        blank=True,
        help_text=_("Centres may co-sign until this moment."),
    )

    state = models.CharField(
        _("state"),
        max_length=20,
        choices=OpinionState.choices,
        default=OpinionState.DRAFT,
        editable=False,
        db_index=True,
    )
    state_version = models.PositiveIntegerField(
        _("state version"), default=0, editable=False
    )
    letter_pdf = models.FileField(
        _("letter (PDF)"),
        upload_to="opinions/letters/%Y/",
        blank=True,
        editable=False,
    )
    letter_sha256 = models.CharField(
        _("letter SHA-256"), max_length=64, blank=True, editable=False
    )
    letter_date = models.DateField(_("letter date"), null=True, editable=False)
    letter_generated_at = models.DateTimeField(
        _("letter generated at"), null=True, editable=False
    )
    letter_year = models.PositiveSmallIntegerField(
        _("letter year"), null=True, editable=False
    )
    letter_sequence = models.PositiveIntegerField(
        _("letter number in its year"), null=True, editable=False
    )
    frozen_content = models.JSONField(
        _("content the letter was generated from"),
        default=dict,
        blank=True,
        editable=False,
    )
    sent_on = models.DateField(_("sent on"), null=True, editable=False)
    sent_via = models.CharField(
        _("sent via"),
        max_length=20,
        choices=SendChannel.choices,
        blank=True,
        editable=False,
    )
    answered_on = models.DateField(_("answered on"), null=True, editable=False)
    reply_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("reply document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reply_summary = LimitedTextField(
        _("reply summary"), max_length=5000, blank=True, editable=False
    )

    objects = OpinionManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                StateFieldPanel("kind"),
                StateFieldPanel("addressee"),
                StateFieldPanel("addressee_address"),
                StateFieldPanel("subject"),
            ],
            heading=_("Letter"),
        ),
        FieldPanel("summary"),
        StateFieldPanel("body"),
        FieldRowPanel(
            [StateFieldPanel("draft_law"), StateFieldPanel("signing_deadline")]
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("subject"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("addressee"),
        index.FilterField("state"),
    ]
    parent_page_types = ["consultations.OpinionIndexPage"]
    subpage_types: list[str] = []
    # A copy is a fresh draft: no workflow, no letter, and no deadline (the
    # original's may have passed; opening asks for a future one).
    exclude_fields_in_copy = [*WORKFLOW_FIELDS, "signing_deadline"]
    base_form_class = OpinionPageForm
    copy_form_class = OpinionCopyForm

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        permissions = [
            (
                "manage_opinion_workflow",
                _(
                    "Can run the opinion workflow (open for signing, close, "
                    "generate, send, reply, erratum)"
                ),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["letter_year", "letter_sequence"],
                name="consultations_one_letter_number",
                violation_error_message=_("This letter number is already taken."),
            )
        ]

    def clean(self):
        """Keep the index's sub-paths free, the letter's text fixed, the deadline ahead."""
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is reserved; choose another slug.")
        self.restore_frozen_text()
        errors.update(self._frozen_content_errors())
        errors.update(self._deadline_errors())
        if self.alias_of_id is not None:
            errors[NON_FIELD_ERRORS] = _(
                "An opinion cannot be an alias of another page; copy it instead."
            )
        if self.is_public and self.expire_at is not None:
            errors["expire_at"] = _(
                "A public opinion stays published: remove the expiry date."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_frozen(self) -> bool:
        """True from closing on: the letter was generated from the letter fields."""
        return self.state in FROZEN_STATES

    def frozen_field_names(self) -> list[str]:
        """The fields the editor shows read-only in the current state."""
        return list(FROZEN_FIELDS) if self.is_frozen else []

    def letter_snapshot(self) -> dict:
        """The frozen fields as JSON-ready values, compared with `frozen_content`."""
        deadline = self.signing_deadline
        return {
            "kind": self.kind,
            "addressee": self.addressee,
            "addressee_address": self.addressee_address,
            "subject": self.subject,
            "body": str(self.body or ""),
            "draft_law": self.draft_law_id,
            # To the second: the editor's widget drops microseconds.
            "signing_deadline": (
                deadline.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
                if deadline
                else None
            ),
        }

    def changed_frozen_fields(self) -> list[str]:
        """The frozen fields whose value differs from what the letter was made of.

        Texts are compared as the editor normalises them (`comparable`): saving a
        sent opinion in the editor sends the body through Draftail and back.
        """
        if not (self.is_frozen and self.frozen_content):
            return []
        snapshot = self.letter_snapshot()
        return [
            name
            for name in FROZEN_FIELDS
            if snapshot[name] != self.frozen_content.get(name)
            and comparable(name, snapshot[name])
            != comparable(name, self.frozen_content.get(name))
        ]

    def restore_frozen_text(self) -> None:
        """Put back the exact frozen text where it differs only as the editor
        normalises it, so the stored text stays the one the letter was made of."""
        if not (self.is_frozen and self.frozen_content):
            return
        snapshot = self.letter_snapshot()
        for name in FROZEN_TEXT_FIELDS:
            frozen = self.frozen_content.get(name)
            if (
                frozen is not None
                and snapshot[name] != frozen
                and comparable(name, snapshot[name]) == comparable(name, frozen)
            ):
                setattr(self, name, frozen)

    def is_unchanged_frozen_value(self, name: str, value) -> bool:
        """True when a value posted for a frozen field reads as the stored one.

        The editor's date-time widget shows minutes, so deadlines compare to the
        minute; a draft law compares by its id.
        """
        stored = getattr(self, name)
        if name == "draft_law":
            return getattr(value, "pk", value) == self.draft_law_id
        if isinstance(stored, datetime.datetime) or isinstance(
            value, datetime.datetime
        ):
            both = isinstance(stored, datetime.datetime) and isinstance(
                value, datetime.datetime
            )
            if not both:
                return False
            return stored.replace(second=0, microsecond=0) == value.replace(
                second=0, microsecond=0
            )
        return comparable(name, value) == comparable(name, stored)

    def _frozen_content_errors(self) -> dict:
        message = _(
            "Signing is closed and the letter was generated from this text, so it "
            "cannot change. After sending, add a correction as an erratum."
        )
        return dict.fromkeys(self.changed_frozen_fields(), message)

    def _deadline_errors(self) -> dict:
        """An open opinion keeps a deadline; a changed deadline lies ahead."""
        if self.state not in DISCUSSION_STATES:
            return {}
        deadline = self.signing_deadline
        if deadline is None:
            if self.state == OpinionState.OPEN:
                return {
                    "signing_deadline": _(
                        "An opinion open for signatures needs a signing deadline."
                    )
                }
            return {}
        stored = (
            OpinionPage.objects.filter(pk=self.pk)
            .values_list("signing_deadline", flat=True)
            .first()
            if self.pk
            else None
        )
        if deadline != stored and deadline <= timezone.now():
            return {
                "signing_deadline": _(
                    "The signing deadline cannot be moved into the past. To end "
                    "signing now, close it from “State and signatures”."
                )
            }
        return {}

    def with_content_json(self, content):
        """Restore a revision without rolling back the workflow fields.

        From closing on, the letter fields stay too: no revision, scheduled or
        reverted, can bring back a text the letter was not generated from.
        """
        obj = super().with_content_json(content)
        # The stored row, not this instance: a revision may hold a stale copy.
        current = OpinionPage.objects.filter(pk=self.pk).first() or self
        names = WORKFLOW_FIELDS + (FROZEN_FIELDS if current.is_frozen else [])
        for name in names:
            field = self._meta.get_field(name)
            setattr(obj, field.attname, getattr(current, field.attname))
        return obj

    def permissions_for_user(self, user):
        """Public opinions cannot be deleted or unpublished (OpinionPermissionTester)."""
        return OpinionPermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        """Drafts exist only for members and staff; everyone else gets a 404.

        An anonymous copy of an open opinion is cached no longer than until its
        deadline, so the cached page never shows a closed opinion as open.
        """
        from django.http import Http404

        from .permissions import can_view_opinion

        if not can_view_opinion(request.user, self):
            raise Http404
        response = super().serve(request, *args, **kwargs)
        cap_cache_by_deadlines(response, [self])
        return response

    def get_context(self, request, *args, **kwargs):
        """Co-signers and history for everyone; discussion and forms for members."""
        from .views import opinion_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(opinion_page_context(request, self))
        return context

    @property
    def shown_state(self) -> str:
        """The state as every page shows it: open past its deadline reads closed."""
        if self.state == OpinionState.OPEN and not self.is_signing_open:
            return OpinionState.CLOSED
        return self.state

    def get_shown_state_display(self) -> str:
        """The translated label of `shown_state`."""
        return OpinionState(self.shown_state).label

    @property
    def letter_number(self) -> str:
        """The letter's own reference, RAZEM/<year>/<n>, once it is generated."""
        if self.letter_year is None or self.letter_sequence is None:
            return ""
        return f"RAZEM/{self.letter_year}/{self.letter_sequence}"

    @property
    def is_public(self) -> bool:
        """True once the opinion is open for signatures (or later)."""
        return self.state in PUBLIC_STATES

    @property
    def search_public(self) -> bool:
        """Site search (razem.search) indexes an opinion only once it is public."""
        return self.is_public

    def get_sitemap_urls(self, request=None):
        """Drafts stay out of the sitemap: their address is not public yet."""
        if not self.is_public:
            return []
        return super().get_sitemap_urls(request)

    @property
    def is_discussable(self) -> bool:
        """True while members may comment: a draft, or open before the deadline."""
        return self.shown_state in DISCUSSION_STATES

    @property
    def is_signing_open(self) -> bool:
        """True while centres may co-sign: open and before the deadline."""
        return (
            self.state == OpinionState.OPEN
            and self.signing_deadline is not None
            and timezone.now() < self.signing_deadline
        )


def cap_cache_by_deadlines(response, opinions) -> None:
    """Keep an anonymous cached page no longer than the soonest open deadline."""
    for opinion in opinions:
        if opinion.is_signing_open:
            keep_until(response, opinion.signing_deadline)


class Erratum(models.Model):
    """A dated correction of a sent letter, shown beside it; the letter stays as sent.

    Added in the opinion console once the letter is sent; never edited or deleted.
    """

    # Records, not content: Wagtail's reference index ("usage") skips them.
    wagtail_reference_index_ignore = True

    opinion = models.ForeignKey(
        OpinionPage,
        verbose_name=_("opinion"),
        on_delete=models.PROTECT,
        related_name="errata",
    )
    dated = models.DateField(_("date of the erratum"))
    body = LimitedTextField(
        _("correction"),
        max_length=5000,
        help_text=_("What the letter should have said, quoted and corrected."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("erratum")
        verbose_name_plural = _("errata")
        ordering = ["dated", "pk"]

    def __str__(self):
        return f"{self.opinion_id}: {self.dated:%Y-%m-%d}"

    def clean(self):
        """Only for a sent letter; dated between sending and today."""
        super().clean()
        opinion = self.opinion if self.opinion_id else None
        if opinion is not None and opinion.state not in DELIVERED_STATES:
            raise ValidationError(
                _("An erratum can be added only after the letter has been sent.")
            )
        if self.dated is None or opinion is None:
            return
        if self.dated > timezone.localdate():
            raise ValidationError(
                {"dated": _("The erratum cannot be dated in the future.")}
            )
        if opinion.sent_on and self.dated < opinion.sent_on:
            raise ValidationError(
                {"dated": _("The erratum cannot be dated before the letter was sent.")}
            )


class OpinionEvent(models.Model):
    """One state change of an opinion: the public timeline and the staff history."""

    # Records, not content: Wagtail's reference index ("usage") skips them.
    wagtail_reference_index_ignore = True

    opinion = models.ForeignKey(
        OpinionPage,
        verbose_name=_("opinion"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_state = models.CharField(
        _("from state"), max_length=20, choices=OpinionState.choices
    )
    to_state = models.CharField(
        _("to state"), max_length=20, choices=OpinionState.choices
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("opinion state change")
        verbose_name_plural = _("opinion state changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.opinion_id}: {self.from_state} → {self.to_state}"


class SignatureQuerySet(models.QuerySet):
    """Signatures, active or withdrawn."""

    def active(self):
        """Signatures that have not been withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class Signature(models.Model):
    """A centre's co-signature of an opinion, given by its representative.

    Withdrawn signatures stay for the record; the database allows one active
    signature per centre and opinion.
    """

    # Records, not content: Wagtail's reference index ("usage") skips them.
    wagtail_reference_index_ignore = True

    opinion = models.ForeignKey(
        OpinionPage,
        verbose_name=_("opinion"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    centre = models.ForeignKey(
        "members.Centre",
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="opinion_signatures",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opinion", "centre"],
                condition=Q(withdrawn_at__isnull=True),
                name="consultations_one_active_signature_per_centre",
                violation_error_message=_("This centre has already co-signed."),
            )
        ]

    def __str__(self):
        return f"{self.centre} – {self.opinion}"


class Comment(models.Model):
    """A member's comment in the discussion of an opinion; never public.

    The body is stored sanitised. A hidden comment stays for the record with the
    moderator's reason.
    """

    # Records, not content: Wagtail's reference index ("usage") skips them.
    wagtail_reference_index_ignore = True

    opinion = models.ForeignKey(
        OpinionPage,
        verbose_name=_("opinion"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="opinion_comments",
    )
    centre = models.ForeignKey(
        "members.Centre",
        verbose_name=_("centre"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Stored sanitised: links gain attributes, so the limit is above the form's.
    body = LimitedTextField(_("comment"), max_length=20000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="consultations_hidden_comment_has_reason",
                violation_error_message=_("Give the reason for hiding the comment."),
            )
        ]

    def __str__(self):
        return f"{self.author} – {self.opinion}"

    @property
    def is_hidden(self) -> bool:
        """True once a moderator has hidden the comment."""
        return self.hidden_at is not None


class Reminder(models.Model):
    """A deadline reminder sent to a centre; makes the reminder job idempotent."""

    # Records, not content: Wagtail's reference index ("usage") skips them.
    wagtail_reference_index_ignore = True

    opinion = models.ForeignKey(
        OpinionPage,
        verbose_name=_("opinion"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    centre = models.ForeignKey(
        "members.Centre",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = LimitedTextField(_("recipients"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("signing reminder")
        verbose_name_plural = _("signing reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["opinion", "centre"], name="consultations_one_reminder"
            )
        ]

    def __str__(self):
        return f"{self.centre} – {self.opinion}"


class LetterCounter(models.Model):
    """The last letter number given in a year; locked while the next one is given.

    Numbers are given inside the transaction that closes signing, so a closing
    that fails gives its number back and the sequence has no gaps.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("letter counter")
        verbose_name_plural = _("letter counters")

    def __str__(self):
        return f"RAZEM/{self.year}: {self.last}"
