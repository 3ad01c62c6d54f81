"""Settings for the portal: one module, configured from the environment.

Every variable is documented in `.env.example`. The defaults give a working
development portal on SQLite; production sets DEBUG=False, a real SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), CACHE_URL and CELERY_BROKER_URL (Redis).
"""

import datetime
import ipaddress
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is allowed only with DEBUG on; production must set its own.
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
else:
    SECRET_KEY = env("SECRET_KEY")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "django_filters",
    "simple_history",
    "import_export",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "portal",
    "audit",
    "districts",
    "trust",
    "volunteers",
    "councils",
    "reports",
    "residents",
    "api",
    # Last: the demo data is built on every app above it, and none of them imports it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A published report's stored PDF, served like a static file (residents/pdf_files.py).
    "residents.pdf_files.StoredReportPdfMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # NUL bytes, over-long query strings, impossible page numbers: a 400 before any work.
    "portal.middleware.RequestEdgesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The public pages of an anonymous visitor read from the replica, if there is one
    # (DATABASE_REPLICA_URL, portal/db_routers.py).
    "portal.db_routers.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Cache-Control: no-store on every answer to a signed-in user but public ones; a translated
    # 503 instead of a 500 while the database does not answer (portal/middleware.py).
    "portal.middleware.StaffNoStoreMiddleware",
    # Which pages field mode may keep on an inspector's phone (portal/pwa.py).
    "portal.pwa.KeepableMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Staff sessions: they end after inactivity, then a second factor where one is due; the
    # audit log's user and client address (see "Staff accounts and the audit log" below).
    "portal.accounts.idle.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.accounts.two_factor.SecondFactorMiddleware",
    "audit.middleware.AuditMiddleware",
    # A form sent twice (a double click) is taken once: portal/once.py.
    "portal.once.OnceMiddleware",
    # Records who made each change kept in history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
            "builtins": ["portal.templatetags.once"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Keep connections open between requests and check them before reuse.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# An optional read replica (a streaming replica of the primary): the public pages and the
# open-data API read from it for anonymous visitors; everything else reads from and writes to
# the primary (portal/db_routers.py). Unset: no replica. Tests mirror it onto "default".
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
DATABASE_ROUTERS = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    for _key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if _key in DATABASES["default"]:
            DATABASES["replica"][_key] = DATABASES["default"][_key]
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.db_routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}
# django-environ leaves `?key_prefix=…` (and timeout, version) of the URL in lower case,
# which Django does not read: several installations on one Redis would share their keys.
for _option in ("key_prefix", "timeout", "version", "key_function", "binary"):
    if _option in CACHES["default"]:
        CACHES["default"][_option.upper()] = CACHES["default"].pop(_option)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # While Redis does not answer the portal runs uncached instead of failing (portal/cache.py);
    # a Redis that does not even refuse connections costs at most these seconds.
    CACHES["default"]["BACKEND"] = "portal.cache.FailSoftRedisCache"
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 1)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 2)

# Whole public pages (the beat page, report pages, the calendar, the API) are kept in the cache
# for anonymous visitors and invalidated by the writes that change them (portal/page_cache.py).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# Seconds a process keeps what it read of a published report's stored PDF (its name and
# checksum; residents/pdf_files.py); 0: read the shared cache on every download.
STORED_PDF_MEMO_SECONDS = env.int("STORED_PDF_MEMO_SECONDS", default=60)
# Everything several app servers must share lives in Redis when CACHE_URL is Redis:
# - sessions: read from Redis, kept in the database, which holds the truth, so an outage of
#   Redis costs a database read, never a sign-in (portal/sessions.py); without Redis they
#   are read from the database;
# - the rate limits of the public forms and the IIN look-up (django-ratelimit counts in
#   the "default" cache: RATELIMIT_USE_CACHE) and the login lockout's counts (django-axes
#   keeps them in the database);
# - the state and progress of the import jobs and of the files made by tasks
#   (portal/imports/jobs.py, portal/file_jobs/jobs.py): the cache, which workers and every app
#   server read;
# - Celery's broker: CELERY_BROKER_URL, Redis too.
if CACHES["default"]["BACKEND"] == "portal.cache.FailSoftRedisCache":
    SESSION_ENGINE = "portal.sessions"
else:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Long work (the imports) runs as Celery tasks with Redis as the broker. Without a broker
# every task runs eagerly: in the process that sends it, at once (`make run`, the tests).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", default=True)
CELERY_TASK_IGNORE_RESULT = True  # a task reports through its job in the cache
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the LOGGING below applies to workers too
# Seconds an import step may run: at the soft limit it stops and its job fails with a
# message; at the hard limit the worker kills it.
IMPORT_TASK_SOFT_TIME_LIMIT = env.int("IMPORT_TASK_SOFT_TIME_LIMIT", default=600)
IMPORT_TASK_TIME_LIMIT = env.int("IMPORT_TASK_TIME_LIMIT", default=660)
if not CELERY_TASK_ALWAYS_EAGER and not CELERY_BROKER_URL:
    raise ImproperlyConfigured("CELERY_TASK_ALWAYS_EAGER=False needs a CELERY_BROKER_URL.")
if not CELERY_TASK_ALWAYS_EAGER and CACHES["default"]["BACKEND"].endswith(
    ("LocMemCache", "DummyCache")
):
    # Workers read the uploaded files and write the progress there.
    raise ImproperlyConfigured("Celery workers need a shared cache: set CACHE_URL to Redis.")
if not 0 < IMPORT_TASK_SOFT_TIME_LIMIT < IMPORT_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "IMPORT_TASK_SOFT_TIME_LIMIT must be positive and below IMPORT_TASK_TIME_LIMIT."
    )
# Files made off the request (portal/file_jobs: the area roll-up PDF, …): seconds a task may
# run (soft: the job fails with a message; hard: the worker kills it), how many times a task
# that met a database or cache out of reach is tried again, after a pause of this many
# seconds doubled each time, and how long the job and its file are kept for their asker.
FILE_TASK_SOFT_TIME_LIMIT = env.int("FILE_TASK_SOFT_TIME_LIMIT", default=300)
FILE_TASK_TIME_LIMIT = env.int("FILE_TASK_TIME_LIMIT", default=360)
FILE_TASK_MAX_RETRIES = env.int("FILE_TASK_MAX_RETRIES", default=3)
FILE_TASK_RETRY_BACKOFF = env.int("FILE_TASK_RETRY_BACKOFF", default=5)
FILE_JOB_TTL = env.int("FILE_JOB_TTL", default=60 * 60)
if not 0 < FILE_TASK_SOFT_TIME_LIMIT < FILE_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "FILE_TASK_SOFT_TIME_LIMIT must be positive and below FILE_TASK_TIME_LIMIT."
    )
if FILE_TASK_MAX_RETRIES < 0 or FILE_TASK_RETRY_BACKOFF < 1 or FILE_JOB_TTL < 60:
    raise ImproperlyConfigured(
        "FILE_TASK_MAX_RETRIES must be 0 or more, FILE_TASK_RETRY_BACKOFF 1 second or more "
        "and FILE_JOB_TTL 60 seconds or more."
    )
# What an uploaded import file may hold (portal/tabular). Each is checked before the
# file is parsed, from what the file says of itself, and again while it is read; an import
# may keep lower limits of its own. Unpacked bytes: what an XLSX (a ZIP) unpacks to.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=100)
IMPORT_MAX_CELLS = env.int("IMPORT_MAX_CELLS", default=2_000_000)
if min(IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELLS) < 1:
    raise ImproperlyConfigured("The IMPORT_MAX_* limits must be positive.")
if IMPORT_MAX_UNPACKED_BYTES < IMPORT_MAX_BYTES:
    raise ImproperlyConfigured("IMPORT_MAX_UNPACKED_BYTES must not be below IMPORT_MAX_BYTES.")
if IMPORT_MAX_COLUMNS > 16_384:
    raise ImproperlyConfigured("IMPORT_MAX_COLUMNS cannot pass a spreadsheet's 16,384 columns.")

# An inspector submits a quarter's report in the quarter's last days or after it ends
# (reports/submission.py): how many days before the end the submission opens.
REPORT_SUBMIT_DAYS_BEFORE_END = env.int("REPORT_SUBMIT_DAYS_BEFORE_END", default=10)
if not 0 <= REPORT_SUBMIT_DAYS_BEFORE_END <= 92:
    raise ImproperlyConfigured(
        "REPORT_SUBMIT_DAYS_BEFORE_END must be a number of days from 0 (only after the "
        "quarter ends) to 92 (the whole quarter)."
    )
# The trust index of a beat's survey (districts/trust_index.py) is shown only from this many answers
# in a quarter: fewer could let a neighbour guess who answered what.
TRUST_MIN_SAMPLE = env.int("TRUST_MIN_SAMPLE", default=10)
if TRUST_MIN_SAMPLE < 1:
    raise ImproperlyConfigured("TRUST_MIN_SAMPLE must be at least 1 answer.")
# Periodic tasks, started by `celery -A portal beat` (one beat process per installation):
# overdue appeals are escalated to the supervisors every hour; the staff's daily digest goes
# out at STAFF_DIGEST_HOUR, local time. `manage.py escalate_overdue_appeals` and
# `manage.py send_staff_digests` do the same from cron.
STAFF_DIGEST_HOUR = env.int("STAFF_DIGEST_HOUR", default=7)
if not 0 <= STAFF_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("STAFF_DIGEST_HOUR must be an hour from 0 to 23.")
CELERY_BEAT_SCHEDULE = {
    "escalate-overdue-appeals": {
        "task": "districts.escalate_overdue_appeals",
        "schedule": crontab(minute=5),
    },
    "send-staff-digests": {
        "task": "portal.send_staff_digests",
        "schedule": crontab(hour=STAFF_DIGEST_HOUR, minute=0),
    },
    "forget-old-submissions": {
        "task": "portal.forget_old_submissions",
        "schedule": crontab(hour=3, minute=30),
    },
    "forget-old-draft-receipts": {
        "task": "districts.forget_old_draft_receipts",
        "schedule": crontab(hour=3, minute=40),
    },
}

# Look-ups of the register by a full IIN, per user (volunteers/views/iin_lookup.py).
IIN_LOOKUP_RATE = env("IIN_LOOKUP_RATE", default="30/h")

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "public-home"

# Login protection: lock a username+address pair after repeated failures, for a short while,
# so that failures from elsewhere never lock a user out where they work. The address is the
# client's (portal/client_ip.py). AXES_COOLOFF_HOURS, if set, is the older spelling.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env.float(
        "AXES_COOLOFF_MINUTES", default=env.float("AXES_COOLOFF_HOURS", default=0.25) * 60
    )
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# --- Staff accounts and the audit log ---
# A staff session ends after this many minutes without a request. [30]
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
# Two-factor sign-in with an authenticator app (TOTP, django-otp): anyone on the staff may
# turn it on in "My settings"; with REQUIRE_2FA the roles in OTP_REQUIRED_ROLES must use it.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=False)
OTP_REQUIRED_ROLES = env.list("OTP_REQUIRED_ROLES", default=["administrator", "akimat_registrar"])
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Uchastok portal")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's key
# The audit log (django-auditlog, see audit/registry.py) keeps its entries this many days.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=1825)
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # fixtures are not someone's change
AUDITLOG_CID_GETTER = "audit.middleware.current_request_id"
if STAFF_SESSION_IDLE_MINUTES < 1 or AUDIT_RETENTION_DAYS < 1:
    raise ImproperlyConfigured(
        "STAFF_SESSION_IDLE_MINUTES and AUDIT_RETENTION_DAYS must be 1 or more."
    )
# The values of portal.models.Role, which settings cannot import.
_ROLES = "inspector supervisor akimat_registrar regional_registrar council_secretary administrator"
if not set(OTP_REQUIRED_ROLES) <= set(_ROLES.split()):
    raise ImproperlyConfigured(f"OTP_REQUIRED_ROLES: use roles among {_ROLES}.")
CELERY_BEAT_SCHEDULE["purge-audit-log"] = {
    "task": "audit.purge_expired_entries",
    "schedule": crontab(hour=4, minute=15),
}

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats per language (portal/formats: Kazakh, which Django does not ship, and where the
# Russian and English ones differ from Django's); long dates in portal/dates.py. Numbers
# are grouped where a template asks (|intcomma, |floatformat:"2g"), never by default:
# years, ids and values in attributes stay plain.
FORMAT_MODULE_PATH = ["portal.formats"]
# With no language active: day-first too, and never the US month-first order.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ru", "kk")
TIME_ZONE = env("TIME_ZONE", default="Asia/Almaty")
CELERY_TIMEZONE = TIME_ZONE  # the beat schedule is in local time
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from npm (package-lock.json) and are served by the portal.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Personal data (assistants' photos, joint actions' photos): never under MEDIA_ROOT, never
# served by the web server, only through the portal's guarded views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
# Uploaded photos (portal/images.py): larger images are refused before they are decoded,
# and Pillow refuses to open anything twice as large anywhere in the portal.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
if IMAGE_MAX_PIXELS < 1_000_000:
    raise ImproperlyConfigured("IMAGE_MAX_PIXELS must allow at least one megapixel.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# consolemail:// prints messages; production uses e.g. smtp+tls://user:password@mail.example.kz:587
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@localhost")
# Public address of the portal, for links in e-mail sent outside a request.
PORTAL_URL = env("PORTAL_URL", default="")

# Behind a reverse proxy: the proxies' addresses (or networks), and the header in which they
# pass the client's address (X-Real-IP, X-Forwarded-For); believed only on a request from one
# of those addresses (portal/client_ip.py). The login lockout and the rate limits of the public
# forms count by that address. RATELIMIT_IP_META_KEY, if set, is the header's older name.
TRUSTED_PROXY_IPS = env.list("TRUSTED_PROXY_IPS", default=[])
for _proxy in TRUSTED_PROXY_IPS:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXY_IPS: {_error}") from None
_header = env("CLIENT_IP_HEADER", default=env("RATELIMIT_IP_META_KEY", default="X-Real-IP"))
CLIENT_IP_HEADER = (
    _header if _header.startswith("HTTP_") else "HTTP_" + _header.upper().replace("-", "_")
)
RATELIMIT_IP_META_KEY = "portal.client_ip.client_ip"
# A request whose query string is longer is refused with a 400 (portal/middleware.py).
MAX_QUERY_STRING_LENGTH = env.int("MAX_QUERY_STRING_LENGTH", default=4096)

# Security headers. All scripts and styles come from the portal itself.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Behind a TLS-terminating proxy that sends X-Forwarded-Proto; it must be named in
# TRUSTED_PROXY_IPS too (`check --deploy` fails otherwise).
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every stylesheet it parses at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
