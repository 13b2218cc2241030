"""Page-number pagination for the news and gallery indexes."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404

PAGE_PARAMETER = "strona"


def paginate(request, items, per_page: int) -> Page:
    """Return the requested page of `items`; a page that does not exist is a 404.

    A missing parameter means the first page. Anything that is not the number of an
    existing page answers 404 rather than quietly showing another page, so search
    engines and people following an old link learn that it is gone.
    """
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    number = request.GET.get(PAGE_PARAMETER) or 1
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error


def page_links(page: Page) -> list:
    """Page numbers to show around the current one, with an ellipsis in the gaps."""
    return list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
