"""Conference pages: the index (/konferencje/) and one page per edition."""

import datetime
from itertools import groupby

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from razem.blocks import BaseStreamBlock, VideoBlock
from razem.cache import keep_until
from razem.fields import LimitedRichTextField, LimitedTextField
from razem.models import ContentPageMixin

from ..admin_forms import ConferencePageForm, ProgrammeChecksPanel
from ..choices import SessionKind

END_BEFORE_START = _("The last day cannot be before the first day.")
CLOSES_BEFORE_OPENS = _("Registration must close after it opens.")
NEGATIVE_FEE = _("A fee cannot be negative.")
SESSION_END_BEFORE_START = _("The session must end after it starts.")
CAPACITY_ONLY_WORKSHOPS = _("Only workshops have their own places.")
NO_PLACES = _("A conference needs at least one place.")
WORKSHOP_NO_PLACES = _(
    "A workshop needs at least one place; leave the field empty for no limit."
)
CLOSES_AFTER_END = _("Registration cannot close after the conference ends.")
OPENS_AFTER_END = _("Registration cannot open after the conference ends.")
DEADLINE_AFTER_START = _(
    "Centres cannot cancel once the conference has started: set a deadline "
    "before its first day."
)


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the day, in the site's time zone (Europe/Warsaw)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class ConferenceIndexPage(ContentPageMixin, Page):
    """The list of conferences at /konferencje/: upcoming first, then the archive.

    One per site, directly under the home page; its children are conference pages.
    """

    intro = LimitedRichTextField(
        _("introduction"),
        max_length=3000,
        blank=True,
        features=["bold", "italic", "link"],
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["razem.HomePage"]
    subpage_types = ["conferences.ConferencePage"]
    max_count = 1

    class Meta:
        verbose_name = _("conference index")
        verbose_name_plural = _("conference indexes")

    def get_context(self, request, *args, **kwargs):
        """Split the published conferences into upcoming and archive."""
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        conferences = (
            ConferencePage.objects.child_of(self).live().public().order_by("start_date")
        )
        context["upcoming"] = [c for c in conferences if c.end_date >= today]
        context["archive"] = [c for c in reversed(conferences) if c.end_date < today]
        return context


class ConferencePermissionTester(PagePermissionTester):
    """A conference with registrations cannot be deleted in the admin (nor in bulk).

    Its registrations are the record of who registered and took part; the page
    may be unpublished instead. The database refuses too (`on_delete=PROTECT`).
    """

    def can_delete(self, ignore_bulk=False):
        """Only a conference nobody has registered for."""
        if self.page.specific_class is ConferencePage and (
            self.page.specific_deferred.registrations.exists()
        ):
            return False
        return super().can_delete(ignore_bulk)


class ConferencePage(ContentPageMixin, Page):
    """One edition of the yearly conference: programme, venue, registration settings.

    Lives under the conference index. Its sessions, documents and gallery are inline
    records; registrations are plain records pointing at the page.
    """

    edition = models.PositiveSmallIntegerField(
        _("edition number"), help_text=_("For example 10 for the 10th conference.")
    )
    motto = models.CharField(_("motto"), max_length=255, blank=True)
    lead = LimitedTextField(_("lead"), blank=True, max_length=1000)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=255, blank=True)
    venue_city = models.CharField(_("city"), max_length=100, blank=True)
    description = StreamField(
        BaseStreamBlock(), verbose_name=_("description"), blank=True
    )
    video = StreamField(
        [("video", VideoBlock())],
        verbose_name=_("video"),
        blank=True,
        max_num=1,
    )

    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    cancellation_deadline = models.DateTimeField(
        _("centres may cancel until"),
        null=True,
        blank=True,
        help_text=_("Empty: until registration closes."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), default=100, help_text=_("Total number of participants.")
    )
    per_centre_limit = models.PositiveSmallIntegerField(
        _("limit per centre"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. Counts confirmed and waiting participants."),
    )
    allow_non_members = models.BooleanField(
        _("non-member centres may register"),
        default=False,
        help_text=_("Their participants wait for staff confirmation."),
    )
    member_fee = models.DecimalField(
        _("fee for member centres (PLN)"), max_digits=8, decimal_places=2, default=0
    )
    non_member_fee = models.DecimalField(
        _("fee for other centres (PLN)"), max_digits=8, decimal_places=2, default=0
    )
    offers_meals = models.BooleanField(_("meals offered"), default=True)
    offers_accommodation = models.BooleanField(_("accommodation offered"), default=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("edition"), FieldPanel("motto"), FieldPanel("lead")],
            heading=_("Edition"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("venue_name"),
                FieldRowPanel([FieldPanel("venue_address"), FieldPanel("venue_city")]),
            ],
            heading=_("Dates and venue"),
        ),
        FieldPanel("description"),
        FieldPanel("video"),
        InlinePanel("documents", label=_("Documents")),
    ]
    programme_panels = [
        ProgrammeChecksPanel(),
        InlinePanel("sessions", label=_("Programme items")),
    ]
    registration_panels = [
        FieldRowPanel(
            [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
        ),
        FieldPanel("cancellation_deadline"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("per_centre_limit")]),
        FieldPanel("allow_non_members"),
        FieldRowPanel([FieldPanel("member_fee"), FieldPanel("non_member_fee")]),
        FieldRowPanel([FieldPanel("offers_meals"), FieldPanel("offers_accommodation")]),
    ]
    gallery_panels = [InlinePanel("gallery_images", label=_("Gallery"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(programme_panels, heading=_("Programme")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(gallery_panels, heading=_("Gallery")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("motto"),
        index.SearchField("lead"),
        index.SearchField("venue_city"),
        index.SearchField("description"),
    ]
    parent_page_types = ["conferences.ConferenceIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ConferencePageForm

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="conference_ends_after_start",
                violation_error_message=END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_opens_at__isnull=True)
                | models.Q(
                    registration_closes_at__gt=models.F("registration_opens_at")
                ),
                name="conference_registration_window_order",
                violation_error_message=CLOSES_BEFORE_OPENS,
            ),
            models.CheckConstraint(
                condition=models.Q(member_fee__gte=0) & models.Q(non_member_fee__gte=0),
                name="conference_fees_not_negative",
                violation_error_message=NEGATIVE_FEE,
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="conference_has_places",
                violation_error_message=NO_PLACES,
            ),
        ]

    #: Set while the editor's form validates the page alone: its programme rows
    #: are not attached to the page yet, so the form checks the programme itself
    #: once the rows are valid (see `ConferencePageForm`).
    programme_checked_by_form = False

    def clean(self):
        """Every rule of the page at once, each message beside its field.

        Dates in order, registration closing after it opens and neither opening
        nor closing after the conference ends, the cancellation deadline before
        the first day, fees not negative, at least one place and not fewer than
        the places already held, and the programme
        (`services.programme`): these hold for the editor, revisions published
        later or on schedule, and code alike (`Page.save` runs `full_clean`).
        """
        super().clean()
        errors: dict[str, list] = {}
        for field, message in self._field_problems():
            errors.setdefault(field, []).append(message)
        if not self.programme_checked_by_form:
            from ..services.programme import programme_problems

            for problem in programme_problems(self, self.sessions.all()):
                if problem.blocking:
                    errors.setdefault(NON_FIELD_ERRORS, []).append(problem.describe())
        if errors:
            raise ValidationError(errors)

    def _field_problems(self) -> list[tuple[str, str]]:
        from ..services.capacity import capacity_error, places_held

        problems = []
        if self.start_date and self.end_date and self.end_date < self.start_date:
            problems.append(("end_date", END_BEFORE_START))
        problems.extend(self._window_problems())
        for field in ("member_fee", "non_member_fee"):
            if (getattr(self, field) or 0) < 0:
                problems.append((field, NEGATIVE_FEE))
        if self.capacity is not None and self.capacity < 1:
            problems.append(("capacity", NO_PLACES))
        elif self.pk:
            message = capacity_error(self.capacity, places_held(self.pk))
            if message:
                problems.append(("capacity", message))
        return problems

    def _window_problems(self) -> list[tuple[str, str]]:
        """Registration opens before it closes, both before the conference ends;
        centres cancel only before the first day (Europe/Warsaw)."""
        problems = []
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            problems.append(("registration_closes_at", CLOSES_BEFORE_OPENS))
        if self.end_date:
            ended = day_start(self.end_date + datetime.timedelta(days=1))
            if opens and opens >= ended:
                problems.append(("registration_opens_at", OPENS_AFTER_END))
            if closes and closes > ended:
                problems.append(("registration_closes_at", CLOSES_AFTER_END))
        deadline = self.cancellation_deadline
        if deadline and self.start_date and deadline > day_start(self.start_date):
            problems.append(("cancellation_deadline", DEADLINE_AFTER_START))
        return problems

    def save(self, *args, **kwargs):
        """Write the page; an existing one under the registration lock.

        A full save (publishing in the editor, a scheduled or later publish, code)
        of an existing conference goes through `services.capacity.save_conference`:
        the capacity is checked again under the lock and a raised capacity, of the
        conference or of a workshop, promotes the waiting list in order.
        """
        update_fields = kwargs.get("update_fields")
        if self.pk is None or (
            update_fields is not None and "capacity" not in update_fields
        ):
            return super().save(*args, **kwargs)
        from ..services.capacity import save_conference

        result = []
        save_conference(
            self,
            lambda: result.append(super(ConferencePage, self).save(*args, **kwargs)),
        )
        return result[0] if result else None

    # Derived values used by templates and services.

    @property
    def edition_roman(self) -> str:
        """The edition as a Roman numeral ("X"), as the association writes it."""
        numerals = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
            (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
            (5, "V"), (4, "IV"), (1, "I"),
        ]  # fmt: skip
        number, result = self.edition or 0, ""
        for value, letters in numerals:
            while number >= value:
                result += letters
                number -= value
        return result

    @property
    def days(self) -> list[datetime.date]:
        """Every day of the conference, first to last."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=n) for n in range(count)]

    @property
    def nights(self) -> int:
        """Accommodation nights a participant may book (one less than the days)."""
        return max(len(self.days) - 1, 0)

    @property
    def cancel_until(self):
        """Until when a centre may cancel its own registrations."""
        return self.cancellation_deadline or self.registration_closes_at

    def registration_state(self, now=None) -> str:
        """ "not_yet", "open" or "closed" at the given moment."""
        now = now or timezone.now()
        if self.registration_opens_at is None or now < self.registration_opens_at:
            return "not_yet"
        if (
            self.registration_closes_at is not None
            and now >= self.registration_closes_at
        ):
            return "closed"
        if self.start_date < timezone.localdate(now):
            return "closed"
        return "open"

    def next_state_change(self, now=None):
        """The next moment `registration_state` changes by the clock alone (its
        opening, its closing, the day after the start), or None."""
        now = now or timezone.now()
        day_after_start = timezone.make_aware(
            datetime.datetime.combine(
                self.start_date + datetime.timedelta(days=1), datetime.time()
            )
        )
        moments = (
            self.registration_opens_at,
            self.registration_closes_at,
            day_after_start,
        )
        return min((m for m in moments if m and m > now), default=None)

    def permissions_for_user(self, user):
        """Conferences with registrations are not deletable (see the tester)."""
        return ConferencePermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        """The cached anonymous page lives no longer than its registration state."""
        response = super().serve(request, *args, **kwargs)
        keep_until(response, self.next_state_change())
        return response

    @property
    def is_registration_open(self) -> bool:
        """True while centres may register."""
        return self.registration_state() == "open"

    @property
    def is_past(self) -> bool:
        """True once the last day is over."""
        return self.end_date < timezone.localdate()

    def fee_for(self, centre):
        """The fee per participant for this centre (member or non-member rate)."""
        return self.member_fee if centre.is_member else self.non_member_fee

    @cached_property
    def programme_sessions(self) -> list["Session"]:
        """Every session in time order, speakers prefetched (two queries)."""
        return list(
            self.sessions.all()
            .prefetch_related("speakers")
            .order_by("date", "start_time", "sort_order")
        )

    @property
    def workshops(self):
        """The sessions of kind workshop, which participants choose."""
        return self.sessions.filter(kind=SessionKind.WORKSHOP).order_by(
            "date", "start_time", "pk"
        )

    def get_context(self, request, *args, **kwargs):
        """Programme by day (each workshop with its places: a full one says so),
        speakers, occupancy and registration state."""
        from ..services.occupancy import conference_occupancy, workshop_occupancy

        context = super().get_context(request, *args, **kwargs)
        sessions = self.programme_sessions
        places = {w.pk: occupancy for w, occupancy in workshop_occupancy(self)}
        for session in sessions:
            session.occupancy = places.get(session.pk)
        context["programme"] = [
            (day, list(items)) for day, items in groupby(sessions, key=lambda s: s.date)
        ]
        speakers = {}
        for session in sessions:
            for speaker in session.speakers.all():
                speakers.setdefault(speaker.pk, speaker)
        speakers = sorted(speakers.values(), key=lambda s: s.name)
        # Photos and their renditions in two queries, not one per speaker.
        prefetch_related_objects(speakers, "photo__renditions")
        context["speakers"] = speakers
        context["documents"] = self.documents.select_related("document")
        context["gallery_images"] = self.gallery_images.select_related(
            "image"
        ).prefetch_related("image__renditions")
        context["occupancy"] = conference_occupancy(self)
        context["registration_state"] = self.registration_state()
        return context


class Session(Orderable, ClusterableModel):
    """One programme item: a lecture, workshop, debate or break on a given day.

    Workshops have their own capacity; participants choose them when registering.
    """

    page = ParentalKey(
        ConferencePage, on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=SessionKind.choices,
        default=SessionKind.LECTURE,
    )
    date = models.DateField(_("day"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=255)
    description = LimitedTextField(_("description"), blank=True, max_length=3000)
    speakers = ParentalManyToManyField(
        "conferences.Speaker",
        verbose_name=_("speakers"),
        blank=True,
        related_name="sessions",
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Workshops only: how many participants fit in the room."),
    )
    unlimited_confirmed = models.BooleanField(
        _("Workshop without a place limit — I confirm"),
        default=False,
        help_text=_(
            "Workshops only: tick to publish a workshop with no capacity, which any "
            "number of participants may choose."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldRowPanel(
            [FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("room")]
        ),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("speakers"),
        FieldPanel("capacity"),
        FieldPanel("unlimited_confirmed"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="session_ends_after_start",
                violation_error_message=SESSION_END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=models.Q(kind="workshop") | models.Q(capacity__isnull=True),
                name="session_capacity_only_for_workshops",
                violation_error_message=CAPACITY_ONLY_WORKSHOPS,
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="session_capacity_at_least_one",
                violation_error_message=WORKSHOP_NO_PLACES,
            ),
        ]

    def __str__(self):
        return f"{self.date:%d.%m} {self.start_time:%H:%M} {self.title}"

    def clean(self):
        """Times in order; a capacity only for workshops and not below the places
        participants have; the day within the conference. All errors at once."""
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = SESSION_END_BEFORE_START
        if self.kind != SessionKind.WORKSHOP and self.capacity is not None:
            errors["capacity"] = CAPACITY_ONLY_WORKSHOPS
        elif self.capacity is not None and self.capacity < 1:
            errors["capacity"] = WORKSHOP_NO_PLACES
        elif self.pk and self.capacity is not None:
            from ..services.capacity import (
                confirmed_by_session,
                workshop_capacity_error,
            )

            confirmed = confirmed_by_session([self.pk]).get(self.pk, 0)
            message = workshop_capacity_error(self.capacity, confirmed)
            if message:
                errors["capacity"] = message
        if self._outside_conference():
            errors["date"] = _("The day must fall within the conference.")
        if errors:
            raise ValidationError(errors)

    def _outside_conference(self) -> bool:
        try:
            page = self.page
        except ConferencePage.DoesNotExist:
            return False
        if not (page and self.date and page.start_date and page.end_date):
            return False
        return not page.start_date <= self.date <= page.end_date

    @property
    def is_workshop(self) -> bool:
        """True for a workshop, which participants choose."""
        return self.kind == SessionKind.WORKSHOP

    @property
    def minutes(self) -> int:
        """Length in minutes."""
        start = datetime.datetime.combine(self.date, self.start_time)
        end = datetime.datetime.combine(self.date, self.end_time)
        return int((end - start).total_seconds() // 60)

    def overlaps(self, other: "Session") -> bool:
        """True when both sessions run at the same time on the same day."""
        return (
            self.date == other.date
            and self.start_time < other.end_time
            and other.start_time < self.end_time
        )


class ConferenceDocument(Orderable):
    """A downloadable file of a conference (programme, presentation, report)."""

    page = ParentalKey(
        ConferencePage, on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("link text"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title or self.document.title


class ConferenceGalleryImage(Orderable):
    """A photo from the conference, shown in the gallery afterwards."""

    page = ParentalKey(
        ConferencePage, on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(_("alternative text"), max_length=250, blank=True)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def __str__(self):
        return self.caption or self.image.title
