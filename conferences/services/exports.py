"""Exports of a conference's registrations (CSV and XLSX) through `razem.exports`.

One row per participant, sorted by last and first name in Polish order; statuses
as translated labels; the price of the place beside the fee actually owed (only a
confirmed place is paid for: a waiting or unconfirmed participant owes nothing yet).
"""

from django.utils.translation import gettext as _

from razem import exports
from razem.exports import DATETIME, DECIMAL, INTEGER, Column, Table

from ..choices import WorkshopChoiceStatus


def export_queryset(conference):
    """The registrations of one conference with what every row needs."""
    from ..models import Registration

    return with_export_data(Registration.objects.filter(conference=conference))


def with_export_data(queryset):
    """The registrations with their centre, gmina and active workshop choices."""
    from django.db.models import Prefetch

    from ..models import WorkshopChoice

    return (
        queryset.select_related("centre__municipality", "conference")
        .prefetch_related(
            Prefetch(
                "workshop_choices",
                queryset=WorkshopChoice.objects.select_related("session").exclude(
                    status=WorkshopChoiceStatus.CANCELLED
                ),
            )
        )
        .order_by("pk")
    )


def _workshops(registration) -> str:
    return "; ".join(
        f"{c.session.title} ({c.get_status_display()})"
        for c in registration.workshop_choices.all()
    )


def columns(*, with_conference: bool = False, with_needs: bool = False) -> list[Column]:
    """The columns of the registrations export, headers in the current language.

    The dietary or accessibility needs (special-category data) only `with_needs`:
    for staff holding `conferences.export_special_category`.
    """
    conference = [Column(_("Conference"), lambda r: r.conference.title, width=36)]
    needs = [Column(_("Dietary or accessibility needs"), lambda r: r.special_needs)]
    return [
        Column(_("ID"), lambda r: r.pk, INTEGER),
        *(conference if with_conference else []),
        Column(_("Last name"), lambda r: r.last_name),
        Column(_("First name"), lambda r: r.first_name, width=16),
        Column(_("E-mail"), lambda r: r.email, width=28),
        Column(_("Position"), lambda r: r.position),
        Column(_("Centre"), lambda r: r.centre.name, width=40),
        Column(_("Municipality"), lambda r: r.centre.municipality.name, width=18),
        Column(_("Voivodeship"), lambda r: r.centre.municipality.voivodeship),
        Column(_("Status"), lambda r: str(r.get_status_display()), width=18),
        Column(_("Workshops"), _workshops, width=40),
        Column(_("Meals"), lambda r: _("yes") if r.meals else _("no"), width=8),
        Column(_("Accommodation nights"), lambda r: r.accommodation_nights, INTEGER),
        Column(_("Price of the place (PLN)"), lambda r: r.fee, DECIMAL),
        Column(_("Fee owed (PLN)"), lambda r: r.fee_owed, DECIMAL),
        Column(_("Remarks"), lambda r: r.remarks, width=30),
        *(needs if with_needs else []),
        Column(_("Registered at"), lambda r: r.created_at, DATETIME),
        Column(_("Present"), lambda r: r.checked_in_at, DATETIME),
    ]


def registrations_table(
    queryset, title: str, *, with_conference=False, with_needs=False
) -> Table:
    """The export table: rows read in chunks, then put in Polish name order."""
    rows = exports.sorted_polish(
        queryset.iterator(chunk_size=500),
        lambda r: r.last_name,
        lambda r: r.first_name,
    )
    return Table(
        title=title or _("Registrations"),
        columns=columns(with_conference=with_conference, with_needs=with_needs),
        rows=rows,
    )


def listing_response(queryset, file_format: str, *, with_needs: bool = False):
    """The admin registrations listing (as filtered) as a CSV or XLSX download."""
    table = registrations_table(
        with_export_data(queryset.order_by("pk")),
        str(_("Registrations")),
        with_conference=True,
        with_needs=with_needs,
    )
    if file_format == "csv":
        return exports.csv_response(table, "zgloszenia.csv")
    return exports.xlsx_response(table, "zgloszenia.xlsx")


def csv_response(conference, filename: str, *, with_needs: bool = False):
    """The conference's registrations as a streamed CSV download."""
    table = registrations_table(
        export_queryset(conference), conference.title, with_needs=with_needs
    )
    return exports.csv_response(table, filename)


def xlsx_response(conference, filename: str, *, with_needs: bool = False):
    """The conference's registrations as an XLSX download."""
    table = registrations_table(
        export_queryset(conference), conference.title, with_needs=with_needs
    )
    return exports.xlsx_response(table, filename)


def xlsx_file(queryset, title: str, *, with_needs: bool = False):
    """A temporary file holding the XLSX workbook of the given registrations."""
    return exports.xlsx_file(
        registrations_table(queryset, title, with_needs=with_needs)
    )
