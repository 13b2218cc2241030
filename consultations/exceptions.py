"""Domain errors of the consultations services, each with a translated message."""


class ConsultationError(Exception):
    """A rule refused the action; `message` is shown to the person as is.

    `field` names the form field the refusal belongs beside, when there is one.
    """

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field

    def __str__(self):
        return str(self.message)


class NotAllowed(ConsultationError):
    """The person may not do this."""


class TransitionRefused(ConsultationError):
    """The opinion cannot move to the requested state now."""


class SigningRefused(ConsultationError):
    """The centre cannot co-sign (or withdraw) now."""


class AlreadySigned(SigningRefused):
    """The centre has already co-signed this opinion."""


class StaleForm(ConsultationError):
    """The form was rendered for a state that no longer holds."""


class TryAgain(ConsultationError):
    """The opinion was busy (a lock timed out); nothing changed."""


class CommentRefused(ConsultationError):
    """The comment cannot be posted or moderated."""
