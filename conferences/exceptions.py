"""Domain exceptions of the conferences app, each carrying a translated message."""

from django.utils.translation import gettext_lazy as _


class ConferenceError(Exception):
    """A rule of the conferences app refused the request; `message` says why."""

    default_message = _("The request could not be completed.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class RegistrationClosed(ConferenceError):
    """Registration is outside its open window."""

    default_message = _("Registration for this conference is closed.")


class RegistrationRefused(ConferenceError):
    """The registration breaks a rule (limit, eligibility, workshops, duplicates)."""


class ParticipantsTaken(RegistrationRefused):
    """Some participants cannot be registered: `by_email` maps each e-mail address
    to the message shown beside it (never naming another centre)."""

    def __init__(self, message=None, *, by_email=None):
        self.by_email = dict(by_email or {})
        super().__init__(message)


class NotAllowed(ConferenceError):
    """The person may not do this (another centre, no permission, past deadline)."""

    default_message = _("You are not allowed to do this.")


class CapacityBusy(ConferenceError):
    """The capacity rows stayed locked too long; nothing was saved."""

    default_message = _(
        "Many centres are registering at this moment. Nothing has been saved: "
        "please try again in a few seconds."
    )
