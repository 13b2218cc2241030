"""Admin registrations and the home-page section of the articles app."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ArticlePage, Category, NewsIndexPage

HOME_PANEL_ARTICLES = 4


class CategoryViewSet(SnippetViewSet):
    """News categories, edited by staff under Snippets."""

    model = Category
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(CategoryViewSet)


@hooks.register("razem_home_panels")
def latest_news_panel(request):
    """The home page's news section: the newest articles with date and lead.

    Two queries: the articles and the news index the "all news" link points to.
    """
    articles = list(
        ArticlePage.objects.visible()
        .defer_streamfields()
        .newest_first()[:HOME_PANEL_ARTICLES]
    )
    if not articles:
        return None
    return {
        "template": "articles/includes/home_panel.html",
        "order": 10,
        "articles": articles,
        "news_index": NewsIndexPage.objects.live().first(),
    }
