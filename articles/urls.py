"""Front-end URLs of the articles app: the news feeds.

Included by razem/urls.py before Wagtail's page tree, so these addresses win over
any page; article slugs "rss" and "atom" are therefore refused (ArticlePage.clean).
"""

from django.urls import path

from .feeds import LatestArticlesAtomFeed, LatestArticlesFeed

app_name = "articles"
urlpatterns = [
    path("aktualnosci/rss/", LatestArticlesFeed(), name="feed_rss"),
    path("aktualnosci/atom/", LatestArticlesAtomFeed(), name="feed_atom"),
]
