"""The demo province's fixed content: agencies, procedures and the five demo accounts.

Each loader creates only what is missing (matched by code or username), so a second run adds nothing.
"""
import csv
import random
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone

from isogov.accounts.models import Role
from isogov.demo import people
from isogov.qms.models import Procedure
from isogov.qms.services import procedure_create
from isogov.registry.models import Agency, AgencyKind, Tier
from isogov.registry.services import agency_create

DATA_DIR = Path(__file__).parent / "data"
UNITS_FILE = DATA_DIR / "travinh-2019-units.csv"
BODIES_FILE = DATA_DIR / "provincial-bodies.csv"
PROCEDURES_FILE = DATA_DIR / "procedures.csv"

PROGRAMME_LEAD = "SKHCN"
GENERIC_TARGETS = {"province", "district", "commune"}


class DemoError(Exception):
    """The database cannot take the demo as it stands."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    agency_code: str
    full_name: str
    email: str

    @property
    def password(self) -> str:
        return f"{self.username}-demo-2026"


# The secretary and head share district 844 so that both see Huyện Càng Long and its 14 communes.
DEMO_USERS = [
    DemoUser("lead", Role.PROVINCE_ADMIN, PROGRAMME_LEAD, "Nguyễn Thị Thu Hà", "hantt.skhcn@travinh.gov.vn"),
    DemoUser("secretary", Role.SECRETARY, "844", "Trần Minh Tâm", "tamtm.canglong@travinh.gov.vn"),
    DemoUser("head", Role.HEAD, "844", "Thạch Văn Sơn", "sontv.canglong@travinh.gov.vn"),
    DemoUser("inspector", Role.INSPECTOR, "SKHCN.CCTDC", "Phạm Quốc Bảo", "baopq.cctdc@travinh.gov.vn"),
    DemoUser("viewer", Role.VIEWER, "SNV", "Huỳnh Thị Mỹ Linh", "linhhtm.snv@travinh.gov.vn"),
]
DEMO_USERNAMES = [u.username for u in DEMO_USERS]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@dataclass
class AgencySpec:
    code: str
    name: str
    tier: str
    kind: str
    parent_code: str
    email: str


def agency_specs() -> list[AgencySpec]:
    """Parents before children: provincial bodies, then districts, then communes."""
    specs = [
        AgencySpec(r["code"], r["name"], "province", r["kind"], r["parent_code"], people.provincial_email(r["code"]))
        for r in read_csv(BODIES_FILE)
    ]
    units = read_csv(UNITS_FILE)
    district_names = {r["code"]: r["name"] for r in units if r["level"] == "district"}
    for r in units:
        if r["level"] == "district":
            specs.append(AgencySpec(r["code"], r["name"], "district", AgencyKind.DISTRICT_COMMITTEE, "",
                                    people.district_email(r["name"])))
    for r in units:
        if r["level"] == "commune":
            email = people.commune_email(r["name"], district_names[r["parent_code"]])
            specs.append(AgencySpec(r["code"], r["name"], "commune", AgencyKind.COMMUNE_COMMITTEE,
                                    r["parent_code"], email))
    return specs


def create_agencies(*, actor, rng: random.Random) -> list[Agency]:
    """Create the missing demo agencies; returns the ones created now."""
    tiers = {t.code: t for t in Tier.objects.all()}
    missing_tiers = {"province", "district", "commune"} - set(tiers)
    if missing_tiers:
        raise DemoError(
            f"The demo needs the three-tier preset (missing tiers: {', '.join(sorted(missing_tiers))}); "
            "run `isogov tiers --load three-tier` first."
        )
    known = {a.code: a for a in Agency.objects.all()}
    secretaries = {u.agency_code: u.full_name for u in DEMO_USERS if u.role == Role.SECRETARY}
    created = []
    for spec in agency_specs():
        # Draw the contact details even for agencies that exist, so a partial load stays deterministic.
        secretary, phone = people.person(rng), people.phone(rng)
        if spec.code in known:
            continue
        agency = agency_create(
            actor=actor, code=spec.code, name=spec.name, tier=tiers[spec.tier],
            parent=known[spec.parent_code] if spec.parent_code else None, kind=spec.kind,
            iso_secretary=secretaries.get(spec.code, secretary), email=spec.email, phone=phone,
            is_programme_lead=spec.code == PROGRAMME_LEAD,
        )
        known[spec.code] = agency
        created.append(agency)
    return created


def procedure_rows() -> list[dict[str, str]]:
    return read_csv(PROCEDURES_FILE)


def create_procedures(*, actor) -> int:
    existing = set(Procedure.objects.values_list("code", flat=True))
    created = 0
    for row in procedure_rows():
        if row["code"] not in existing:
            procedure_create(actor=actor, code=row["code"], name=row["name"], field=row["field"])
            created += 1
    return created


def procedure_targets() -> dict[str, list[str]]:
    """Procedure codes by who handles them: a tier ("commune") or an agency code ("STP")."""
    targets: dict[str, list[str]] = {}
    for row in procedure_rows():
        for target in row["applies_to"].split("|"):
            targets.setdefault(target.strip(), []).append(row["code"])
    return targets


def ensure_users() -> tuple[dict[str, object], int]:
    """The five demo accounts by username, and how many were created now.

    They are created before their agencies exist (the lead is the actor who creates those) and
    attached to them by attach_user_agencies(). date_joined is explicit because its default is bound
    to the real clock, and the demo's accounts should predate the history they act in.
    """
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    created = 0
    for spec in DEMO_USERS:
        if spec.username in users:
            continue
        user = User(username=spec.username, role=spec.role, full_name=spec.full_name, email=spec.email)
        validate_password(spec.password, user=user)
        users[spec.username] = User.objects.create_user(
            username=spec.username, email=spec.email, password=spec.password,
            role=spec.role, full_name=spec.full_name, date_joined=timezone.now(),
        )
        created += 1
    return users, created


def attach_user_agencies(users: dict[str, object]) -> None:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[u.agency_code for u in DEMO_USERS])}
    for spec in DEMO_USERS:
        user = users[spec.username]
        if user.agency_id is None and spec.agency_code in agencies:
            user.agency = agencies[spec.agency_code]
            user.save(update_fields=["agency"])
