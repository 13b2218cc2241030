"""Member centres: admission, contact details, the people of a centre."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import CentreStatus, Role
from ..exceptions import (
    CentreDataInvalid,
    CentreNotActive,
    ContactsChanged,
    EligibilityReasonRequired,
    LastRepresentative,
    NotAllowed,
    PersonGone,
)
from ..models import Centre, Membership, refuse_unsafe_emails
from ..permissions import is_association_staff, is_representative_of
from .common import audit, invalidate_public_pages
from .eligibility import check_eligibility, exception_reason_problem
from .notices import tell_new_representative, tell_removed

CONTACT_FIELDS = [
    "phone",
    "email",
    "website",
    "street",
    "postal_code",
    "city",
    "director",
]


def admit_centre(centre: Centre, *, user, exception_reason: str = "") -> Centre:
    """Make a centre a member (join date today unless set).

    A centre whose gmina is over the population limit is admitted only with a written
    reason, which is kept on the centre. Raises EligibilityReasonRequired otherwise.
    """
    exception_reason = (exception_reason or "").strip()
    with transaction.atomic():
        if not check_eligibility(centre.municipality).eligible:
            problem = exception_reason_problem(centre.municipality, exception_reason)
            if problem:
                raise EligibilityReasonRequired(problem)
            centre.eligibility_exception_reason = exception_reason
        # Within the limit a reason is not needed: one given is ignored.
        centre.status = CentreStatus.MEMBER
        centre.joined_on = centre.joined_on or timezone.localdate()
        _validate(centre)
        centre.save()
        audit(
            centre,
            "members.centre_admit",
            user,
            exception_reason=centre.eligibility_exception_reason,
        )
        invalidate_public_pages()
    return centre


def _validate(centre: Centre) -> None:
    """The centre's own validation (fields and `clean`), as one readable error."""
    try:
        centre.full_clean()
    except ValidationError as error:
        details = "; ".join(
            f"{Centre._meta.get_field(name).verbose_name}: {' '.join(messages)}"
            if name in {f.name for f in Centre._meta.fields}
            else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
        raise CentreDataInvalid(
            _("The centre's data is not valid (%(details)s). Correct it first.")
            % {"details": details}
        ) from error


CONTACTS_SALT = "members.centre_contacts"


def contacts_version(centre: Centre) -> str:
    """The centre's contacts as a form shows them, signed: the optimistic version
    a save is checked against."""
    return signing.dumps(
        {field: getattr(centre, field) for field in CONTACT_FIELDS},
        salt=CONTACTS_SALT,
        compress=True,
    )


def read_contacts_version(value: str) -> dict:
    """The contacts a form showed (raises signing.BadSignature when forged)."""
    seen = signing.loads(value, salt=CONTACTS_SALT)
    if not isinstance(seen, dict):
        raise signing.BadSignature
    return seen


def update_centre_contacts(
    centre: Centre, *, user, data: dict, seen: dict | None = None
) -> dict:
    """The representative changes the centre's contacts; before/after go to the log.

    The contacts pass the centre's own field validators (the same as the
    application form's); a ValidationError keyed by field is raised otherwise.
    `seen` is what the person's form showed (`read_contacts_version`): when the
    stored contacts differ from it (saved meanwhile in another tab or by another
    person), nothing is saved and ContactsChanged says which fields changed.
    Returns the changes as {field: [before, after]} (empty when nothing changed).
    """
    if not is_representative_of(user, centre):
        raise NotAllowed
    with transaction.atomic():
        centre = Centre.objects.select_for_update().get(pk=centre.pk)
        if centre.status == CentreStatus.FORMER:
            raise CentreNotActive
        if seen is not None:
            meanwhile = {
                field: [seen[field], getattr(centre, field)]
                for field in CONTACT_FIELDS
                if field in seen and seen[field] != getattr(centre, field)
            }
            if meanwhile:
                raise ContactsChanged(changes=meanwhile, centre=centre)
        changes = {}
        for field in CONTACT_FIELDS:
            if field not in data:
                continue
            before, after = getattr(centre, field), data[field]
            if before != after:
                changes[field] = [before, after]
                setattr(centre, field, after)
        if changes:
            others = [f.name for f in Centre._meta.fields if f.name not in changes]
            centre.clean_fields(exclude=others)
            if "email" in changes:
                refuse_unsafe_emails(centre, "email")
            centre.save(update_fields=[*changes, "updated_at"])
            audit(
                centre,
                "members.centre_contacts",
                user,
                before={k: v[0] for k, v in changes.items()},
                after={k: v[1] for k, v in changes.items()},
            )
            invalidate_public_pages()
    return changes


def _lock_memberships(centre_id: int) -> list[Membership]:
    return list(
        Membership.objects.select_for_update()
        .filter(centre_id=centre_id)
        .order_by("pk")
    )


def remove_person(membership: Membership, *, user) -> None:
    """The representative removes a person from the centre (their account stays).

    A centre always keeps at least one representative.
    """
    if not is_representative_of(user, membership.centre):
        raise NotAllowed
    with transaction.atomic():
        people = _lock_memberships(membership.centre_id)
        target = next((m for m in people if m.pk == membership.pk), None)
        if target is None:
            raise PersonGone
        representatives = [m for m in people if m.role == Role.REPRESENTATIVE]
        if target.role == Role.REPRESENTATIVE and len(representatives) <= 1:
            raise LastRepresentative
        audit(
            target.centre,
            "members.person_remove",
            user,
            person=target.user.email,
            role=target.role,
        )
        tell_removed(target, by=user)
        target.delete()


def hand_over_representative(membership: Membership, *, user) -> Membership:
    """The representative hands the role to another person of the same centre and
    becomes staff."""
    current = getattr(user, "membership", None)
    if current is None or not is_representative_of(user, membership.centre):
        raise NotAllowed
    if membership.pk == current.pk:
        raise NotAllowed
    with transaction.atomic():
        people = {m.pk: m for m in _lock_memberships(membership.centre_id)}
        target, giver = people.get(membership.pk), people.get(current.pk)
        if target is None:
            raise PersonGone
        if giver is None or giver.role != Role.REPRESENTATIVE:
            raise NotAllowed
        target.role = Role.REPRESENTATIVE
        target.save(update_fields=["role"])
        giver.role = Role.STAFF
        giver.save(update_fields=["role"])
        audit(
            target.centre,
            "members.representative_handover",
            user,
            previous=giver.user.email,
            new=target.user.email,
        )
        tell_new_representative(target, by=user)
    return target


def appoint_representative(membership: Membership, *, user) -> Membership:
    """The office makes a person of a centre its representative (e.g. after the
    only representative left); a representative already in place becomes staff."""
    if not is_association_staff(user):
        raise NotAllowed
    with transaction.atomic():
        people = _lock_memberships(membership.centre_id)
        target = next((m for m in people if m.pk == membership.pk), None)
        if target is None:
            raise NotAllowed
        previous = [m for m in people if m.role == Role.REPRESENTATIVE and m != target]
        for other in previous:
            other.role = Role.STAFF
            other.save(update_fields=["role"])
        target.role = Role.REPRESENTATIVE
        target.save(update_fields=["role"])
        audit(
            target.centre,
            "members.representative_appoint",
            user,
            new=target.user.email,
            previous=[m.user.email for m in previous],
        )
        tell_new_representative(target, by=None)
    return target
