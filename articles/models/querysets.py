"""What the public may see of the news, and how lists of it are fetched.

Wagtail's `PageQuerySet.public()` reads every view restriction in a query of its
own; `visible()` puts the same rule into a correlated subquery instead, so a list
of articles (home page, feed, related articles) costs exactly one query.
"""

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageQuerySet, PageViewRestriction


def _restricted():
    """View restrictions on the page itself or on any of its ancestors."""
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )


class VisiblePageQuerySet(PageQuerySet):
    """Pages that anonymous visitors may see, in a single query."""

    def visible(self):
        """Live pages without a view restriction on them or their ancestors."""
        return self.live().exclude(Exists(_restricted()))


class ArticlePageQuerySet(VisiblePageQuerySet):
    """Queries for articles: newest first, lists, related articles."""

    def newest_first(self):
        """Newest article date first; the id breaks ties for a stable order."""
        return self.order_by("-date", "-pk")

    def for_listing(self):
        """Everything a list card shows, in a fixed number of queries.

        Each article carries `first_photo_id`; `attach_first_photos` then fetches
        those photos (with their renditions) for a whole page of articles at once.
        """
        from .inlines import ArticleGalleryImage

        first_photo = ArticleGalleryImage.objects.filter(
            page_id=OuterRef("pk")
        ).order_by("sort_order", "pk")
        return (
            self.defer_streamfields()
            .select_related("feed_image")
            .prefetch_related("feed_image__renditions", "categories")
            .annotate(first_photo_id=Subquery(first_photo.values("pk")[:1]))
        )

    def related_to(self, article, limit: int):
        """Other visible articles sharing a category or tag, most shared first.

        One query: the article's categories and tags come in as subqueries.
        """
        from .inlines import ArticlePageTag

        through = type(article).categories.through
        category_ids = through.objects.filter(articlepage_id=article.pk).values(
            "category_id"
        )
        tag_ids = ArticlePageTag.objects.filter(content_object_id=article.pk).values(
            "tag_id"
        )
        return (
            self.visible()
            .exclude(pk=article.pk)
            .defer_streamfields()
            .annotate(
                shared_categories=Count(
                    "categories",
                    filter=Q(categories__in=category_ids),
                    distinct=True,
                ),
                shared_tags=Count(
                    "tagged_items",
                    filter=Q(tagged_items__tag_id__in=tag_ids),
                    distinct=True,
                ),
            )
            .filter(Q(shared_categories__gt=0) | Q(shared_tags__gt=0))
            .order_by(
                (F("shared_categories") + F("shared_tags")).desc(), "-date", "-pk"
            )[:limit]
        )


def attach_first_photos(pages, photo_model) -> list:
    """Set `first_photo` on each page annotated with `first_photo_id`, in one go.

    Three queries whatever the number of pages: the photos, their images (joined)
    and the images' renditions.
    """
    pages = list(pages)
    ids = [page.first_photo_id for page in pages if page.first_photo_id]
    photos = (
        photo_model.objects.filter(pk__in=ids)
        .select_related("image")
        .prefetch_related("image__renditions")
        .in_bulk()
        if ids
        else {}
    )
    for page in pages:
        page.first_photo = photos.get(page.first_photo_id)
    return pages


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
