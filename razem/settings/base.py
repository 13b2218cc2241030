"""Base settings shared by every environment.

Safe by default: DEBUG is off and production refuses to start without a secret key.
Every value that differs between machines comes from the environment.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "razem",
    "articles",
    "members",
    "conferences",
    "consultations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "razem.middleware.VisitCounterMiddleware",
    "razem.middleware.AnonymousPageCacheMiddleware",
    "razem.middleware.SiteLookupCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "razem.middleware.SlidingSessionMiddleware",
    "razem.middleware.SiteLanguageMiddleware",  # Polish unless English is chosen
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "razem.middleware.MethodNotAllowedPageMiddleware",  # a Polish 405 page
    "razem.middleware.EndedSessionPostMiddleware",  # a form sent logged out
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "razem.middleware.ContentSecurityPolicyMiddleware",
    "razem.middleware.PrivateCacheControlMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.StaffMFARequiredMiddleware",
    "razem.middleware.AdminAccessRefusalMiddleware",  # no login loop for members
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "razem.urls"
WSGI_APPLICATION = "razem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "razem" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "razem.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's web, worker and scheduler processes share one file: many readers
    # beside one writer (WAL), writers that wait for each other (busy timeout) and
    # transactions that take the write lock when they begin (IMMEDIATE), so a
    # transaction that read first never fails with "database is locked" when it
    # writes. synchronous=NORMAL is safe in WAL mode and much faster.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # A lock held elsewhere must turn into a polite "try again", not a hung request.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c lock_timeout=3000")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Permission sets from the shared cache; never authenticates (razem.auth).
    "razem.auth.CachedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: Polish first, English as the second interface language.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS: list = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 3600

# Uploads: bounded sizes, no SVG, documents always served through Wagtail's view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "razem.uploads.CheckedImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "txt",
    "csv",
    "rtf",
    "zip",
]
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_DOCUMENT_FORM_BASE = "razem.uploads.SniffedDocumentForm"

# Wagtail.
WAGTAIL_SITE_NAME = "RAZEM"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "/konto/login/"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Password-protected pages and documents ask in the site's layout.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "razem/password_required.html"  # noqa: S105
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "razem/password_required.html"  # noqa: S105

# Accounts (django-allauth): e-mail login, verified e-mail, rate limits, TOTP.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/moj-osrodek/"
LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = False
# No e-mail to an address without an account: the reset page answers the same either
# way, and the portal never writes to strangers on a visitor's request.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
# Lockouts that say how long they last (razem.account_forms).
ACCOUNT_FORMS = {
    "login": "members.adapter_forms.LoginForm",  # razem.account_forms' + label
    "reset_password": "members.adapter_forms.ResetPasswordForm",
    # A look-alike address is refused when added (members.validators).
    "add_email": "members.adapter_forms.AddEmailForm",
}
MFA_FORMS = {"authenticate": "razem.account_forms.AuthenticateForm"}
ACCOUNT_RATE_LIMITS = {
    # Per client address; per e-mail address from that client's network (the
    # account adapter's key), so strangers cannot lock an account's owner out.
    "login_failed": "5/5m/ip,5/5m/key",
    # Per e-mail address over every network: above what one network can try in an
    # hour (about 65), lifted at once by a password reset (razem.ratelimit).
    "login_failed_account": "100/1h/key",
    "login": "30/m/ip",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RAZEM] "
# Trusted proxies in front of the app (a TLS proxy = 1): rate limits and allauth take
# the client's address from X-Forwarded-For, never from entries a client could forge
# (razem.ratelimit.client_ip, also used by the account adapter).
RAZEM_PROXY_COUNT = int(os.environ.get("RAZEM_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = RAZEM_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "RAZEM"

# Sessions end after 2 hours without a request: every request renews the expiry.
SESSION_COOKIE_AGE = 60 * 60 * 2
# Idle sessions end after SESSION_COOKIE_AGE; activity refreshes the expiry at most
# once a minute (razem.middleware.SlidingSessionMiddleware), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# An expired or missing form token: a Polish page saying to go back and send again.
CSRF_FAILURE_VIEW = "razem.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# E-mail.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "RAZEM <noreply@razem.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
RAZEM_STAFF_EMAIL = os.environ.get("RAZEM_STAFF_EMAIL", "biuro@razem.test")

# Cache: local memory unless CACHE_URL names Redis (shared by every app container).
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            # Redis out of reach is a cache miss, never a 500 (razem.cache_backends).
            "BACKEND": "razem.cache_backends.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "razem",
            "TIMEOUT": 600,
        }
    }
    # Sessions are read from the shared cache and written through to the database:
    # one query less on every logged-in request. Only with a shared cache: with a
    # per-process cache a logout in one process would leave copies in the others.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "razem",
            "TIMEOUT": 600,
        }
    }
RAZEM_PAGE_CACHE_SECONDS = int(os.environ.get("RAZEM_PAGE_CACHE_SECONDS", "600"))
# Where the worker and the scheduler write their heartbeats (razem.heartbeat).
RAZEM_HEARTBEAT_DIR = os.environ.get("RAZEM_HEARTBEAT_DIR", tempfile.gettempdir())

# Background work (e-mails): django-tasks with the database backend and its worker.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        ),
    }
}

# The association's own rules.
RAZEM_MAX_POPULATION = int(os.environ.get("RAZEM_MAX_POPULATION", "50000"))
RAZEM_PARTICIPANT_RETENTION_DAYS = int(
    os.environ.get("RAZEM_PARTICIPANT_RETENTION_DAYS", str(365 * 2))
)
# Special-category answers (diet, accessibility) go this many days after the conference.
RAZEM_SPECIAL_NEEDS_KEPT_DAYS = int(
    os.environ.get("RAZEM_SPECIAL_NEEDS_KEPT_DAYS", "0")
)
# Representatives' data on decided (accepted or rejected) applications.
RAZEM_APPLICATION_RETENTION_DAYS = int(
    os.environ.get("RAZEM_APPLICATION_RETENTION_DAYS", "365")
)
# Messages sent through the contact form.
RAZEM_CONTACT_RETENTION_DAYS = int(
    os.environ.get("RAZEM_CONTACT_RETENTION_DAYS", "365")
)

# Content-Security-Policy: no inline script anywhere on the public site.
RAZEM_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; "
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# The Wagtail admin still relies on inline styles and scripts in places.
RAZEM_ADMIN_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
        # One line per task state change drowns the e-mails the demo worker prints.
        "django_tasks": {"level": os.environ.get("DJANGO_TASKS_LOG_LEVEL", "WARNING")},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
