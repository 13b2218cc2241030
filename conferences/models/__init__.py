"""Models of the conferences app: pages, the speaker snippet, registration records."""

from .pages import (
    ConferenceDocument,
    ConferenceGalleryImage,
    ConferenceIndexPage,
    ConferencePage,
    Session,
)
from .records import Registration, RegistrationQuerySet, WorkshopChoice
from .snippets import Speaker

__all__ = [
    "ConferenceDocument",
    "ConferenceGalleryImage",
    "ConferenceIndexPage",
    "ConferencePage",
    "Registration",
    "RegistrationQuerySet",
    "Session",
    "Speaker",
    "WorkshopChoice",
]
