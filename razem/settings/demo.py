"""Settings of `make demo`: the development settings with DEBUG off.

The demo is shown to people, so it behaves like the real site: Polish error pages
instead of Django's debug pages, no SQL or settings in a traceback. `DJANGO_DEBUG=1`
turns DEBUG back on for a developer. Static files are served by WhiteNoise (from the
apps' folders, no collectstatic needed); uploaded images by the small media view of
`razem.demo_urls`, which only these settings use (production serves media from its
proxy, and `razem.urls` has no media view with DEBUG off).
"""

from .dev import *  # noqa: F403
from .dev import env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)
ROOT_URLCONF = "razem.demo_urls"
