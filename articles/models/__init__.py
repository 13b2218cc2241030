"""Models of the articles app: news and gallery pages, their inlines, categories.

Split by kind: `pages` (the page types), `inlines` (orderable rows edited inside a
page: attachments, photos, tags), `snippets` (categories), `querysets` (what the
public may see and how lists are fetched).
"""

from .inlines import (
    ArticleAttachment,
    ArticleGalleryImage,
    ArticlePageTag,
    GalleryPageImage,
)
from .pages import ArticlePage, GalleryIndexPage, GalleryPage, NewsIndexPage
from .snippets import Category

__all__ = [
    "ArticleAttachment",
    "ArticleGalleryImage",
    "ArticlePage",
    "ArticlePageTag",
    "Category",
    "GalleryIndexPage",
    "GalleryPage",
    "GalleryPageImage",
    "NewsIndexPage",
]
