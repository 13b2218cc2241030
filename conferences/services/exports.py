"""Exports of a conference's registrations: CSV (UTF-8 with BOM) and XLSX.

Both stream: rows are read in chunks and the CSV is written as it goes; the XLSX is
built by openpyxl in write-only mode in a temporary file and sent from there.
Excel opens both with Polish letters intact.
"""

import csv
import tempfile
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import WorkshopChoiceStatus

BOM = "\ufeff"


def export_queryset(conference):
    """The registrations of one conference with what every row needs."""
    from django.db.models import Prefetch

    from ..models import Registration, WorkshopChoice

    return (
        Registration.objects.filter(conference=conference)
        .select_related("centre__municipality")
        .prefetch_related(
            Prefetch(
                "workshop_choices",
                queryset=WorkshopChoice.objects.select_related("session").exclude(
                    status=WorkshopChoiceStatus.CANCELLED
                ),
            )
        )
        .order_by("last_name", "first_name", "pk")
    )


def header() -> list[str]:
    """Column titles in the current language."""
    return [
        _("ID"),
        _("Last name"),
        _("First name"),
        _("E-mail"),
        _("Position"),
        _("Centre"),
        _("Municipality"),
        _("Voivodeship"),
        _("Status"),
        _("Workshops"),
        _("Meals"),
        _("Accommodation nights"),
        _("Fee (PLN)"),
        _("Remarks"),
        _("Dietary or accessibility needs"),
        _("Registered at"),
        _("Present"),
    ]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def row(registration) -> list:
    """One participant as a list of cell values."""
    workshops = "; ".join(
        f"{c.session.title} ({c.get_status_display()})"
        for c in registration.workshop_choices.all()
    )
    centre = registration.centre
    return [
        registration.pk,
        registration.last_name,
        registration.first_name,
        registration.email,
        registration.position,
        centre.name,
        centre.municipality.name,
        centre.municipality.voivodeship,
        str(registration.get_status_display()),
        workshops,
        _("yes") if registration.meals else _("no"),
        registration.accommodation_nights,
        str(registration.fee),
        registration.remarks,
        registration.special_needs,
        _local(registration.created_at),
        _local(registration.checked_in_at),
    ]


def rows(queryset) -> Iterator[list]:
    """Header, then one row per participant, read in chunks."""
    yield header()
    for registration in queryset.iterator(chunk_size=500):
        yield row(registration)


class _Echo:
    def write(self, value):
        return value


def csv_stream(queryset) -> Iterator[str]:
    """CSV text, BOM first, one line at a time."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield BOM
    for values in rows(queryset):
        yield writer.writerow(values)


def xlsx_file(queryset, title: str):
    """A temporary file holding the XLSX workbook, positioned at the start."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Rejestracje")
    for values in rows(queryset):
        sheet.append(values)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle
