"""Restore settings: one module, read from the environment.

Every value has a safe default: DEBUG is off unless DJANGO_DEBUG is set, and a start without
DEBUG refuses a missing SECRET_KEY or ALLOWED_HOSTS (see clinic/checks.py for the deploy check).
`make run` exports development values; production values are documented in .env.example.
"""

import hashlib
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
TESTING = "pytest" in sys.modules or env_bool("RESTORE_TESTING")

SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not DEBUG and not TESTING:
    missing = [
        name
        for name, value in (
            ("DJANGO_SECRET_KEY", SECRET_KEY),
            ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
        )
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "Restore is starting without DEBUG, so it needs real production settings. "
            f"Set {' and '.join(missing)} (see .env.example), "
            "or set DJANGO_DEBUG=1 for development."
        )
if not SECRET_KEY:
    # Development and tests only: the branch above refuses this in production.
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "clinic",
    "programs",
    "pages",
    "demo",
    "interop",
]
# Privacy and security: login throttling, two-factor, CSP.
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
]
# The background worker (`manage.py run_huey`): see "Background work" below.
INSTALLED_APPS += ["huey.contrib.djhuey"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # anonymous pages: cookie, then the browser
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Privacy and security. Order matters: request id first (the audit log reads it),
# OTP after authentication, the session and two-factor gates before any view, axes last
# (it turns a lockout flagged during the login view into the lockout page).
MIDDLEWARE += [
    "clinic.middleware.RequestIDMiddleware",
    "clinic.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "clinic.remembered_devices.RememberedDeviceMiddleware",  # patients' "keep me signed in"
    "clinic.middleware.UserLanguageMiddleware",  # signed in: the person's own language
    "clinic.middleware.SessionTimeoutMiddleware",
    "clinic.middleware.TwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "clinic.context_processors.clinic",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (or any dj-database-url URL) through DATABASE_URL.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "600")), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # Writers queue for the lock instead of failing with "database is locked":
                # IMMEDIATE takes the write lock at BEGIN, WAL lets readers run during writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis (redis://...) in production for several app servers.
CACHE_URL = env("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "restore",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "clinic.User"
# Axes first: it refuses a locked-out username+IP before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "clinic.backends.ClinicBackend",  # Django's ModelBackend, with the clinic's two-factor rule
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "clinic.passwords.StrengthValidator"},  # guessability, estimated by zxcvbn
]

LANGUAGE_CODE = "en"
# The languages everything a patient reads comes in (clinic/languages.py). Adding one is adding
# its locale/<code>/LC_MESSAGES/*.po and a line here.
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt-br", "Português (Brasil)")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = env("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries come from npm through package-lock.json and are served by the app itself.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/sortablejs", NODE_MODULES / "sortablejs"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]

# Media (uploads, stored handout PDFs) is private: never served at a public URL, only through
# views that check access. File system by default; S3-compatible object storage through env.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media-not-public/"
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
if env("MEDIA_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Health records on disk are for the app's own user and group only (Django's default is 0o644,
# readable by every account on the server). Stored handouts are saved with the same modes.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Imaging and test report PDFs (clinic/imaging_reports.py): an upload is read up to this size.
RESTORE_REPORT_MAX_BYTES = int(env("RESTORE_REPORT_MAX_BYTES", str(10 * 1024 * 1024)))
# Exercise videos (programs/videos.py): MP4 or WebM up to this size.
RESTORE_VIDEO_MAX_BYTES = int(env("RESTORE_VIDEO_MAX_BYTES", str(50 * 1024 * 1024)))
# Licensed questionnaires (Oswestry, STarT Back) a patient may answer at home: only where the
# clinic holds the licence and loads the wording from its licensed copy, as a JSON file
# (shape in clinic/questionnaires/instruments.py). Without it they are entered by staff only.
_licensed_measures_file = env("RESTORE_LICENSED_MEASURES_FILE", "")
RESTORE_LICENSED_MEASURES = (
    json.loads(Path(_licensed_measures_file).read_text(encoding="utf-8"))
    if _licensed_measures_file
    else {}
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# Email: console in development, SMTP from env in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Restore <no-reply@restore.invalid>")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Seconds an SMTP connection may block. Must stay well below RESTORE_OUTBOX_LEASE_SECONDS, or a
# slow send could outlive its lease and be sent again by another worker.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))

# --- Background work (Huey) and the message outbox (clinic/outbox/) ---------------------------
# Requests never send mail: they write an OutboxMessage row in their own transaction and the
# worker (`manage.py run_huey`) delivers it. The queue only says "look at row N now"; the row is
# the record of what must be sent, so a lost queue entry is found again by the sweeper.
# Queue: a SQLite file by default (`make run` needs no other server); Redis when REDIS_URL is
# set, for production with several workers or app servers (docs/deploy.md).
REDIS_URL = env("REDIS_URL")
HUEY = {
    "name": env("RESTORE_HUEY_NAME", "restore"),
    # Run tasks in the calling process, at once, with an in-memory queue (tests).
    "immediate": env_bool("RESTORE_HUEY_IMMEDIATE"),
    "results": False,  # tasks report through the outbox rows, not Huey's result store
    "utc": True,
    "consumer": {
        "workers": int(env("RESTORE_HUEY_WORKERS", "2")),
        "worker_type": "thread",
        "max_delay": 2.0,  # an idle SQLite queue is polled at least every 2 seconds
    },
}
if REDIS_URL:
    HUEY.update(huey_class="huey.RedisHuey", url=REDIS_URL)
else:
    HUEY.update(
        huey_class="huey.SqliteHuey",
        filename=env("RESTORE_HUEY_SQLITE_PATH", str(BASE_DIR / "var" / "huey.sqlite3")),
    )
# Delivery attempts per message before it is marked failed for staff to see (backoff between
# attempts: 1, 5, 25, 125, 625 minutes).
RESTORE_OUTBOX_MAX_ATTEMPTS = int(env("RESTORE_OUTBOX_MAX_ATTEMPTS", "6"))
# How long a worker owns a message it is sending. A worker killed mid-send leaves the row
# "sending"; once the lease runs out the sweeper puts it back in the queue.
RESTORE_OUTBOX_LEASE_SECONDS = int(env("RESTORE_OUTBOX_LEASE_SECONDS", "300"))

# --- Security (HIPAA technical safeguards). Production values are on unless DEBUG;
# `make check-deploy` runs `check --deploy --fail-level WARNING` with .env.example.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = not DEBUG and not TESTING
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_SECURE = not DEBUG and not TESTING
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
RESTORE_BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if RESTORE_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours stand in front of gunicorn, each adding to X-Forwarded-For: the
# client's address is read that many entries from the right (clinic.audit.client_ip; 0 = use
# REMOTE_ADDR). One, our nginx, when DJANGO_BEHIND_PROXY is set; a load balancer adds one more.
_proxy_hops = env("DJANGO_TRUSTED_PROXY_HOPS", "1" if RESTORE_BEHIND_PROXY else "0").strip()
if not _proxy_hops.isdecimal():
    raise ImproperlyConfigured(
        f"DJANGO_TRUSTED_PROXY_HOPS must be a whole number of proxies (0 or more), "
        f"not {_proxy_hops!r}."
    )
RESTORE_TRUSTED_PROXY_HOPS = int(_proxy_hops)

# The audit log (clinic/audit.py). Each row's hash is an HMAC under a key kept outside the
# database, so someone who can write to the database cannot rebuild the chain after changing it.
# Without DJANGO_AUDIT_HMAC_KEY a key is derived from SECRET_KEY (development and tests);
# `check --deploy` refuses that in production. Rotation (docs/operations.md): give the new key a
# new DJANGO_AUDIT_HMAC_KEY_ID and list the old ones in DJANGO_AUDIT_HMAC_OLD_KEYS=id:key,...
RESTORE_AUDIT_HMAC_DEFAULT_KEY = hashlib.sha256(
    b"restore-audit-hmac-default:" + SECRET_KEY.encode()
).hexdigest()
RESTORE_AUDIT_HMAC_KEY = env("DJANGO_AUDIT_HMAC_KEY") or RESTORE_AUDIT_HMAC_DEFAULT_KEY
RESTORE_AUDIT_HMAC_KEY_ID = env(
    "DJANGO_AUDIT_HMAC_KEY_ID", "k1" if env("DJANGO_AUDIT_HMAC_KEY") else "dev"
).strip()
RESTORE_AUDIT_HMAC_OLD_KEYS: dict[str, str] = {}
for _entry in env_list("DJANGO_AUDIT_HMAC_OLD_KEYS"):
    _key_id, _sep, _key = _entry.partition(":")
    if not _sep or not _key_id.strip() or not _key.strip():
        raise ImproperlyConfigured(
            "DJANGO_AUDIT_HMAC_OLD_KEYS is a list of id:key, comma-separated."
        )
    RESTORE_AUDIT_HMAC_OLD_KEYS[_key_id.strip()] = _key.strip()
if not RESTORE_AUDIT_HMAC_KEY_ID or len(RESTORE_AUDIT_HMAC_KEY_ID) > 16:
    raise ImproperlyConfigured("DJANGO_AUDIT_HMAC_KEY_ID must be 1 to 16 characters.")
if RESTORE_AUDIT_HMAC_KEY_ID in RESTORE_AUDIT_HMAC_OLD_KEYS:
    raise ImproperlyConfigured(
        f"DJANGO_AUDIT_HMAC_KEY_ID {RESTORE_AUDIT_HMAC_KEY_ID!r} is also an old key's id: "
        "a rotated key needs an id of its own."
    )
# Signed checkpoints of the chain head, appended hourly by the worker to a file the database's
# writer cannot rewrite (a separate mount, `chattr +a`, or a synced object-locked bucket).
RESTORE_AUDIT_CHECKPOINT_FILE = Path(
    env("RESTORE_AUDIT_CHECKPOINT_FILE", str(BASE_DIR / "var" / "audit-checkpoints.jsonl"))
)

# A request writes its audit row as one insert, "pending"; the worker links pending rows into the
# hash chain every few seconds. A row still pending after this many seconds makes
# `verify_audit_log` fail (the worker is down, or the row came from outside the application).
# A whole number of seconds, 60 to 86400; the `restore.E005` system check refuses anything else.
_audit_link_window = env("RESTORE_AUDIT_LINK_WINDOW", "300").strip()
RESTORE_AUDIT_LINK_WINDOW: int | str = (
    int(_audit_link_window) if _audit_link_window.isdigit() else _audit_link_window
)

# Sessions: server-side rows, so logging out (or timing out) ends them for good.
# clinic.middleware.SessionTimeoutMiddleware enforces the idle timeouts per role and the
# absolute cap; SESSION_COOKIE_AGE is the same cap as a backstop.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60
RESTORE_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
RESTORE_STAFF_IDLE_SECONDS = int(env("RESTORE_STAFF_IDLE_SECONDS", str(15 * 60)))
RESTORE_PATIENT_IDLE_SECONDS = int(env("RESTORE_PATIENT_IDLE_SECONDS", str(30 * 60)))

# Login throttling (django-axes): 10 failures for one username from one IP address lock that
# pair for 15 minutes. Locking the pair, not the username, means an attacker elsewhere cannot
# lock a patient out; the lock ends by itself 15 minutes after it began, even if the attacker
# keeps trying, and a correct password during the lock is refused (429, see locked_out.html).
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "clinic.middleware.lockout_response"  # registration/locked_out.html, 429
AXES_USERNAME_CALLABLE = "clinic.middleware.axes_username"
AXES_CLIENT_IP_CALLABLE = "clinic.audit.client_ip"
AXES_VERBOSE = False  # failures are in the audit log; keep emails out of the application log

# Two-factor (django-otp TOTP). The issuer is the name shown in the authenticator app.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Restore")

# Content-Security-Policy (django-csp 4): only our own scripts and styles, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Clinical configuration: thresholds in weeks for acute/subacute/chronic (docs/clinical-rules.md).
RESTORE_ACUTE_WEEKS = int(env("RESTORE_ACUTE_WEEKS", "6"))
RESTORE_SUBACUTE_WEEKS = int(env("RESTORE_SUBACUTE_WEEKS", "12"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Failed logins are in the audit log; axes would also log masked lines on every login.
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO; keep its warnings (refused resources).
        "weasyprint.progress": {"level": "WARNING"},
        # The worker's lines once, in its own format with times: run_huey gives the "huey"
        # logger a handler (it has none here), and they do not go on to the root handler.
        "huey": {"level": "INFO", "propagate": False},
    },
}
