"""Settings for the group enrollment site, read top to bottom from the environment.

Every variable is listed with a one-line comment in `.env.example`. With none set, the site
runs embedded: SQLite in the project folder, email printed to the console, and Celery using
a file-system broker so reminders go out without a Redis server.
"""

import sys
from datetime import time, timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# pytest imports these settings itself; tests get a throwaway key and plain-HTTP cookies.
TESTING = "pytest" in sys.modules
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where links in emails point (no request is at hand in a Celery worker).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
PRACTICE_NAME = env("PRACTICE_NAME", default="Inland Valley Relationship Counseling")
PRACTICE_PHONE = env("PRACTICE_PHONE", default="(951) 555-0142")

INSTALLED_APPS = [
    # Before admin, as modeltranslation requires: it patches the admin's translated fields.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "security",
    "simple_history",
    "cohorts",
    "clients",
    "enrollment",
    "consultations",
    "notifications",
    "roster",
    "pages",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's: /es/... is Spanish, everything else English.
    "django.middleware.locale.LocaleMiddleware",
    # A first visit from a browser that prefers Spanish goes to the Spanish address.
    "groups_site.languages.FirstVisitLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Change history records the signed-in user of the request that made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end when idle or too old, then unverified staff are sent to two-factor.
    "security.middleware.StaffSessionMiddleware",
    "security.middleware.StaffTwoFactorMiddleware",
    # Public POSTs past their limit get the 429 page before any view saves or sends.
    "security.middleware.ThrottleMiddleware",
    # Therapists get a 403 with a link to their portal anywhere under /staff/.
    "roster.middleware.TherapistsOutOfAdmin",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so a locked-out login attempt is refused before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "groups_site.urls"
WSGI_APPLICATION = "groups_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "groups_site.context_processors.practice",
                "groups_site.context_processors.links",
                "groups_site.languages.language_links",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# An empty DATABASE_URL or CACHE_URL (as .env.example shows them) means the default.
sqlite_url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(env("DATABASE_URL", default="") or sqlite_url)}
# Keep connections between requests: opening a PostgreSQL connection costs a few ms each time.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent sign-ups queue (busy timeout)
    # instead of failing with "database is locked" when a read turns into a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# Public pages are cached for at most PUBLIC_CACHE_SECONDS; sign-ups always read the database.
CACHES = {"default": env.cache_url_config(env("CACHE_URL", default="") or "locmemcache://")}
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=60)

# --- Auth -----------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, loading the staff role with the user (see roster/backends.py).
    "roster.backends.StaffModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Tests make and sign in hundreds of staff users; the default hasher's million rounds cost a
# third of a second each (seconds on a busy machine) and test nothing more. Only under pytest.
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Staff sign in on the calm page at /accounts/login/; admin keeps its own sign-in page.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "roster:home"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
# Lock a username only from the address that failed: behind the TLS proxy every visitor
# would otherwise share one address, and anyone could keep the whole practice out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip"
# How many proxies in front of the site append to X-Forwarded-For (docker-compose: 1, the
# TLS proxy). 0 = use the connecting address; never set it higher than the real count, or a
# visitor can choose their own address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor (TOTP + recovery codes) for every staff account; the demo logins of `make run`
# (DEBUG) and the tests skip it unless they turn it on.
STAFF_2FA_REQUIRED = env.bool("STAFF_2FA_REQUIRED", default=not (DEBUG or TESTING))
OTP_TOTP_ISSUER = PRACTICE_NAME
STAFF_RECOVERY_CODES = 10
# Staff sessions end after this long without a request, and this long after sign-in at most.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=12)
# How often a busy session's "last seen" is written (a session save costs queries). Tests
# use an hour, so a slow test cannot cross the step and change a page's query count; the
# session tests set 60 again.
STAFF_SESSION_TOUCH_SECONDS = 3600 if TESTING else 60

# --- Throttles on public POSTs (security/throttle.py) ---------------------------------
# Counted in the default cache: set CACHE_URL=redis://... in production so every web
# process shares the counters (the per-process memory default is for development).
# "<count>/<s|m|h|d>"; THROTTLE_RATES=intake=5/h,intake_email=3/d overrides single ones.
THROTTLE_ENABLED = env.bool("THROTTLE_ENABLED", default=not TESTING)
THROTTLE_RATES = {
    "intake": "5/h",
    "intake_email": "3/d",
    "signup": "10/h",
    "signup_email": "5/d",
    "booking": "5/h",
    "booking_email": "3/d",
    "self_service": "30/h",
    "signin": "30/h",
    **env.dict("THROTTLE_RATES", default={}),
}
# Many intake requests in a row make one coordinator alert per window, not one each.
COORDINATOR_ALERT_WINDOW_MINUTES = env.int("COORDINATOR_ALERT_WINDOW_MINUTES", default=15)

# --- Time and language ---------------------------------------------------------------
TIME_ZONE = "America/Los_Angeles"
USE_TZ = True
# Clients read the site and their emails in English or Spanish; staff pages stay English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
USE_I18N = True
# Compiled by `make` (compilemessages); the .mo files are built, never committed.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content the coordinator writes (group descriptions, bios, offices, the FAQ) has an English
# and a Spanish column; a Spanish column left empty shows the English text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
# A visitor's choice from the language switch is remembered for a year (groups_site/languages).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded files (therapists' photos, stored only as resized renditions). No media server:
# cohorts.views serves them; docker-compose.yml keeps var/media on a volume.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))

# --- Forms ----------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A mail server that accepts the connection and then hangs must not hold a worker forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="care@example.org")
COORDINATOR_EMAIL = env("COORDINATOR_EMAIL", default="intake@example.org")

# --- Celery ---------------------------------------------------------------------------
# Empty broker URL: a file-system queue under var/, so `make run` needs no Redis server.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or "filesystem://"
if CELERY_BROKER_URL == "filesystem://":
    _queue_dir = BASE_DIR / "var" / "celery-queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(BASE_DIR / "var" / "celery-processed"),
        # Exchange tables; kombu's default is ./control in whatever folder the worker runs.
        "control_folder": str(BASE_DIR / "var" / "celery-control"),
        "store_processed": False,
    }
# Tests and benchmarks sharing one Redis database each use a queue of their own.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker keeps LOGGING's handlers (with the redaction filter of groups_site/log_filters)
# instead of replacing the root logger's: its log lines quote addresses and links too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
# A UTC interval, never a crontab: clock changes cannot skip or double a run.
CELERY_BEAT_SCHEDULE = {
    "extend-open-groups": {
        "task": "cohorts.tasks.extend_open_groups",
        "schedule": timedelta(hours=6),
    },
    "dispatch-notifications": {
        "task": "notifications.tasks.dispatch_due",
        "schedule": timedelta(seconds=env.int("DISPATCH_INTERVAL_SECONDS", default=60)),
    },
    # Writes the rows of daily emails (digest, roster summaries) a day ahead.
    "schedule-daily-notifications": {
        "task": "notifications.tasks.schedule_daily",
        "schedule": timedelta(minutes=15),
    },
    # Ends waitlist offers past their time and passes each seat on.
    "expire-waitlist-offers": {
        "task": "enrollment.tasks.expire_offers",
        "schedule": timedelta(minutes=5),
    },
    # Expired staff sessions are deleted (`manage.py clearsessions` is its by-hand twin).
    "clear-sessions": {
        "task": "security.tasks.clear_sessions",
        "schedule": timedelta(days=7),
    },
    # The retention rule: erases closed leads kept longer than RETENTION_CLOSED_LEAD_MONTHS.
    "erase-closed-leads": {
        "task": "clients.tasks.erase_closed_leads",
        "schedule": timedelta(days=7),
    },
}

# --- Security -------------------------------------------------------------------------
# On unless DEBUG or tests; a TLS-terminating proxy must set X-Forwarded-Proto.
_secure = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_secure)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _secure else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = _secure
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=_secure)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=_secure)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Only staff have sessions; the middleware also ends them after STAFF_SESSION_IDLE_MINUTES.
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 60 * 60
# A form body larger than this is refused with the site's 400 page (no form here needs more).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=64 * 1024)
CSRF_FAILURE_VIEW = "pages.errors.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Everything from our own origin: no CDN, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Domain settings ------------------------------------------------------------------
WAITLIST_OFFER_HOURS = env.int("WAITLIST_OFFER_HOURS", default=48)
SELF_SERVICE_LINK_DAYS = env.int("SELF_SERVICE_LINK_DAYS", default=120)
# Hours a person placed in a group by the coordinator has to confirm it before the seat is
# given back (and offered to the next person on the waitlist).
PLACEMENT_CONFIRM_HOURS = env.int("PLACEMENT_CONFIRM_HOURS", default=72)
# Couples groups: hours the partner who did not sign up has to give their own answers before
# both places are given back.
COUPLE_CONFIRM_HOURS = env.int("COUPLE_CONFIRM_HOURS", default=72)
# Clients may cancel or move a consultation online until this many hours before it.
CONSULTATION_CHANGE_WINDOW_HOURS = env.int("CONSULTATION_CHANGE_WINDOW_HOURS", default=2)
# Closed leads (referred out, not a fit, no response) that never became a consultation or a
# place in a group are erased this many months after they closed (clients.privacy).
RETENTION_CLOSED_LEAD_MONTHS = env.int("RETENTION_CLOSED_LEAD_MONTHS", default=24)

# --- Reminder timings (README "Reminders": who gets what, when) -----------------------
# Elapsed hours before a consultation; wall-clock times are Pacific, "HH:MM".
CONSULTATION_REMINDER_HOURS = env.list("CONSULTATION_REMINDER_HOURS", cast=int, default=[24, 1])
GROUP_START_REMINDER_DAYS = env.list("GROUP_START_REMINDER_DAYS", cast=int, default=[7, 1])
GROUP_REMINDER_TIME = time.fromisoformat(env("GROUP_REMINDER_TIME", default="09:00"))
WAITLIST_OFFER_REMINDER_HOURS = env.int("WAITLIST_OFFER_REMINDER_HOURS", default=12)
ROSTER_SUMMARY_TIME = time.fromisoformat(env("ROSTER_SUMMARY_TIME", default="07:30"))
COORDINATOR_DIGEST_TIME = time.fromisoformat(env("COORDINATOR_DIGEST_TIME", default="08:00"))
UNDER_MINIMUM_ALERT_DAYS = env.int("UNDER_MINIMUM_ALERT_DAYS", default=14)
UNDER_MINIMUM_ALERT_TIME = time.fromisoformat(env("UNDER_MINIMUM_ALERT_TIME", default="09:00"))

# --- Logging: never log request bodies or query strings with client data --------------
# RedactFilter sits on every handler, so whatever logger a record comes from (Django's 404
# and 500 lines, security warnings, runserver, Celery), self-service tokens and email
# addresses are replaced before the line is written. Django's own "django" handlers are
# replaced too: its mail_admins handler would email the whole request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "groups_site.log_filters.RedactFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
        "server": {"class": "logging.StreamHandler", "formatter": "server", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["redact"], "propagate": True},
        "django.security": {"filters": ["redact"], "propagate": True},
        "django.security.csrf": {"filters": ["redact"], "propagate": True},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
