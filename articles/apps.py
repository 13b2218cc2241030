"""News articles, categories and photo galleries."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    """News, articles and galleries."""

    name = "articles"
    verbose_name = _("News")
