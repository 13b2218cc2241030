"""Posting the conference page editor as an editor would (all tabs' fields)."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

PAGE_FIELDS = (
    "title", "slug", "edition", "motto", "lead", "start_date", "end_date",
    "venue_name", "venue_address", "venue_city", "registration_opens_at",
    "registration_closes_at", "cancellation_deadline", "capacity",
    "per_centre_limit", "member_fee", "non_member_fee",
)  # fmt: skip
BOOLEAN_FIELDS = ("allow_non_members", "offers_meals", "offers_accommodation")


def _value(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def new_session_row(conference, **fields) -> dict:
    """The inline row of a programme item added in the editor (a lecture on the
    first day, 10:00-11:00 in Sala A unless `fields` say otherwise)."""
    row = {
        "kind": "lecture",
        "date": conference.start_date.isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "room": "Sala A",
        "title": "Wykład",
        "description": "",
        "capacity": "",
    }
    row.update(fields)
    return row


def session_row(session, **changes) -> dict:
    """The inline row of an existing programme item, with changes."""
    row = {
        "id": session.pk,
        "kind": session.kind,
        "date": session.date.isoformat(),
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": session.end_time.strftime("%H:%M"),
        "room": session.room,
        "title": session.title,
        "description": session.description,
        "capacity": "" if session.capacity is None else session.capacity,
    }
    if session.unlimited_confirmed:
        row["unlimited_confirmed"] = "on"
    row.update(changes)
    return row


def editor_data(conference, *, sessions=None, publish=True, **changes) -> dict:
    """POST data of the conference editor: the page as stored, with `changes`.

    `sessions`: inline rows (dicts, see `session_row`); by default the stored ones
    unchanged. Rows of existing items count as initial forms.
    """
    fields = {name: _value(getattr(conference, name)) for name in PAGE_FIELDS}
    for name in BOOLEAN_FIELDS:
        if getattr(conference, name):
            fields[name] = "on"
    for name, value in changes.items():
        if name in BOOLEAN_FIELDS and not value:
            fields.pop(name, None)
        else:
            fields[name] = "on" if value is True else _value(value)
    if sessions is None:
        sessions = [session_row(s) for s in conference.sessions.order_by("sort_order")]
    initial = sum(1 for row in sessions if row.get("id"))
    data = nested_form_data(
        {
            **fields,
            "description": streamfield([]),
            "video": streamfield([]),
            "documents": inline_formset([]),
            "sessions": inline_formset(sessions, initial=initial),
            "gallery_images": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def post_editor(client, conference, **kwargs):
    """Submit the editor of an existing conference page."""
    return client.post(
        f"/admin/pages/{conference.pk}/edit/", editor_data(conference, **kwargs)
    )
