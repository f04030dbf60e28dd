"""Settings come from the environment so that one build runs on a laptop (SQLite) and at scale (PostgreSQL)."""
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ISOGOV_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("ISOGOV_REQUIRE_SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in production")
    # A fixed key only for local demo and tests; production sets SECRET_KEY.
    SECRET_KEY = "isogov-insecure-local-key-change-me"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_filters",
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
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "isogov.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
                "isogov.core.context_processors.navigation",
            ],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'isogov.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
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
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
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
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# isogov's own settings. Rules marked [assumed] in docs/domain are settings, never literals in code.
ISOGOV = {
    # Which tier set `migrate` loads into an empty registry: "three-tier" (province bodies, district,
    # commune; before 1 July 2025) or "two-tier" (province bodies, commune; since 1 July 2025).
    "TIER_PRESET": os.environ.get("ISOGOV_TIER_PRESET", "three-tier"),
    "AGENCY_PAGE_SIZE": 50,
    "IMPORT_MAX_BYTES": int(os.environ.get("ISOGOV_IMPORT_MAX_BYTES", str(20 * 1024 * 1024))),
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
