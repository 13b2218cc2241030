"""Site-wide page types, the association's settings and the visit counter."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from .blocks import BaseStreamBlock
from .cache import keep_until, mark_cacheable, remembered
from .fields import LimitedRichTextField, LimitedTextField
from .ratelimit import RateLimit

# Text limits of the house's pages (characters; rich text counts its text, not tags).
INTRO_MAX_LENGTH = 2_000
LEAD_MAX_LENGTH = 600
# Messages per client and hour through the contact form.
CONTACT_LIMIT = RateLimit("contact", limit=5, window=60 * 60)


class CachedPageMixin:
    """Let anonymous views of this page type be served from the page cache."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.method == "GET" and not request.user.is_authenticated:
            mark_cacheable(response)
        return response


class ContentPageMixin(CachedPageMixin):
    """Public content page: cached, with a PDF version, printable, with a metryczka."""

    show_pdf_link = True


class HomePage(ContentPageMixin, Page):
    """The site root: latest news, next conference, open opinions, contact data.

    Sections come from the feature apps through the `razem_home_panels` hook, so the
    home page knows no app's models.
    """

    intro = LimitedRichTextField(
        _("introduction"),
        max_length=INTRO_MAX_LENGTH,
        blank=True,
        features=["bold", "italic", "link"],
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        """Add the panels the feature apps contribute to the home page."""
        context = super().get_context(request, *args, **kwargs)
        panels = []
        for hook in hooks.get_hooks("razem_home_panels"):
            panel = hook(request)
            if panel:
                panels.append(panel)
        context["home_panels"] = sorted(
            panels, key=lambda panel: panel.get("order", 50)
        )
        return context

    def serve(self, request, *args, **kwargs):
        """A panel whose state changes at a known time (`fresh_until`, e.g. the
        soonest signing deadline) ends the cached copy's life then."""
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        for panel in context.get("home_panels", []):
            keep_until(response, panel.get("fresh_until"))
        return response


class StandardPage(ContentPageMixin, Page):
    """A plain page (about, statute, board, policies) anywhere under the home page."""

    lead = LimitedTextField(_("lead"), max_length=LEAD_MAX_LENGTH, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    parent_page_types = ["razem.HomePage", "razem.StandardPage"]
    subpage_types = ["razem.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class FormField(AbstractFormField):
    """One field of the contact form, defined by editors."""

    page = ParentalKey(
        "ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    # Wagtail's own fields, with limits that model validation enforces.
    choices = LimitedTextField(
        verbose_name=_("choices"),
        max_length=2_000,
        blank=True,
        help_text=_(
            "Comma or new line separated list of choices. Only applicable in "
            "checkboxes, radio and dropdown."
        ),
    )
    default_value = LimitedTextField(
        verbose_name=_("default value"),
        max_length=1_000,
        blank=True,
        help_text=_(
            "Default value. Comma or new line separated values supported for "
            "checkboxes."
        ),
    )


# What a visitor may type into each kind of field an editor defines.
TYPED_MAX_LENGTH = {
    "singleline": 255,
    "multiline": 5_000,
    "email": 254,
    "url": 2_000,
    "hidden": 255,
}


class LimitedFormBuilder(FormBuilder):
    """Wagtail's form builder with a length limit on every field a visitor types
    into, whatever the editor defined: a 100,000-character message is refused."""

    def create_multiline_field(self, field, options):
        """A textarea of at most 5,000 characters."""
        options["max_length"] = TYPED_MAX_LENGTH["multiline"]
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        """An e-mail address of at most 254 characters."""
        options["max_length"] = TYPED_MAX_LENGTH["email"]
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        """An address of at most 2,000 characters."""
        options["max_length"] = TYPED_MAX_LENGTH["url"]
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        """A hidden value of at most 255 characters."""
        options["max_length"] = TYPED_MAX_LENGTH["hidden"]
        return super().create_hidden_field(field, options)


class ContactPage(AbstractEmailForm):
    """The contact page with the association's data and a form e-mailed to the office.

    Not cached: the form carries a CSRF token.
    """

    show_pdf_link = True
    form_builder = LimitedFormBuilder

    intro = LimitedRichTextField(
        _("introduction"), max_length=INTRO_MAX_LENGTH, blank=True
    )
    thank_you_text = LimitedRichTextField(
        _("thank-you text"), max_length=INTRO_MAX_LENGTH, blank=True
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["razem.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_form_class(self):
        """Add the honeypot field that people never see and robots fill in."""
        from .forms import HoneypotFormMixin

        base = super().get_form_class()
        return type("ContactForm", (HoneypotFormMixin, base), {})

    def serve(self, request, *args, **kwargs):
        """The form, limited per client: past the limit the typed text comes back
        with a Polish message naming the wait (status 429), nothing is sent."""
        if request.method == "POST" and CONTACT_LIMIT.exceeded(request):
            return self._refuse_over_limit(request)
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if request.method == "POST" and "form_submission" in context:
            CONTACT_LIMIT.hit(request)  # sent (or dropped as spam): one message
        return response

    def _refuse_over_limit(self, request):
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        form.is_valid()
        form.add_error(None, CONTACT_LIMIT.message(request))
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(
            request, self.get_template(request), context, status=429
        )
        response["Retry-After"] = str(CONTACT_LIMIT.retry_after(request))
        return response

    def process_form_submission(self, form):
        """Store and e-mail the message, unless the honeypot was filled in."""
        if form.is_spam():
            return None
        return super().process_form_submission(form)

    def render_email(self, form):
        """The message for the office, "Label: value" a line, in Polish: a ticked
        box reads "tak" (Wagtail wrote "True"), an unticked one "nie"."""
        import datetime

        from django.conf import settings
        from django.utils.formats import date_format
        from django.utils.translation import override, pgettext

        with override(settings.LANGUAGE_CODE):
            yes, no = pgettext("ticked box", "yes"), pgettext("ticked box", "no")
        lines = []
        for field in form:
            if field.name not in form.cleaned_data:
                continue
            value = form.cleaned_data[field.name]
            if isinstance(value, bool):
                value = yes if value else no
            elif isinstance(value, list):
                value = ", ".join(value)
            elif isinstance(value, datetime.datetime):
                value = date_format(value, "SHORT_DATETIME_FORMAT")
            elif isinstance(value, datetime.date):
                value = date_format(value, "SHORT_DATE_FORMAT")
            lines.append(f"{field.label}: {value}")
        return "\n".join(lines)

    def send_mail(self, form):
        """Queue the message for the office (after commit), replying to the sender."""
        from .mail import queue_email

        form.cleaned_data.pop("website_url", None)
        reply_to = [
            form.cleaned_data[field.clean_name]
            for field in self.form_fields.all()
            if field.field_type == "email" and form.cleaned_data.get(field.clean_name)
        ]
        queue_email(
            [address.strip() for address in self.to_address.split(",")],
            "razem/email/contact_message",
            {"subject": self.subject, "body": self.render_email(form)},
            reply_to=reply_to[:1] or None,
        )


class AssociationSettings(BaseSiteSetting):
    """The association's contact data and signatories, edited by staff."""

    name = models.CharField(
        _("full name"),
        max_length=255,
        default=(
            "Ogólnopolskie Stowarzyszenie Miejskich i Gminnych Ośrodków Pomocy "
            "Społecznej „RAZEM”"
        ),
    )
    short_name = models.CharField(_("short name"), max_length=60, default="RAZEM")
    street = models.CharField(_("street"), max_length=120, default="ul. Kościuszki 12A")
    postal_code = models.CharField(_("postal code"), max_length=10, default="97-500")
    city = models.CharField(_("city"), max_length=80, default="Radomsko")
    phone = models.CharField(_("phone"), max_length=40, default="(44) 683 28 85")
    email = models.EmailField(_("e-mail"), default="stowarzyszenieopsrazem@gmail.com")
    president_name = models.CharField(
        _("president's name"), max_length=120, default="Andrzej Barszcz"
    )
    president_title = models.CharField(
        _("president's title"), max_length=120, default="Prezes Stowarzyszenia"
    )
    ministry_url = models.URLField(
        _("ministry website"), blank=True, default="https://www.gov.pl/web/rodzina"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name")], heading=_("Association")
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("Contact data"),
        ),
        MultiFieldPanel(
            [FieldPanel("president_name"), FieldPanel("president_title")],
            heading=_("Signatory"),
        ),
        FieldPanel("ministry_url"),
    ]

    class Meta:
        verbose_name = _("association settings")

    @classmethod
    def for_request(cls, request):
        """The settings for the request's site, remembered per cache generation.

        Every page's header and footer reads them; saving them bumps the generation
        (`razem.signals`). `for_site` (the admin's form, the letter PDF) always reads
        the database.
        """
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = remembered(
            "association-settings", site.pk, compute=lambda: cls.for_site(site)
        )
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


class VisitCount(models.Model):
    """Page views per month; incremented in batches, never per request."""

    month = models.DateField(_("month"), unique=True)
    count = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("visit count")
        verbose_name_plural = _("visit counts")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.count}"


class SearchEntry(models.Model):
    """The searchable text of one public live page, kept by `razem.search.indexing`.

    `title` and `text` are the original words (for excerpts); the normalised columns
    hold folded stems surrounded by spaces, matched with LIKE on every database.
    """

    page = models.OneToOneField(
        Page,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    normalised_title = models.TextField(_("normalised title"))
    normalised_text = models.TextField(_("normalised text"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title


class CacheGeneration(models.Model):
    """The page-cache generation, for app processes that share no cache (one row).

    See `razem.cache`: with local-memory caches this row tells every process that
    the pages it cached are stale.
    """

    value = models.PositiveBigIntegerField(_("generation"), default=1)

    class Meta:
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self):
        return str(self.value)


class ScheduledJobRun(models.Model):
    """When a scheduled job (`razem.scheduling.SCHEDULE`) was last queued and is next due.

    The row is locked while the scheduler decides, so several scheduler processes
    (one per app container) never queue the same run twice.
    """

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(_("last queued at"), null=True, blank=True)
    next_run_at = models.DateTimeField(_("next run at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name
