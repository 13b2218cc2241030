"""Snippets of the conferences app: reusable records without a URL."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from razem.fields import LimitedTextField


class Speaker(index.Indexed, models.Model):
    """A lecturer, workshop leader or debater, reused across conferences."""

    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(
        _("academic or professional title"),
        max_length=100,
        blank=True,
        help_text=_("For example: dr hab., prof., mgr."),
    )
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = LimitedTextField(_("biography"), blank=True, max_length=3000)

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("affiliation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
    ]

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """The name preceded by the title, as printed in the programme."""
        return f"{self.title} {self.name}".strip()
