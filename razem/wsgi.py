"""WSGI entry point: `gunicorn razem.wsgi` (production settings by default)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "razem.settings.production")

application = get_wsgi_application()
