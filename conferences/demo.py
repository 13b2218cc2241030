"""Demo content of the conferences app: the 10th conference (archive) and the 11th.

Idempotent: pages are found by slug, speakers by name, images by title, centres by
municipality TERYT and kind (as members/demo.py creates them), people by e-mail.
The 11th conference is filled through the registration service, so the demo shows
the real waiting list; the archived 10th gets its (past) attendance written directly.
"""

import datetime
import io
from decimal import Decimal

from django.utils import timezone

from . import demo_content as content

DEMO_FEE = Decimal("690.00")


def _index():
    from razem.demo import ensure_home_page

    from .models import ConferenceIndexPage

    index = ConferenceIndexPage.objects.first()
    if index is None:
        home = ensure_home_page()
        index = home.add_child(
            instance=ConferenceIndexPage(
                title="Konferencje",
                slug="konferencje",
                show_in_menus=True,
                intro=(
                    "<p>Co roku spotykamy się na konferencji szkoleniowej: wykłady, "
                    "warsztaty i debaty dla pracowników ośrodków pomocy społecznej z "
                    "małych gmin.</p>"
                ),
            )
        )
        index.save_revision().publish()
    return index


def _speakers() -> dict:
    from .models import Speaker

    speakers = {}
    for name, title, affiliation, bio in content.SPEAKERS:
        speaker, _created = Speaker.objects.get_or_create(
            name=name, defaults={"title": title, "affiliation": affiliation, "bio": bio}
        )
        speakers[name] = speaker
    return speakers


def _time(text: str) -> datetime.time:
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def _add_programme(conference, programme, speakers) -> None:
    from .models import Session

    if conference.sessions.exists():
        return
    for order, item in enumerate(programme):
        day, kind, start, end, room, title, description, names, capacity = item
        session = Session(
            page=conference,
            sort_order=order,
            kind=kind,
            date=conference.start_date + datetime.timedelta(days=day),
            start_time=_time(start),
            end_time=_time(end),
            room=room,
            title=title,
            description=description,
            capacity=capacity,
        )
        session.save()
        session.speakers.set([speakers[name] for name in names])
        session.save()


def _conference(index, spec: dict, **extra):
    from .models import ConferencePage

    conference = ConferencePage.objects.filter(slug=spec["slug"]).first()
    if conference:
        return conference, False
    conference = index.add_child(
        instance=ConferencePage(
            title=spec["title"],
            slug=spec["slug"],
            edition=spec["edition"],
            motto=spec["motto"],
            lead=spec["lead"],
            start_date=spec["start_date"],
            end_date=spec["end_date"],
            venue_name=spec["venue_name"],
            venue_address=spec["venue_address"],
            venue_city=spec["venue_city"],
            capacity=spec["capacity"],
            member_fee=Decimal(spec["member_fee"]),
            non_member_fee=Decimal(spec["non_member_fee"]),
            description=[("paragraph", spec["body"])],
            **extra,
        )
    )
    conference.save_revision().publish()
    return ConferencePage.objects.get(pk=conference.pk), True


def _draw(caption: str, key: str) -> bytes:
    """A simple 1200x800 picture with the caption, when no article photo exists."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    colours = {
        "tatry": ((70, 120, 180), (230, 240, 250)),
        "otwarcie": ((120, 60, 40), (240, 220, 200)),
        "wyklad": ((30, 70, 120), (210, 225, 240)),
        "warsztaty": ((40, 110, 60), (220, 240, 220)),
        "debata": ((110, 40, 90), (240, 220, 235)),
    }
    dark, light = colours.get(key, ((60, 60, 60), (230, 230, 230)))
    picture = PILImage.new("RGB", (1200, 800), light)
    draw = ImageDraw.Draw(picture)
    for step in range(0, 800, 8):
        shade = tuple(
            int(low + (high - low) * step / 800)
            for low, high in zip(dark, light, strict=True)
        )
        draw.rectangle([0, step, 1200, step + 8], fill=shade)
    draw.polygon([(0, 800), (300, 380), (560, 640), (820, 300), (1200, 800)], fill=dark)
    draw.rectangle([0, 700, 1200, 800], fill=(20, 20, 20))
    draw.text((30, 735), caption, fill=(255, 255, 255), font_size=30)
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=80)
    return output.getvalue()


def _gallery_image(key: str, caption: str):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    Image = get_image_model()
    image = Image.objects.filter(title=f"Demo: {caption}").first()
    if image is None:
        title = f"Konferencja: {caption}"
        image = Image.objects.filter(title=title).first()
    if image is None:
        data = _draw(caption, key)
        image = Image(
            title=title, file=ImageFile(io.BytesIO(data), name=f"konf-{key}.jpg")
        )
        image._set_image_file_metadata()
        image.save()
    return image


def _add_gallery(conference) -> None:
    from .models import ConferenceGalleryImage

    if conference.gallery_images.exists():
        return
    for order, (key, caption, alt) in enumerate(content.GALLERY):
        ConferenceGalleryImage.objects.create(
            page=conference,
            sort_order=order,
            image=_gallery_image(key, caption),
            caption=caption,
            alt_text=alt,
        )


def _centre(teryt: str, kind: str):
    """The demo centre of members/demo.py, or a minimal one when it is missing."""
    from members.choices import CentreStatus
    from members.models import Centre, Municipality

    centre = Centre.objects.filter(municipality__teryt=teryt, kind=kind).first()
    if centre:
        return centre
    names = {
        "1401063": ("Wyśmierzyce", "białobrzeski", "mazowieckie", "miejsko-wiejska"),
        "2611011": ("Starachowice", "starachowicki", "świętokrzyskie", "miejska"),
        "1012011": ("Radomsko", "radomszczański", "łódzkie", "miejska"),
    }
    name, powiat, voivodeship, municipality_kind = names[teryt]
    municipality, _created = Municipality.objects.get_or_create(
        teryt=teryt,
        defaults={
            "name": name,
            "kind": municipality_kind,
            "powiat": powiat,
            "voivodeship": voivodeship,
            "population": 30000,
            "population_year": 2025,
        },
    )
    full_names = {
        "MGOPS": f"Miejsko-Gminny Ośrodek Pomocy Społecznej w {name}",
        "CUS": f"Centrum Usług Społecznych w {name}",
        "MOPS": f"Miejski Ośrodek Pomocy Społecznej w {name}",
    }
    return Centre.objects.create(
        name=full_names[kind],
        kind=kind,
        municipality=municipality,
        city=name,
        status=CentreStatus.MEMBER,
    )


def _registrant(email: str, centre):
    """The centre's demo login (created by members/demo.py when it ran)."""
    from members.choices import Role
    from members.models import Membership
    from razem.demo import ensure_user

    user = ensure_user(email)
    Membership.objects.get_or_create(
        user=user, defaults={"centre": centre, "role": Role.REPRESENTATIVE}
    )
    return user


def _archive_attendance(conference) -> int:
    """Participants of the 10th conference, present, with their workshops."""
    from .choices import RegistrationStatus, WorkshopChoiceStatus
    from .models import Registration, WorkshopChoice

    if conference.registrations.exists():
        return conference.registrations.count()
    workshops = list(conference.workshops)
    arrived = timezone.make_aware(datetime.datetime(2024, 4, 15, 10, 0))
    present = timezone.make_aware(datetime.datetime(2024, 6, 13, 11, 30))
    count = 0
    for (teryt, kind), people in content.X_PARTICIPANTS.items():
        centre = _centre(teryt, kind)
        for first, last, position, workshop in people:
            registration = Registration.objects.create(
                conference=conference,
                centre=centre,
                first_name=first,
                last_name=last,
                email=f"{first}.{last}.x@razem.test".lower().translate(
                    str.maketrans("ąćęłńóśźż", "acelnoszz")
                ),
                position=position,
                meals=True,
                accommodation_nights=2,
                status=RegistrationStatus.CONFIRMED,
                fee=conference.member_fee,
                queued_at=arrived,
                approved_at=arrived,
                checked_in_at=present,
            )
            if workshop is not None:
                WorkshopChoice.objects.create(
                    registration=registration,
                    session=workshops[workshop],
                    status=WorkshopChoiceStatus.CONFIRMED,
                    queued_at=arrived,
                )
            count += 1
    return count


def _register_upcoming(conference) -> None:
    """Fill the 11th conference through the service: the small workshop overflows."""
    from .services.registration import ParticipantData, register_participants

    if conference.registrations.exists():
        return
    workshops = list(conference.workshops)
    for email, (teryt, kind), people in content.XI_REGISTRATIONS:
        centre = _centre(teryt, kind)
        register_participants(
            conference=conference,
            centre=centre,
            user=_registrant(email, centre),
            participants=[
                ParticipantData(
                    first_name=first,
                    last_name=last,
                    email=f"{first}.{last}@razem.test".lower().translate(
                        str.maketrans("ąćęłńóśźż", "acelnoszz")
                    ),
                    position=position,
                    workshop_ids=[workshops[i].pk for i in indexes],
                    meals=True,
                    accommodation_nights=2,
                )
                for first, last, position, indexes in people
            ],
        )


def _upcoming_window(spec: dict) -> dict:
    """The 11th conference's dates and window; moved ahead when the demo runs late.

    On a date past the planned registration window the conference moves to half a
    year from today, so a fresh demo always has a conference open for registration.
    """
    opens = timezone.make_aware(spec["opens_at"])
    closes = timezone.make_aware(spec["closes_at"])
    start, end = spec["start_date"], spec["end_date"]
    now = timezone.now()
    if not opens <= now < closes:
        start = timezone.localdate() + datetime.timedelta(days=180)
        end = start + (spec["end_date"] - spec["start_date"])
        opens = now - datetime.timedelta(days=21)
        closes = now + datetime.timedelta(days=150)
    return {
        "start_date": start,
        "end_date": end,
        "registration_opens_at": opens,
        "registration_closes_at": closes,
    }


#: The conference office: participants' records, their exports and the
#: special-category data (dietary or accessibility needs). Nobody else gets these.
OFFICE_GROUP = "Biuro konferencji"
OFFICE_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "conferences": [
        "view_registration",
        "change_registration",
        "export_special_category",
    ],
}
#: The association's editors write the programme: speakers, not participants.
EDITOR_PERMISSIONS = ["add_speaker", "change_speaker", "delete_speaker", "view_speaker"]
REGISTRATION_PERMISSIONS = [
    "add_registration",
    "change_registration",
    "delete_registration",
    "view_registration",
    "export_special_category",
]
OFFICE_LOGIN = "biuro@razem.test"


def _permissions(app_label: str, codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )


def set_up_staff_groups() -> None:
    """Least privilege: editors get speakers only (and lose any registration
    permission an older demo gave them); "Biuro konferencji" gets registrations,
    their exports and the needs; its demo login is biuro@razem.test."""
    from django.contrib.auth.models import Group

    from razem.demo import ensure_user

    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*_permissions("conferences", EDITOR_PERMISSIONS))
        editors.permissions.remove(
            *_permissions("conferences", REGISTRATION_PERMISSIONS)
        )
    office, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    for app_label, codenames in OFFICE_PERMISSIONS.items():
        office.permissions.add(*_permissions(app_label, codenames))
    user = ensure_user(
        OFFICE_LOGIN, first_name="Beata", last_name="Konferencyjna", is_staff=True
    )
    user.groups.add(office)


def load(stdout) -> None:
    """The conference index, the 10th conference (archive) and the 11th (open)."""
    set_up_staff_groups()
    index = _index()
    speakers = _speakers()
    tenth, _created = _conference(
        index,
        content.X_CONFERENCE,
        registration_opens_at=timezone.make_aware(datetime.datetime(2024, 3, 1, 9)),
        registration_closes_at=timezone.make_aware(datetime.datetime(2024, 5, 31, 23)),
    )
    _add_programme(tenth, content.X_PROGRAMME, speakers)
    _add_gallery(tenth)
    attended = _archive_attendance(tenth)
    window = _upcoming_window(content.XI_CONFERENCE)
    spec = {**content.XI_CONFERENCE, **window}
    eleventh, _created = _conference(
        index,
        spec,
        registration_opens_at=window["registration_opens_at"],
        registration_closes_at=window["registration_closes_at"],
        per_centre_limit=spec["per_centre_limit"],
        allow_non_members=spec["allow_non_members"],
    )
    _add_programme(eleventh, content.XI_PROGRAMME, speakers)
    _register_upcoming(eleventh)
    stdout.write(
        f"  conferences: {tenth.title} ({attended} present, certificates), "
        f"{eleventh.title} ({eleventh.registrations.count()} registered), "
        f"{OFFICE_LOGIN} ({OFFICE_GROUP})"
    )
