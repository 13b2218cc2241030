"""Domain errors of the members app; each carries a translated message for people."""

from django.utils.translation import gettext_lazy as _


class MembersError(Exception):
    """Base class: a rule of the association refused the operation."""

    default_message = _("The operation is not allowed.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class EligibilityReasonRequired(MembersError):
    """An ineligible centre may be admitted only with a written reason."""

    default_message = _(
        "The municipality has more residents than the limit: write the reason for "
        "admitting this centre."
    )


class DuplicateApplication(MembersError):
    """A pending or accepted application (or a member) exists for this gmina and kind."""

    default_message = _(
        "An application for a centre of this kind in this municipality has already "
        "been submitted or accepted. If you think this is a mistake, write to the "
        "association's office."
    )


class MunicipalityHasMember(DuplicateApplication):
    """The gmina already has a member (or suspended) centre: one per gmina."""

    default_message = _(
        "This municipality already has a member centre of the association: a "
        "municipality has one member centre. If this centre has taken over its "
        "tasks, write to the association's office."
    )


class ApplicationAlreadyDecided(MembersError):
    """Staff tried to decide an application that is no longer pending."""

    default_message = _("This application has already been decided.")


class RejectionReasonRequired(MembersError):
    """A rejection must say why."""

    default_message = _("Write the reason for the rejection.")


class InvitationInvalid(MembersError):
    """The invitation link is unknown, used or expired."""

    default_message = _(
        "This invitation link is not valid: it may have expired or been used "
        "already. Ask your centre's representative or the association's office "
        "for a new invitation."
    )


class AlreadyInCentre(MembersError):
    """A person belongs to at most one centre."""

    default_message = _("This person already belongs to a centre.")


class CentreDataInvalid(MembersError):
    """The centre's data does not pass its validators (e.g. from an old application)."""

    default_message = _("The centre's data is not valid.")


class AccountExists(MembersError):
    """An account owns the invited address: it joins by logging in, never by a new
    password."""

    default_message = _(
        "An account with this e-mail address already exists. Log in to it to join "
        "the centre."
    )


class InvitationNotForThisAccount(MembersError):
    """The invitation is for an address the logged-in account does not own."""

    default_message = _(
        "This invitation is for another e-mail address than the account you are "
        "logged in to."
    )


class InvitationPending(MembersError):
    """The address already holds a pending invitation (one per address)."""

    default_message = _(
        "This address has already been invited and the invitation is still "
        "pending. Withdraw it to send a new one."
    )


class InvitationRefused(MembersError):
    """The address may not be invited to this centre (told to association staff and
    to the invited person, never to a representative)."""

    default_message = _("This address cannot be invited to this centre.")


class ContactsChanged(MembersError):
    """The centre's contacts were saved by someone else since the form was opened
    (another tab, another person): the later save does not overwrite them."""

    default_message = _(
        "Somebody saved the centre's contact details while you were editing them, "
        "so your changes were not saved. Your text is kept below; beside the "
        "fields you see what was saved meanwhile. Check them and save again."
    )

    def __init__(self, message=None, *, changes=None, centre=None):
        super().__init__(message)
        self.changes = changes or {}
        self.centre = centre


class CentreNotActive(MembersError):
    """The centre has left the association ("former member"): its representative
    no longer invites people or changes its data in the portal."""

    default_message = _(
        "Your centre is no longer a member of the association, so new people cannot "
        "be invited and its data cannot be changed here. To rejoin, please contact "
        "the association's office."
    )


class PersonGone(MembersError):
    """The person was removed from the centre meanwhile (a stale tab, a double
    submit): nothing to remove or hand over."""

    default_message = _("This person no longer belongs to the centre.")


class InvitationClosed(MembersError):
    """The invitation was withdrawn, used or has expired meanwhile: nothing to
    withdraw."""

    default_message = _("This invitation has already been withdrawn.")


class LastRepresentative(MembersError):
    """A centre must always keep at least one representative."""

    default_message = _(
        "A centre must always have a representative: hand the role over to another "
        "person of the centre first."
    )


class NotAllowed(MembersError):
    """The person may not do this for this centre."""

    default_message = _("You are not allowed to do this.")
