"""Snippets of the articles app: reusable records edited by staff, without a URL."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from razem.fields import LimitedTextField


class Category(index.Indexed, models.Model):
    """A news category ("Konferencje", "Stanowiska i opinie"), chosen on articles.

    The slug is what the news index filters by (`?kategoria=<slug>`).
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=False,
        help_text=_("Used in addresses, e.g. ?kategoria=konferencje."),
    )
    description = LimitedTextField(
        _("description"),
        max_length=1_000,
        blank=True,
        help_text=_("Optional; shown on the news index when this category is chosen."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self):
        return self.name
