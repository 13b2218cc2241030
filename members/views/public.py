"""Public views: the membership application, the gmina search, the directory."""

from django.conf import settings
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from razem.cache import mark_cacheable
from razem.ratelimit import RateLimit

from ..choices import VOIVODESHIPS, CentreStatus
from ..exceptions import DuplicateApplication
from ..forms import ApplicationForm
from ..models import Centre, Municipality, search_key
from ..services import check_eligibility, max_population, submit_application

APPLY_LIMIT = RateLimit("apply", limit=5, window=60 * 60)
SEARCH_LIMIT = 20


def search_municipalities(query: str, limit: int = SEARCH_LIMIT) -> list:
    """Gminy whose name contains the query, ignoring case and Polish diacritics;
    names that start with it come first."""
    key = search_key(query)
    if len(key) < 2:
        return []
    found = list(Municipality.objects.filter(search_name__contains=key)[: limit * 5])
    found.sort(key=lambda m: (not m.search_name.startswith(key), m.name, m.teryt))
    return found[:limit]


def _municipality_json(municipality) -> dict:
    return {
        "teryt": municipality.teryt,
        "name": municipality.name,
        "label": _(
            "%(name)s – %(kind)s municipality, county %(powiat)s, "
            "voivodeship %(voivodeship)s"
        )
        % {
            "name": municipality.name,
            "kind": municipality.get_kind_display(),
            "powiat": municipality.powiat,
            "voivodeship": municipality.voivodeship,
        },
        **check_eligibility(municipality).as_json(),
    }


@require_GET
def municipality_search(request):
    """JSON for the application form's autocomplete: `/przystap/gminy/?q=`."""
    results = search_municipalities(request.GET.get("q", ""))
    return mark_cacheable(
        JsonResponse({"results": [_municipality_json(m) for m in results]})
    )


def _chosen_municipality(form):
    value = (
        form["municipality"].value()
        if form.is_bound
        else form.initial.get("municipality")
    )
    # A TERYT code is seven digits; anything else (even a NUL byte, which PostgreSQL
    # refuses in a query) simply matches no gmina.
    if not value or not str(value).isdigit() or len(str(value)) != 7:
        return None
    return Municipality.objects.filter(teryt=str(value)).first()


def _handle_application(request, form):
    """Validate and submit; returns a redirect on success, else None."""
    if APPLY_LIMIT.exceeded(request):
        form.add_error(None, APPLY_LIMIT.message(request))
        return None
    if not form.is_valid():
        return None
    if form.is_spam():
        APPLY_LIMIT.hit(request)
        return redirect("members:apply_done")
    try:
        submit_application(form.cleaned_data, base_url=request.build_absolute_uri("/"))
    except DuplicateApplication as error:
        form.add_error("municipality", error.message)
        return None
    APPLY_LIMIT.hit(request)
    return redirect("members:apply_done")


def _searching(request, query: str) -> bool:
    """A POST is a gmina search (nothing validated, everything kept) when the
    gmina box holds a new query, or "Search municipality" (the form's default
    button, so also Enter) was pressed before any gmina was chosen."""
    if query and search_key(query) != search_key(request.POST.get("searched", "")):
        return True
    return request.POST.get("action") == "search" and not request.POST.get(
        "municipality"
    )


def _kept_values(post) -> dict:
    """What the person typed, as initial values of an unbound form (no errors
    shown while they are still looking for their gmina)."""
    kept = {name: post.get(name, "") for name in ApplicationForm.base_fields}
    kept["privacy"] = bool(post.get("privacy"))
    kept.pop("municipality", None)
    return kept


def _post_application(request, query: str, results):
    """A POST: search again keeping every field, or validate and submit."""
    if _searching(request, query):
        return ApplicationForm(
            initial=_kept_values(request.POST), municipality_choices=results or None
        ), None
    choices = results if results and not request.POST.get("municipality") else None
    form = ApplicationForm(request.POST, municipality_choices=choices)
    return form, _handle_application(request, form)


@never_cache
def apply(request):
    """The public membership application at `/przystap/`.

    The gmina search is part of the one application form, so searching never
    loses what was typed. Without JavaScript "Search municipality" (also Enter)
    posts the form and the page comes back with every field kept and the matching
    gminy as radio buttons with their eligibility; a changed gmina box searches
    again and drops the old choice. With JavaScript the box is an autocomplete
    that fills in the choice, and retyping it clears the choice.
    """
    query = (request.GET.get("q") or request.POST.get("q") or "").strip()[:100]
    results = search_municipalities(query) if query else None
    if request.method == "POST":
        form, response = _post_application(request, query, results)
        if response is not None:
            return response
    else:
        initial = {}
        if request.GET.get("gmina"):
            initial["municipality"] = request.GET["gmina"]
        form = ApplicationForm(initial=initial, municipality_choices=results or None)
    chosen = _chosen_municipality(form)
    context = {
        "form": form,
        "query": query,
        "results": results,
        "chosen": chosen,
        "eligibility": check_eligibility(chosen) if chosen else None,
        "limit": max_population(),
        "search_url": reverse("members:municipality_search"),
    }
    return render(request, "members/apply.html", context)


@require_safe  # a POST here is the Polish 405 (razem's middleware)
def apply_done(request):
    """The thank-you page after an application."""
    return mark_cacheable(
        render(
            request,
            "members/apply_done.html",
            {"office_email": settings.RAZEM_STAFF_EMAIL},
        )
    )


def _chart(counts: dict[str, int]) -> dict:
    """Geometry of the SVG bar chart of members per voivodeship."""
    highest = max(counts.values(), default=0) or 1
    bar_area = 300
    rows = []
    for index, name in enumerate(VOIVODESHIPS):
        count = counts.get(name, 0)
        rows.append(
            {
                "name": name,
                "count": count,
                "y": 10 + index * 26,
                "text_y": 10 + index * 26 + 15,
                "width": round(bar_area * count / highest),
                "label_x": 170 + round(bar_area * count / highest) + 6,
            }
        )
    return {"rows": rows, "height": 20 + len(VOIVODESHIPS) * 26, "width": 520}


@require_GET
def directory(request):
    """Public directory of member centres by voivodeship, with a chart of counts."""
    selected = request.GET.get("wojewodztwo", "")
    if selected not in VOIVODESHIPS:
        selected = ""
    members = Centre.objects.filter(status=CentreStatus.MEMBER)
    counts = dict(
        members.values_list("municipality__voivodeship")
        .annotate(total=Count("pk"))
        .values_list("municipality__voivodeship", "total")
    )
    listed = members.select_related("municipality").order_by(
        "municipality__voivodeship", "municipality__name", "name"
    )
    if selected:
        listed = listed.filter(municipality__voivodeship=selected)
    groups: dict[str, list] = {}
    for centre in listed:
        groups.setdefault(centre.municipality.voivodeship, []).append(centre)
    context = {
        "groups": [
            {"name": name, "centres": groups[name], "count": counts.get(name, 0)}
            for name in VOIVODESHIPS
            if name in groups
        ],
        "counts": [(name, counts.get(name, 0)) for name in VOIVODESHIPS],
        "total": sum(counts.values()),
        "voivodeships": VOIVODESHIPS,
        "selected": selected,
        "chart": _chart(counts),
    }
    return mark_cacheable(render(request, "members/directory.html", context))
