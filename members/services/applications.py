"""Membership applications: submit from the public form, accept or reject in the admin."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from razem.mail import queue_email

from ..choices import ApplicationStatus, CentreStatus, Role
from ..exceptions import (
    ApplicationAlreadyDecided,
    DuplicateApplication,
    MunicipalityHasMember,
    RejectionReasonRequired,
)
from ..models import (
    ACTIVE_STATUSES,
    Application,
    Centre,
    Municipality,
    municipality_taken_message,
)
from .centres import admit_centre
from .common import absolute_url, audit
from .eligibility import check_eligibility
from .invitations import create_invitation

APPLICATION_FIELDS = [
    "centre_name",
    "kind",
    "municipality",
    "street",
    "postal_code",
    "city",
    "centre_phone",
    "centre_email",
    "website",
    "director",
    "nip",
    "first_name",
    "last_name",
    "email",
    "phone",
    "position",
    "message",
]


def is_duplicate(municipality, kind: str) -> bool:
    """True when this gmina already has a pending/accepted application of this
    kind."""
    return (
        Application.objects.open_or_accepted()
        .filter(municipality=municipality, kind=kind)
        .exists()
    )


def gmina_has_member(municipality) -> bool:
    """True when the gmina already has a member or suspended centre (of any kind:
    one member centre per gmina)."""
    return Centre.objects.filter(
        municipality=municipality, status__in=ACTIVE_STATUSES
    ).exists()


def _application_context(application: Application) -> dict:
    eligibility = check_eligibility(application.municipality)
    return {
        "centre_name": application.centre_name,
        "kind": str(application.get_kind_display()),
        "municipality": str(application.municipality),
        "applicant_name": application.applicant_name,
        "email": application.email,
        "eligibility": eligibility.message,
        "eligible": eligibility.eligible,
        "office_email": settings.RAZEM_STAFF_EMAIL,
        "submitted_at": timezone.localtime(application.created_at).strftime(
            "%Y-%m-%d %H:%M"
        ),
    }


def submit_application(data: dict, *, base_url: str | None = None) -> Application:
    """Record an application from the public form and e-mail applicant and office.

    `data` holds the cleaned fields of APPLICATION_FIELDS. Raises DuplicateApplication
    when the gmina already has an open or accepted application (or a member centre)
    of the same kind; the database constraint catches a simultaneous second one.
    """
    values = {name: data.get(name, "") for name in APPLICATION_FIELDS}
    try:
        with transaction.atomic():
            if is_duplicate(values["municipality"], values["kind"]):
                raise DuplicateApplication
            if gmina_has_member(values["municipality"]):
                raise MunicipalityHasMember
            application = Application.objects.create(
                **values, privacy_accepted_at=timezone.now()
            )
            audit(application, "members.application_submit")
            context = _application_context(application)
            queue_email(
                [application.email], "members/email/application_received", context
            )
            context["admin_url"] = absolute_url(
                f"/admin/members/application/inspect/{application.pk}/", base_url
            )
            queue_email(
                [settings.RAZEM_STAFF_EMAIL], "members/email/application_staff", context
            )
    except IntegrityError as error:
        raise DuplicateApplication from error
    return application


def _lock_pending(application: Application) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ApplicationAlreadyDecided
    return locked


def _centre_for(application: Application) -> Centre:
    """The centre to admit: the one already linked, a former/applicant record of the
    same gmina and kind, or a new one."""
    centre = application.centre or (
        Centre.objects.filter(
            municipality=application.municipality,
            kind=application.kind,
            status__in=[CentreStatus.APPLICANT, CentreStatus.FORMER],
        )
        .order_by("pk")
        .first()
    )
    centre = centre or Centre(
        municipality=application.municipality, kind=application.kind
    )
    centre.name = application.centre_name
    centre.street = application.street
    centre.postal_code = application.postal_code
    centre.city = application.city
    centre.phone = application.centre_phone
    centre.email = application.centre_email
    centre.website = application.website
    centre.director = application.director
    centre.nip = application.nip or centre.nip
    return centre


def _taken(centre: Centre) -> str:
    other = centre.other_active_centre()
    if other is None:
        return str(MunicipalityHasMember.default_message)
    return municipality_taken_message(other)


def _refuse_a_second_member(centre: Centre) -> None:
    """The office is told which centre already is the gmina's member."""
    other = Centre.objects.filter(
        municipality_id=centre.municipality_id, status__in=ACTIVE_STATUSES
    ).exclude(pk=centre.pk)
    other = other.select_related("municipality").first()
    if other is not None:
        raise MunicipalityHasMember(municipality_taken_message(other))


def accept_application(
    application: Application,
    *,
    user,
    exception_reason: str = "",
    base_url: str | None = None,
):
    """Admit the centre of a pending application and invite its representative.

    Creates or updates the Centre as a member (join date today), keeps the exception
    reason for a gmina over the population limit (required then), creates a one-time
    invitation for the applicant and e-mails the link. Returns (centre, invitation).
    """
    with transaction.atomic():
        application = _lock_pending(application)
        # One member centre per gmina: admissions in one gmina wait for each other.
        Municipality.objects.select_for_update().get(pk=application.municipality_id)
        centre = _centre_for(application)
        _refuse_a_second_member(centre)
        try:
            with transaction.atomic():
                admit_centre(centre, user=user, exception_reason=exception_reason)
        except IntegrityError as error:
            # The constraint caught a writer that did not take the lock.
            raise MunicipalityHasMember(_taken(centre)) from error
        application.status = ApplicationStatus.ACCEPTED
        application.decided_at = timezone.now()
        application.decided_by = user
        # The reason is the exception's: for a gmina within the limit none is kept.
        exception_reason = (
            ""
            if check_eligibility(centre.municipality).eligible
            else centre.eligibility_exception_reason
        )
        application.decision_reason = exception_reason
        application.centre = centre
        application.save()
        invitation, _token = create_invitation(
            centre,
            email=application.email,
            role=Role.REPRESENTATIVE,
            invited_by=user,
            first_name=application.first_name,
            last_name=application.last_name,
            application=application,
            base_url=base_url,
            email_template="members/email/application_accepted",
        )
        audit(
            application,
            "members.application_accept",
            user,
            centre=centre.name,
            centre_id=centre.pk,
            exception_reason=exception_reason,
        )
    return centre, invitation


def reject_application(application: Application, *, user, reason: str) -> Application:
    """Reject a pending application with a written reason, e-mailed to the applicant."""
    reason = (reason or "").strip()
    if not reason:
        raise RejectionReasonRequired
    with transaction.atomic():
        application = _lock_pending(application)
        application.status = ApplicationStatus.REJECTED
        application.decision_reason = reason
        application.decided_at = timezone.now()
        application.decided_by = user
        application.save()
        audit(application, "members.application_reject", user, reason=reason)
        context = _application_context(application)
        context["reason"] = reason
        queue_email([application.email], "members/email/application_rejected", context)
    return application
