"""The news feeds (RSS 2.0 and Atom) of the latest articles."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from razem.cache import mark_cacheable

from .models import ArticlePage


class LatestArticlesFeed(Feed):
    """RSS 2.0 feed of the newest articles, announced in every page's <head>."""

    feed_type = Rss201rev2Feed
    limit = 20
    title = _("RAZEM association: news")
    description = _(
        "News from the nationwide association of municipal social-assistance "
        "centres RAZEM."
    )
    link = "/aktualnosci/"
    language = "pl"

    def __call__(self, request, *args, **kwargs):
        """Serve the feed from the anonymous page cache, like the pages it lists."""
        return mark_cacheable(super().__call__(request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        """Keep the request: article addresses depend on the site it came to."""
        return request

    def items(self, request):
        """The newest visible articles, each with its address already resolved."""
        articles = list(
            ArticlePage.objects.visible()
            .defer_streamfields()
            .prefetch_related("categories")
            .newest_first()[: self.limit]
        )
        for article in articles:
            article.feed_url = article.get_url(request=request)
        return articles

    def item_title(self, item):
        """The article's title."""
        return item.title

    def item_description(self, item):
        """The article's lead, as plain text."""
        return item.lead

    def item_link(self, item):
        """The article's address (made absolute by the feed framework)."""
        return item.feed_url

    def item_guid(self, item):
        """A stable identifier that survives a change of slug."""
        return f"razem-article-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        """The article's date; the publication time when it was published that day."""
        published = item.first_published_at
        if published and timezone.localdate(published) == item.date:
            return published
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_updateddate(self, item):
        """When the article was last published."""
        return item.last_published_at

    def item_author_name(self, item):
        """The author's name, when given."""
        return item.author or None

    def item_categories(self, item):
        """The article's category names."""
        return [category.name for category in item.categories.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    """The same news as an Atom 1.0 feed."""

    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
