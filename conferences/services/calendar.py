"""Calendar files (.ics) for participants, built with the icalendar package."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from razem.mail import page_absolute_url


def conference_ics(conference, registration=None) -> bytes:
    """One all-day event spanning the conference; the participant as attendee."""
    calendar = Calendar()
    calendar.add("prodid", "-//RAZEM//Konferencje//PL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    suffix = f"-{registration.pk}" if registration is not None else ""
    event.add("uid", f"conference-{conference.pk}{suffix}@razem")
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", conference.start_date)
    event.add("dtend", conference.end_date + datetime.timedelta(days=1))
    event.add("summary", conference.title)
    location = ", ".join(
        part
        for part in (
            conference.venue_name,
            conference.venue_address,
            conference.venue_city,
        )
        if part
    )
    if location:
        event.add("location", location)
    if conference.motto:
        event.add("description", conference.motto)
    event.add("url", page_absolute_url(conference))
    organizer = vCalAddress(f"mailto:{settings.RAZEM_STAFF_EMAIL}")
    organizer.params["cn"] = vText("RAZEM")
    event["organizer"] = organizer
    if registration is not None:
        attendee = vCalAddress(f"mailto:{registration.email}")
        attendee.params["cn"] = vText(registration.full_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def ics_filename(registration) -> str:
    """A safe attachment name: konferencja-<id>-<participant id>.ics."""
    return f"konferencja-{registration.conference_id}-{registration.pk}.ics"
