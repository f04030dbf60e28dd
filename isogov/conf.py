"""Every isogov setting, once: its name, its one default, how the environment may set it, and why it has that value.

settings.py builds `settings.ISOGOV` from SETTINGS (`build()`); code reads `settings.ISOGOV["NAME"]` and never
repeats a default. The basis says where a value comes from: "[law]" (a legal text, named), "[assumed]" (a
judgement of this project, open to change; the reason follows) or "[deployment]" (a fact of the installation,
not a rule). Values from the environment are parsed strictly (isogov/core/env.py): a mistyped number or yes/no
stops the start with the variable's name. Importing this module reads nothing and creates nothing.

The README's settings table lists every variable named here (isogov/core/tests/test_conf.py checks it).
"""
import copy
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from isogov.core.env import env_bool, env_header, env_int, env_list, env_path, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
MIB = 1 << 20


@dataclass(frozen=True)
class Setting:
    name: str  # the key in settings.ISOGOV
    # The value when the environment says nothing; a callable is given the settings built so far.
    default: Any
    basis: str  # "[law] …", "[assumed] …" or "[deployment] …"
    doc: str
    # How the environment variable is read: parse(variable name, default). None: not read from the environment.
    parse: Callable[[str, Any], Any] | None = None

    @property
    def env(self) -> str | None:
        return f"ISOGOV_{self.name}" if self.parse else None


def _int(minimum: int) -> Callable[[str, int], int]:
    return partial(env_int, minimum=minimum)


def _two_tier(built: dict) -> bool:
    """The two-tier shape, alone or under the national layer (two-tier+national)."""
    return "two-tier" in built["TIER_PRESET"].split("+")


def _iso_date(name: str, default: str) -> str:
    value = env_str(name, default)
    _check_iso_dates(name, [value])
    return value


def _iso_dates(name: str, default: tuple) -> tuple:
    values = tuple(env_list(name, ",".join(default))) if os.environ.get(name, "").strip() else tuple(default)
    _check_iso_dates(name, values)
    return values


def _check_iso_dates(name: str, values) -> None:
    import datetime as dt

    from django.core.exceptions import ImproperlyConfigured

    for value in values:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {value!r} is not a date written YYYY-MM-DD") from None


SETTINGS = [
    # The installation.
    Setting("DEMO", False, "[deployment]", "Throw-away data (`make run`, `isogov demo`, the test suite): the public "
            "development SECRET_KEY is accepted.", env_bool),
    Setting("VAR_DIR", PROJECT_DIR / "var", "[deployment]", "Where the SQLite file (and, unless MEDIA_ROOT says "
            "otherwise, uploaded files and collected static files) live; created by `isogov` commands and the WSGI "
            "application when missing.", env_path),
    Setting("SQLITE_BUSY_SECONDS", 30, "[assumed] Under fifty simultaneous logins a transaction could hold SQLite's "
            "write lock for seconds (bench/concurrency.py); 5 s was too short. A long wait is a slow page, a short one "
            "a 500.", "How long a write waits for SQLite's single write lock before failing.", _int(1)),
    Setting("PASSWORD_HASHES_AT_ONCE", lambda built: max(2, os.cpu_count() or 2),
            "[assumed] Fifty Argon2 hashes at once took 5 GB and starved the request holding SQLite's write lock of "
            "CPU; the number of processors keeps them busy without queueing twice over.",
            "Argon2 hashes (100 MiB and 8 threads each) computed at once per server process; further logins wait "
            "their turn. Default: the number of CPUs, at least 2.", _int(1)),
    Setting("PROXY_COUNT", 0, "[deployment]", "How many reverse proxies stand in front of isogov (0: clients connect "
            "directly). From 1, HTTPS is known from PROXY_SSL_HEADER and the client's address (for the login lockout) "
            "from PROXY_CLIENT_IP_HEADER, the one the outermost proxy appended (isogov/core/proxy.py).", _int(0)),
    Setting("PROXY_SSL_HEADER", "X-Forwarded-Proto", "[deployment]", "The header in which the proxy says the request "
            "came over HTTPS (read only when PROXY_COUNT is 1 or more).", env_header),
    Setting("PROXY_CLIENT_IP_HEADER", "X-Forwarded-For", "[deployment]", "The header in which each proxy appends the "
            "address it received from (e.g. X-Real-IP with PROXY_COUNT=1).", env_header),
    Setting("CONTENT_SECURITY_POLICY", "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]),
            "[assumed] No inline script, style or event handler anywhere (core/tests/test_security.py), so an "
            "injected <script> or onerror= does not run; htmx is configured by a <meta> in base.html to need no eval.",
            "The Content-Security-Policy header of every page."),
    Setting("TIER_PRESET", "three-tier", "[law] The two-tier shape (province bodies, commune) is in force since "
            "1 July 2025; three-tier (province bodies, district, commune) before.",
            "Which tier set `migrate` loads into an empty registry (isogov/registry/data/tiers); a ministry's registry "
            "adds the national level above the provinces: `three-tier+national` or `two-tier+national`.", env_str),
    # The task queue and long jobs (isogov/jobs).
    Setting("TASKS", "db", "[deployment] The database backend (django-tasks-db) needs nothing beyond the database "
            "isogov already has; Redis (django-tasks-rq) is for a deployment with several workers.",
            "Where the task queue lives: `db` (the database, SQLite or PostgreSQL) or `rq` (Redis at REDIS_URL). "
            "`isogov worker` runs the matching worker.", env_str),
    Setting("STORAGE", "filesystem", "[deployment] One server keeps uploads on its disk (MEDIA_ROOT); several web "
            "servers need a store they share.", "Where uploaded files live: `filesystem` (MEDIA_ROOT) or `s3` (an "
            "S3-compatible bucket through django-storages, `pip install 'isogov[s3]'`; AWS_STORAGE_BUCKET_NAME, "
            "AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).", env_str),
    Setting("REDIS_URL", "redis://127.0.0.1:6379/0", "[deployment]", "The Redis server of the queue when TASKS is "
            "`rq`.", env_str),
    Setting("JOB_ATTEMPTS", 3, "[assumed] A passing fault (a locked database, a full disk being cleared) is over "
            "within a few minutes; a job failing three times has a cause someone must read.",
            "How many times a long job is tried before it is marked failed with its error.", _int(1)),
    Setting("JOB_RETRY_SECONDS", 30, "[assumed]", "The wait before a failed job's second try; each further try "
            "waits twice as long as the one before (30 s, 60 s, ...).", _int(0)),
    Setting("JOB_LEASE_SECONDS", 120, "[assumed] A job reports progress at least every few seconds; two minutes "
            "without a word means its worker died.", "A running job whose worker has not reported for this long is "
            "run again by another worker (its earlier run wrote nothing: a job's result is written in one "
            "transaction at its end).", _int(1)),
    Setting("JOB_RESULT_DAYS", 7, "[assumed] Long enough to download after a weekend; exports hold personal data "
            "that should not pile up.", "How long a job's file (an export) is kept; the worker deletes it after.",
            _int(1)),
    Setting("EXPORT_INLINE_ROWS", 2000, "[assumed] 2,000 agencies export in about a second.",
            "The agency list's export of more agencies runs in the background, with a progress page; fewer "
            "download at once.", _int(0)),
    Setting("IMPORT_INLINE_ROWS", 500, "[assumed] 500 rows import in about a second, within the page's request.",
            "An agency import of more rows runs in the background, with a progress page.", _int(0)),
    # Pages.
    Setting("AGENCY_PAGE_SIZE", 50, "[assumed]", "Agencies per page of the registry."),
    Setting("AUDIT_PAGE_SIZE", 50, "[assumed]", "Events per page of the audit trail."),
    Setting("AUDIT_COUNT_CAP", 10_000, "[assumed] Counting a national trail (a million events) was most of the "
            "page's time; 10,000 events count in milliseconds and are more than anyone pages through.",
            "The audit trail counts its events up to this many; past it the page says \"more than 10,000\" and "
            "pages by previous and next.", _int(1)),
    # Files.
    Setting("IMPORT_MAX_BYTES", 20 * MIB, "[assumed]", "The largest import file.", _int(1)),
    Setting("IMPORT_MAX_UNCOMPRESSED_BYTES", 100 * MIB, "[assumed] Decompression bombs: a 100,000-row workbook "
            "is about 55 MB.", "An .xlsx (a zip) is refused before any parser opens it when its parts inflate past "
            "this.", _int(1)),
    Setting("IMPORT_MAX_RATIO", 200, "[assumed] Spreadsheets compress 5 to 30 times, bombs about 1,000 times.",
            "An .xlsx is refused when a part larger than 1 MiB is compressed more than this many times.", _int(1)),
    Setting("IMPORT_MAX_ZIP_MEMBERS", 1000, "[assumed]", "An .xlsx with more parts than this is refused.", _int(1)),
    Setting("IMPORT_MAX_ROWS", 100_000, "[assumed] Ten times the largest registry; a row costs about 1 KB in "
            "memory.", "Data rows one import reads.", _int(1)),
    Setting("SIGNED_FILE_MAX_BYTES", 20 * MIB, "[assumed]", "The largest signed file (an announcement's decision).",
            _int(1)),
    Setting("DOCUMENT_MAX_BYTES", 20 * MIB, "[assumed]", "The largest file of a document version.", _int(1)),
    Setting("EVENT_MATERIAL_MAX_BYTES", 20 * MIB, "[assumed]", "The largest file of an event's materials.", _int(1)),
    Setting("NEWS_ATTACHMENT_MAX_BYTES", 20 * MIB, "[assumed]", "The largest attachment of a news item of the public "
            "portal.", _int(1)),
    Setting("UPLOAD_MAX_REQUEST_BYTES",
            lambda built: max(v for k, v in built.items() if k.endswith("_MAX_BYTES")) + MIB,
            "[assumed] The largest file limit and 1 MiB for the form's other fields.",
            "The largest request body read at all (isogov/core/uploads.py): anything bigger is answered 413 before "
            "Django reads it. Set the reverse proxy's limit (nginx client_max_body_size) to the same value.",
            _int(1)),
    # Dates.
    Setting("DATE_MIN_YEAR", 1990, "[assumed] ISO 9001 came to Vietnamese agencies with Decision "
            "144/2006/QĐ-TTg, so no QMS record predates it.", "The earliest year of a date typed or imported "
            "(isogov/core/validators.py).", _int(1)),
    Setting("DATE_MAX_YEARS_AHEAD", 1, "[assumed]", "Nothing is recorded or planned after 31/12 of the year this "
            "many years from now.", _int(0)),
    Setting("PLAN_DATE_MAX_YEARS_AHEAD", 10, "[assumed] A programme plan covers up to 10 years.",
            "The same limit for the dates of a programme plan, drafted for years ahead.", _int(0)),
    # The agency's ISO records.
    Setting("RISK_SCALE", 5, "[assumed]", "Risks are rated likelihood × impact, each from 1 to this.", _int(2)),
    Setting("RISK_BANDS", {"medium": 5, "high": 12}, "[assumed]", "A rating at or above a band's threshold falls in "
            "that band (low below medium)."),
    Setting("LEGAL_UPDATE_MONTHS", 3, "[law] a new legal document is brought into the QMS within 3 months of "
            "taking effect (the domain rule the documents area was built on).", "Deadlines are stored when a legal "
            "text is recorded; after changing this, run `isogov legal-deadlines`.", _int(1)),
    Setting("TEMPLATE_UPDATE_MONTHS", 6, "[assumed] a template revised for a reason other than a legal text (a better "
            "form, a clearer step) is not urgent; half a year fits one internal audit cycle. A revision that brings in "
            "a legal text takes LEGAL_UPDATE_MONTHS instead [law].", "Months after a new version of a library template "
            "is published by which the agencies that adopted it bring it in (isogov/library/rules.py).", _int(1)),
    Setting("PROCEDURE_LIST_WORKING_DAYS", 5, "[law] Circular 26/2014 art. 4: the list of procedures each agency "
            "handles (form Mẫu 2) is updated within 5 working days of a decision publishing procedures.",
            "Working days (weekends and PUBLIC_HOLIDAYS skipped) an agency has to update its procedure list and "
            "scope after the province's catalogue changes.", _int(1)),
    Setting("PUBLIC_HOLIDAYS", ("2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                                "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"),
            "[assumed] Vietnam's public holidays of 2026 on weekdays (Tết, the Hùng Kings' day moved to Monday, 30/4, "
            "1/5, National Day); the Government fixes Tết and the moved days each year, so each year's list is data.",
            "Weekdays that are not working days (YYYY-MM-DD, comma-separated in the environment).", _iso_dates),
    Setting("ISO_NEXT_EDITION", "iso9001-2026", "[assumed] the 2026 revision of ISO 9001 (domain brief: expected "
            "around September 2026).", "The framework code of the edition agencies move to; no transition duty until "
            "a framework with this code is loaded (`isogov load-framework`).", env_str),
    Setting("ISO_TRANSITION_DEADLINE", "2029-09-30", "[assumed] a three-year transition from September 2026 (domain "
            "brief); the Ministry of Science and Technology sets the real date (Decision 19/2014: agencies follow its "
            "guidance when the TCVN changes).", "The day (YYYY-MM-DD) every agency's QMS must have moved to the next "
            "edition.", _iso_date),
    Setting("INTERNAL_AUDIT_MONTHS", 12, "[law] an internal audit at least once every 12 months.",
            "When an internal audit is overdue (isogov/audits/rules.py): the audits page, the compliance card and "
            "the management review all ask that rule."),
    Setting("MANAGEMENT_REVIEW_MONTHS", 12, "[law] a management review at least once every 12 months.",
            "The compliance card's management-review item (isogov/compliance/rules.py)."),
    Setting("DUE_SOON_DAYS", 30, "[assumed] the reminder lead time.", "A periodic item of the compliance card turns "
            "amber this many days before its due date."),
    # Reminders (isogov/notifications).
    Setting("REMINDER_LEAD_DAYS", {"default": 30, "audits.internal": 60, "reviews.periodic": 60},
            "[assumed] 30 days is the home page's \"due soon\" and enough for a single task; the yearly internal audit "
            "and management review need their programme and inputs prepared, so they are announced 60 days ahead.",
            "Days before a duty's due date that its reminder is sent, by kind of duty (isogov/core/duties.py: "
            "\"documents.legal\", \"capa.action\", …); \"default\" for the kinds not named. A duty with no date of "
            "its own is reminded at once."),
    Setting("DOCUMENT_REVIEW_MONTHS", 12, "[assumed] ISO 9001:2015 7.5.2 asks that documented information be "
            "reviewed for suitability and adequacy but sets no interval; a yearly review is the usual practice.",
            "An internal document is due for review this many months after its version in force took effect or "
            "its last review, whichever is later (a duty on the to-do and a reminder); 0: no review duties.",
            _int(0)),
    Setting("REMINDER_ESCALATION_DAYS", 14, "[assumed] two weeks for the agency head to act on an overdue item "
            "before the province is told.", "An overdue duty is escalated to the agency head the day after its due "
            "date, and to the programme lead when it is more than this many days overdue.", _int(1)),
    Setting("SITE_URL", "http://127.0.0.1:8000", "[deployment]", "The address people open isogov at: e-mails "
            "link to it (no trailing slash needed).", env_str),
    Setting("OBJECTIVES_GREEN_SHARE", 100, "[assumed] every measured objective achieved.",
            "The compliance card's objectives item is green from this share (%) of measured objectives achieved."),
    Setting("OBJECTIVES_AMBER_SHARE", 50, "[assumed] at least half achieved.",
            "…amber from this share (%), red below."),
    Setting("TRAINING_MIN_PER_AGENCY", 2, "[assumed]", "An agency counts as covered by the training once this many "
            "of its staff completed a course.", _int(1)),
    Setting("SOFFICE", "", "[deployment]", "The LibreOffice binary that makes the PDF of a signable document; empty: "
            "`soffice` or `libreoffice` found on the PATH. Without one, the Word files still download and the PDF "
            "links say LibreOffice is missing.", env_str),
    Setting("PDF_TIMEOUT_SECONDS", 120, "[assumed] A cold LibreOffice start takes several seconds on a loaded server; "
            "a document converts in under two once it runs.", "How long one PDF conversion may take before it is "
            "given up.", _int(1)),
    Setting("PROVINCE_NAME", lambda built: "Vĩnh Long" if _two_tier(built) else "Trà Vinh",
            "[law] Resolution 202/2025/QH15: since 1 July 2025 Trà Vinh is part of Vĩnh Long; the seed's plan is Trà "
            "Vinh's.", "The province named in the place line and the people's committee of every signed document: "
            "Trà Vinh for the three-tier shape, Vĩnh Long for the two-tier one.", env_str),
    Setting("PROVINCE_FORMER_NAME", lambda built: "2025-06-30=Trà Vinh" if _two_tier(built) else "",
            "[law] Resolution 202/2025/QH15: Trà Vinh's last day as a province was 30 June 2025.",
            "The province's earlier name and its last day, as YYYY-MM-DD=Name (empty: none): a document dated up to "
            "that day, such as the annual report for 2020, names that province.", env_str),
    Setting("INSPECTING_UNIT", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "[law] Circular 26/2014/TT-BKHCN, art. 33: "
            "the Department of Science and Technology inspects, through its standards sub-department where there is "
            "one (the seed's plan); the Department itself where the sub-department no longer exists.",
            "The inspecting unit a new year's inspection plan starts with.", env_str),
    Setting("INSPECTION_ONSITE_DIVISOR", 3, "[law] Circular 26/2014/TT-BKHCN, art. 33: every agency that must apply "
            "is inspected each year on its records and reports, at least one third of them on site.",
            "At least 1/N of the mandatory agencies are inspected on site; isogov warns below it."),
    Setting("INSPECTION_ONSITE_DEFAULT", 30, "[law] the seed's plan (activity 4) inspects 30 agencies on site.",
            "How many agencies a new year's plan proposes for on-site inspection."),
    Setting("INSPECTION_REPORT_MONTHS", 2, "[law] Circular 26/2014/TT-BKHCN: the inspected agency reports its "
            "corrective actions within 2 months of the inspection record.",
            "Months after the inspection record by which the agency reports its corrective actions."),
    Setting("SEPARATION_OF_DUTIES", {
        "CAPA_VERIFIER_EXCLUDES": ["owner", "done_by"],
        "CAPA_PLAN_ADOPTERS": ["head", "admin"],
        "DOCUMENT_APPROVER_EXCLUDES": ["author", "submitter"],
    }, "[assumed] ISO 9001:2015 asks for corrective actions to be reviewed for effectiveness (10.2.1 d) and documents "
       "to be approved (7.5.2 c) without naming who; that a different person checks is the usual reading.",
            "Enforced by isogov/accounts/access/duties.py; an empty list switches a rule off (an agency too small to "
            "have a second person). CAPA_VERIFIER_EXCLUDES: who may not verify a nonconformity's actions (\"owner\" of "
            "one of them, \"done_by\": who recorded one done). CAPA_PLAN_ADOPTERS: the roles (accounts.Role) that "
            "adopt the corrective action plan. DOCUMENT_APPROVER_EXCLUDES: who may not approve a version (\"author\": "
            "created it or changed its draft, \"submitter\": sent it for review); who may approve at all stays the "
            "agency's head or the programme lead."),
    Setting("BUDGET_CEILINGS", {
        "maintenance": {
            "per_agency_per_year": 15_000_000,
            "tier_percent": {"commune": 80},
            "legal_basis": "Thông tư 116/2015/TT-BTC",
        },
    }, "[law] Circular 116/2015/TT-BTC: legal ceilings on programme budget lines, by budget category.",
            "Exceeding one is a warning on the budget page, never a refusal. Amounts in đồng per agency per year; "
            "\"tier_percent\" scales the ceiling for a tier (commune level: 80%)."),
    # The public portal (isogov/portal).
    Setting("PORTAL_PAGE_SIZE", 20, "[assumed] The seed's news portal lists about this many items a page.",
            "Agencies and news items per page of the public portal."),
    Setting("PORTAL_CACHE_SECONDS", 60, "[assumed] The figures change by the minute; a minute's old page is fine.",
            "How long a browser may keep a public page (Cache-Control: private, max-age)."),
    Setting("VISIT_ONLINE_SECONDS", 300, "[assumed] The usual five minutes of \"online now\" counters.",
            "A visitor counts as online this long after their last page view."),
    Setting("VISIT_STATS_CACHE_SECONDS", 60, "[assumed]", "How long the visit figures (today, this week, total) "
            "are read from the cache before the database is asked again."),
    Setting("VISIT_BOT_MARKERS", ["bot", "crawl", "spider", "slurp", "curl", "wget", "python-requests",
                                  "httpclient", "headless", "facebookexternalhit", "preview"],
            "[assumed] A short list of words found in the user agents of search engines, link previews and "
            "scripts; a bot that hides is counted like a person.",
            "A public page view whose user agent contains one of these (case-insensitive) is not counted."),
    # The REST API (isogov/core/api.py) and the one-stop shop's records pushed in (isogov/objectives/apis.py).
    Setting("API_PAGE_SIZE", 50, "[assumed] a page of a list as long as the pages' own.",
            "Rows per page of an API list unless `page_size` asks otherwise.", _int(1)),
    Setting("API_MAX_PAGE_SIZE", 500, "[assumed] one answer stays under a few megabytes and a second of work.",
            "The largest `page_size` an API list answers.", _int(1)),
    Setting("API_TOKEN_TOUCH_SECONDS", 60, "[assumed] a program calling every second must not write a row per "
            "request; a minute is precise enough to tell a used token from a forgotten one.",
            "How stale an API token's \"last used\" may be before a request updates it.", _int(1)),
    Setting("ONESTOP_BATCH_MAX", 1000, "[assumed] a day's files of the largest agency in one request, checked and "
            "written in one transaction of a few seconds.",
            "The most one-stop-shop records one request to the bulk endpoint may carry.", _int(1)),
    Setting("ONESTOP_DOSSIER_PATTERN", r"^[0-9A-Z]{3}(\.[0-9A-Z]{2}){2}\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$",
            "[assumed] Circular 01/2018/TT-VPCP art. 26 (kept by Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP): "
            "a dossier number is the receiving unit's code (Decision 20/2020/QĐ-TTg, e.g. 000.00.12.H05), the date "
            "received as yymmdd and a four-digit sequence, e.g. 000.00.12.H05-260115-0001. The circulars' text was "
            "not at hand: the shape is the one the provincial systems print.",
            "The regular expression every dossier number pushed to the bulk endpoint must match.", env_str),
]
BY_NAME = {s.name: s for s in SETTINGS}


def build() -> dict[str, Any]:
    """settings.ISOGOV: every setting's value, from the environment where it may come from there."""
    built: dict[str, Any] = {}
    for setting in SETTINGS:
        default = setting.default(built) if callable(setting.default) else copy.deepcopy(setting.default)
        built[setting.name] = setting.parse(setting.env, default) if setting.parse else default
    return built


def default(name: str) -> Any:
    """A setting's declared default (a callable default is not resolved here)."""
    return copy.deepcopy(BY_NAME[name].default)


def setting(name: str) -> Any:
    """settings.ISOGOV[name], or its declared default where an override (a test's) left the name out."""
    from django.conf import settings

    values = getattr(settings, "ISOGOV", {})
    return values[name] if name in values else default(name)


def make_folders() -> None:
    """The folders isogov writes to (the SQLite file's, the collected static files'), made when a command or the
    WSGI application starts rather than when the settings are imported. Uploads make their own folders."""
    from django.conf import settings

    folders = [Path(settings.STATIC_ROOT)]
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) not in ("", ":memory:"):
        folders.append(Path(database["NAME"]).parent)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
