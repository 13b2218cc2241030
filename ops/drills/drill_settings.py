"""Settings of the fault drills: production's settings, served over plain HTTP.

The drills talk to gunicorn on 127.0.0.1 without a TLS proxy, so the secure-cookie
names and flags and the HTTPS redirect of production are turned off; everything else
(PostgreSQL with lock_timeout, CONN_MAX_AGE, CONN_HEALTH_CHECKS, the database task
queue for e-mails, page cache, middleware) is production's.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "drill-only-secret-not-for-production")

from razem.settings.production import *  # noqa: E402, F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
# The drills measure the database, not the login rate limits of one loopback client.
ACCOUNT_RATE_LIMITS = False
RAZEM_STAFF_MFA_REQUIRED = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
