"""Settings come from the environment so that one build runs on a laptop (SQLite) and at scale (PostgreSQL)."""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from isogov.core.env import env_bool, env_int, env_list, header_meta_key

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ISOGOV_VAR_DIR", PROJECT_DIR / "var"))


DEBUG = env_bool("DEBUG", False)
# The demo (`make run`, `isogov demo`) and the test suite (isogov/settings_test.py) run on throw-away data.
DEMO = env_bool("ISOGOV_DEMO", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        # The fallback key is public (it is in the repository): sessions and password-reset links signed
        # with it could be forged, so a server never starts on it.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to 50 or more random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set ISOGOV_DEMO=1 to run the "
            "demo on the public development key.")
    SECRET_KEY = "isogov-insecure-local-key-change-me"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_filters",
    # The built-in widget templates, for the project's template engine (FORM_RENDERER below).
    "django.forms",
    "isogov.core",
    "isogov.accounts",
    "isogov.registry",
    "isogov.qms",
    "isogov.audit",
    "isogov.clauses",
    "isogov.documents",
    "isogov.objectives",
    "isogov.risks",
    "isogov.audits",
    "isogov.capa",
    "isogov.reviews",
    "isogov.feedback",
    "isogov.compliance",
    "isogov.programme",
    "isogov.training",
    "isogov.events",
    "isogov.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "isogov.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "isogov.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view (and CSRF's check) reads the body of an oversized upload.
    "isogov.core.uploads.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "isogov.urls"
WSGI_APPLICATION = "isogov.wsgi.application"

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
                "django.template.context_processors.i18n",
                "isogov.accounts.context_processors.navigation",
            ],
        },
    }
]

# `{{ form }}` draws the house layout (isogov/templates/includes/form.html).
FORM_RENDERER = "isogov.core.renderers.FormRenderer"

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'isogov.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# [assumed] How long a write waits for SQLite's single write lock before failing with "database is locked".
# Under fifty simultaneous logins a transaction could hold it for seconds (bench/concurrency.py); 5 s was
# too short. A long wait is a slow page; a short one is a 500.
SQLITE_BUSY_SECONDS = env_int("ISOGOV_SQLITE_BUSY_SECONDS", 30, minimum=1)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": SQLITE_BUSY_SECONDS,
        "init_command": (f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}; PRAGMA journal_mode=WAL; "
                         "PRAGMA synchronous=NORMAL;"),
        "transaction_mode": "IMMEDIATE",
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    # Django's Argon2, with a bound on how many hashes a process computes at once (PASSWORD_HASHES_AT_ONCE).
    "isogov.accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "registry:agency_list"
LOGOUT_REDIRECT_URL = "login"

# Login attempts: lock a username+address pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
# The address is the client's, read from the trusted proxy's header when there is one (ISOGOV_PROXY_COUNT):
# keyed on the proxy's own address, anyone could lock any account.
AXES_CLIENT_IP_CALLABLE = "isogov.core.proxy.client_ip"
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["isogov.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media")))},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The app serves its own assets (offline government networks); without collectstatic, serve from finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# HTTPS in production (README, "Production"); off by default so that `make run` works on http://127.0.0.1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind reverse proxies, their headers say whether the request came over HTTPS and from which address.
# Without one, those headers are written by the client and trusted for nothing.
PROXY_COUNT = env_int("ISOGOV_PROXY_COUNT", 0)
SECURE_PROXY_SSL_HEADER = (
    (header_meta_key("ISOGOV_PROXY_SSL_HEADER", os.environ.get("ISOGOV_PROXY_SSL_HEADER", "X-Forwarded-Proto")),
     "https") if PROXY_COUNT else None)

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# isogov's own settings. Rules marked [assumed] in docs/domain are settings, never literals in code.
ISOGOV = {
    # [assumed] At most this many Argon2 hashes (100 MiB and 8 threads each) are computed at once per server
    # process; further logins wait their turn. Fifty at once took 5 GB and starved the request holding
    # SQLite's write lock of CPU. The default keeps the processors busy without queueing them twice over.
    "PASSWORD_HASHES_AT_ONCE": env_int("ISOGOV_PASSWORD_HASHES_AT_ONCE", max(2, os.cpu_count() or 2), minimum=1),
    # How many reverse proxies stand in front of isogov, and the header in which each appends the address it
    # received from (isogov/core/proxy.py). 0: the client connects directly.
    "PROXY_COUNT": PROXY_COUNT,
    "PROXY_CLIENT_IP_HEADER": header_meta_key(
        "ISOGOV_PROXY_CLIENT_IP_HEADER", os.environ.get("ISOGOV_PROXY_CLIENT_IP_HEADER", "X-Forwarded-For")),
    # No inline script, style or event handler anywhere (isogov/core/tests/test_security.py): an injected
    # <script> or onerror= would not run. htmx is configured by a <meta> in base.html to need no eval.
    "CONTENT_SECURITY_POLICY": "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]),
    # Which tier set `migrate` loads into an empty registry: "three-tier" (province bodies, district,
    # commune; before 1 July 2025) or "two-tier" (province bodies, commune; since 1 July 2025).
    "TIER_PRESET": os.environ.get("ISOGOV_TIER_PRESET", "three-tier"),
    "AGENCY_PAGE_SIZE": 50,
    "IMPORT_MAX_BYTES": int(os.environ.get("ISOGOV_IMPORT_MAX_BYTES", str(20 * 1024 * 1024))),
    # [assumed] Decompression bombs: an .xlsx is a zip, refused before any parser opens it when its parts
    # inflate past this (a 100,000-row workbook is about 55 MB), when a part larger than 1 MiB is compressed
    # more than IMPORT_MAX_RATIO times (spreadsheets: 5 to 30; bombs: about 1,000) or it has more parts.
    "IMPORT_MAX_UNCOMPRESSED_BYTES": int(os.environ.get("ISOGOV_IMPORT_MAX_UNCOMPRESSED_BYTES", str(100 << 20))),
    "IMPORT_MAX_RATIO": int(os.environ.get("ISOGOV_IMPORT_MAX_RATIO", "200")),
    "IMPORT_MAX_ZIP_MEMBERS": int(os.environ.get("ISOGOV_IMPORT_MAX_ZIP_MEMBERS", "1000")),
    # [assumed] Data rows one import reads: ten times the largest registry; a row costs about 1 KB in memory.
    "IMPORT_MAX_ROWS": int(os.environ.get("ISOGOV_IMPORT_MAX_ROWS", "100000")),
    "SIGNED_FILE_MAX_BYTES": int(os.environ.get("ISOGOV_SIGNED_FILE_MAX_BYTES", str(20 * 1024 * 1024))),
    "AUDIT_PAGE_SIZE": 50,
    # [assumed] Risks are rated likelihood × impact, each from 1 to RISK_SCALE; a rating at or above a
    # band's threshold falls in that band (low below "medium").
    "RISK_SCALE": int(os.environ.get("ISOGOV_RISK_SCALE", "5")),
    "RISK_BANDS": {"medium": 5, "high": 12},
    # [assumed] An agency counts as covered by the training once this many of its staff completed a course.
    "TRAINING_MIN_PER_AGENCY": int(os.environ.get("ISOGOV_TRAINING_MIN_PER_AGENCY", "2")),
    "DOCUMENT_MAX_BYTES": int(os.environ.get("ISOGOV_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024))),
    # Domain: a new legal document is brought into the QMS within this many months of taking effect.
    # Deadlines are stored when a legal text is recorded; after changing this, run `isogov legal-deadlines`.
    "LEGAL_UPDATE_MONTHS": int(os.environ.get("ISOGOV_LEGAL_UPDATE_MONTHS", "3")),
    # [assumed] The plausible range of every date typed or imported (isogov/core/validators.py). ISO 9001 came to
    # Vietnamese agencies with Decision 144/2006/QĐ-TTg, so no QMS record predates DATE_MIN_YEAR; nothing is
    # recorded or planned after 31/12 of the year DATE_MAX_YEARS_AHEAD years from now, except the dates of a
    # programme plan, drafted for years ahead (a plan covers up to 10 years): PLAN_DATE_MAX_YEARS_AHEAD.
    "DATE_MIN_YEAR": int(os.environ.get("ISOGOV_DATE_MIN_YEAR", "1990")),
    "DATE_MAX_YEARS_AHEAD": int(os.environ.get("ISOGOV_DATE_MAX_YEARS_AHEAD", "1")),
    "PLAN_DATE_MAX_YEARS_AHEAD": int(os.environ.get("ISOGOV_PLAN_DATE_MAX_YEARS_AHEAD", "10")),
    # [assumed] Separation of duties, enforced by isogov/accounts/access.py. ISO 9001:2015 asks for corrective
    # actions to be reviewed for effectiveness (10.2.1 d) and documents to be approved (7.5.2 c) without naming
    # who; that a different person checks is the usual reading, assumed here. An empty list switches a rule off
    # (an agency too small to have a second person).
    "SEPARATION_OF_DUTIES": {
        # Who may not verify the effectiveness of a nonconformity's actions: "owner" (an account or name
        # owning one of them), "done_by" (whoever recorded one of them done).
        "CAPA_VERIFIER_EXCLUDES": ["owner", "done_by"],
        # Roles that adopt the corrective action plan (and a revised plan after "not effective"): the head
        # of the agency (or of a unit above it) and the programme lead. Role values of accounts.Role.
        "CAPA_PLAN_ADOPTERS": ["head", "admin"],
        # Who may not approve a document version: "author" (created it or changed its draft), "submitter"
        # (sent it for review). Who may approve at all stays the agency's head or the programme lead.
        "DOCUMENT_APPROVER_EXCLUDES": ["author", "submitter"],
    },
    # The compliance card (isogov/compliance/rules.py). [law] an internal audit (audits/rules.py) and a
    # management review at least once every 12 months. [assumed] amber from DUE_SOON_DAYS before a due date
    # (the reminder lead time); objectives green when this share of the measured ones is achieved, amber from
    # the second share, red below.
    "INTERNAL_AUDIT_MONTHS": 12,
    "MANAGEMENT_REVIEW_MONTHS": 12,
    "DUE_SOON_DAYS": 30,
    "OBJECTIVES_GREEN_SHARE": 100,
    "OBJECTIVES_AMBER_SHARE": 50,
    # Circular 116/2015/TT-BTC [law]: legal ceilings on programme budget lines, by budget category.
    # Exceeding one is a warning on the budget page, never a refusal. Amounts in đồng per agency per
    # year; "tier_percent" scales the ceiling for a tier (commune level: 80%).
    "BUDGET_CEILINGS": {
        "maintenance": {
            "per_agency_per_year": 15_000_000,
            "tier_percent": {"commune": 80},
            "legal_basis": "Thông tư 116/2015/TT-BTC",
        },
    },
}
# [assumed] The largest request body read at all (isogov/core/uploads.py): the largest file limit and 1 MiB for
# the form's other fields. Anything bigger is refused with 413 before Django reads it; set the reverse
# proxy's limit (nginx client_max_body_size) to the same value.
ISOGOV["UPLOAD_MAX_REQUEST_BYTES"] = int(os.environ.get("ISOGOV_UPLOAD_MAX_REQUEST_BYTES", str(
    max(v for k, v in ISOGOV.items() if k.endswith("_MAX_BYTES")) + (1 << 20))))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
