"""The rules of consultations: transitions, co-signing, discussion, letters, e-mail.

Views and commands call these functions; each opens its own transaction, checks the
permission again, writes the audit log and sends e-mail only after commit.
"""

from .comments import hide_comment, post_comment, sanitize_comment
from .letters import build_letter_pdf, regenerate_letter
from .reminders import send_opinion_reminders
from .signing import sign_opinion, withdraw_signature
from .transitions import (
    add_erratum,
    close_overdue_opinions,
    close_signing,
    mark_answered,
    mark_sent,
    open_for_signatures,
)

__all__ = [
    "add_erratum",
    "close_overdue_opinions",
    "build_letter_pdf",
    "close_signing",
    "hide_comment",
    "mark_answered",
    "mark_sent",
    "open_for_signatures",
    "post_comment",
    "regenerate_letter",
    "sanitize_comment",
    "send_opinion_reminders",
    "sign_opinion",
    "withdraw_signature",
]
