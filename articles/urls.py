"""Front-end URLs of the articles app: the news feeds.

Included by razem/urls.py before Wagtail's page tree, so these addresses win over
any page; article slugs "rss" and "atom" are therefore refused (ArticlePage.clean).
"""

from django.urls import path
from django.views.decorators.http import require_safe

from .feeds import LatestArticlesAtomFeed, LatestArticlesFeed

app_name = "articles"
urlpatterns = [
    # Feeds only show: a POST is the Polish 405.
    path("aktualnosci/rss/", require_safe(LatestArticlesFeed()), name="feed_rss"),
    path("aktualnosci/atom/", require_safe(LatestArticlesAtomFeed()), name="feed_atom"),
]
