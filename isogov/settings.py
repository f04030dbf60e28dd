"""Settings come from the environment so that one build runs on a laptop (SQLite) and at scale (PostgreSQL)."""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from isogov import conf
from isogov.core.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
# isogov's own settings: each declared once, with its default and its basis, in isogov/conf.py. Nothing here
# creates folders; `isogov` commands and the WSGI application do (conf.make_folders).
ISOGOV = conf.build()
VAR_DIR = ISOGOV["VAR_DIR"]


DEBUG = env_bool("DEBUG", False)
# The demo (`make run`, `isogov demo`) and the test suite (isogov/settings_test.py) run on throw-away data.
DEMO = ISOGOV["DEMO"]
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
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # The REST API under /api/v1/ (isogov/api_urls.py), its OpenAPI schema and docs served from our own static files.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The built-in widget templates, for the project's template engine (FORM_RENDERER below).
    "django.forms",
    "isogov.core",
    "isogov.accounts",
    "isogov.registry",
    "isogov.doctemplates",
    "isogov.qms",
    "isogov.audit",
    "isogov.jobs",
    "isogov.clauses",
    "isogov.documents",
    "isogov.library",
    "isogov.catalogue",
    "isogov.objectives",
    "isogov.risks",
    "isogov.audits",
    "isogov.capa",
    "isogov.reviews",
    "isogov.feedback",
    "isogov.compliance",
    "isogov.scoring",
    "isogov.programme",
    "isogov.training",
    "isogov.events",
    "isogov.inspections",
    "isogov.dashboard",
    "isogov.reports",
    "isogov.search",
    "isogov.demo",
    "isogov.home",
    "isogov.notifications",
    "isogov.generate",
    "isogov.portal",
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
    # request.htmx: whether htmx sent the request (and whether it was boosted), for fragments and redirects.
    "django_htmx.middleware.HtmxMiddleware",
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
                "isogov.notifications.context_processors.unread",
            ],
        },
    }
]

# `{{ form }}` draws the house layout (isogov/templates/includes/form.html).
FORM_RENDERER = "isogov.core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'isogov.sqlite3'}",
        # A new PostgreSQL connection costs 7-12 ms a request (issue 14): keep it a minute, checked before reuse
        # so that a restarted server costs one failed check, not an error page.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    # A PostgreSQL read replica for the reports and dashboards (isogov/core/replica.py, docs/deploy.md).
    DATABASES["replica"] = {**dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"],
                                                    conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True),
                            "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["isogov.core.replica.ReplicaRouter"]
SQLITE_BUSY_SECONDS = ISOGOV["SQLITE_BUSY_SECONDS"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": SQLITE_BUSY_SECONDS,
        "init_command": (f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}; PRAGMA journal_mode=WAL; "
                         "PRAGMA synchronous=NORMAL;"),
        "transaction_mode": "IMMEDIATE",
    }

# The task queue (isogov/jobs): django-tasks with its database backend, or Redis through django-tasks-rq.
if ISOGOV["TASKS"] == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif ISOGOV["TASKS"] == "rq":
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": ISOGOV["REDIS_URL"], "DEFAULT_TIMEOUT": 3600}}
else:
    raise ImproperlyConfigured(f"ISOGOV_TASKS must be db or rq, not {ISOGOV['TASKS']!r}.")
# A running job's progress, shared by the worker and the web processes (isogov/jobs/runner.py: Progress).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "jobs": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "progress")}
    if ISOGOV["TASKS"] == "db" else {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                     "LOCATION": ISOGOV["REDIS_URL"]},
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
LOGIN_REDIRECT_URL = "home:home"  # each role lands on its home (isogov/home)
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

# E-mail (the reminders' daily digest): the console backend prints messages until a server is configured (README).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "isogov <isogov@localhost>")

# The REST API (isogov/core/api.py): session or token authentication, JSON only, the error shape in one handler.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "isogov.accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["isogov.accounts.tokens.ScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "isogov.core.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "isogov.core.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "isogov API",
    "DESCRIPTION": "The programme's records by program, with the pages' access rules (README, \"API\").",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several areas name a choice field "kind", "source" or "status": each choice set gets a name of its own
    # (otherwise the schema's enums are named by a hash, and `check --deploy` warns).
    "ENUM_NAME_OVERRIDES": {
        "RiskKindEnum": "isogov.risks.models.Kind",
        "RiskStatusEnum": "isogov.risks.models.Status",
        "DocumentKindEnum": "isogov.documents.models.DocumentKind",
        "NonconformitySourceEnum": "isogov.capa.models.Source",
    },
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["isogov.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
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
if ISOGOV["STORAGE"] == "s3":
    # Uploads in a private bucket (docs/deploy.md); isogov's views check access and stream them, never link to it.
    # boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment itself.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "default_acl": None, "querystring_auth": True, "file_overwrite": False}}
elif ISOGOV["STORAGE"] != "filesystem":
    raise ImproperlyConfigured(f"ISOGOV_STORAGE must be filesystem or s3, not {ISOGOV['STORAGE']!r}.")

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
PROXY_COUNT = ISOGOV["PROXY_COUNT"]
SECURE_PROXY_SSL_HEADER = (ISOGOV["PROXY_SSL_HEADER"], "https") if PROXY_COUNT else None

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
