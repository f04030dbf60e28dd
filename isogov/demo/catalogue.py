"""The demo provinces' fixed content: agencies, procedures and the five demo accounts.

Each loader creates only what is missing (matched by code or username), so a second run adds nothing.
Which province is loaded, and with which domain and dates, is in provinces.py.
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
COMMUNES_2025_FILE = DATA_DIR / "vinhlong-2025-communes.csv"
BODIES_FILE = DATA_DIR / "provincial-bodies.csv"
PROCEDURES_FILE = DATA_DIR / "procedures.csv"

PROGRAMME_LEAD = "SKHCN"
GENERIC_TARGETS = {"province", "district", "commune"}


class DemoError(Exception):
    """The database cannot take the demo as it stands."""


def password_for(username: str) -> str:
    return f"{username}-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    agency_code: str
    full_name: str
    email: str

    @property
    def password(self) -> str:
        return password_for(self.username)


def demo_users(*, domain: str, local_code: str, local_mailbox: str) -> list[DemoUser]:
    """The same five people in every demo province; only the local unit of the secretary and head differs.

    Both work for `local_code` so that they see the same agency (and, before 2025, its communes).
    """
    return [
        DemoUser("lead", Role.PROVINCE_ADMIN, PROGRAMME_LEAD, "Nguyễn Thị Thu Hà", f"hantt.skhcn@{domain}"),
        DemoUser("secretary", Role.SECRETARY, local_code, "Trần Minh Tâm", f"tamtm.{local_mailbox}@{domain}"),
        DemoUser("head", Role.HEAD, local_code, "Thạch Văn Sơn", f"sontv.{local_mailbox}@{domain}"),
        DemoUser("inspector", Role.INSPECTOR, "SKHCN.CCTDC", "Phạm Quốc Bảo", f"baopq.cctdc@{domain}"),
        DemoUser("viewer", Role.VIEWER, "SNV", "Huỳnh Thị Mỹ Linh", f"linhhtm.snv@{domain}"),
    ]


# Trà Vinh 2019–2020: district 844, Huyện Càng Long, and its 14 communes.
DEMO_USERS = demo_users(domain="travinh.gov.vn", local_code="844", local_mailbox="canglong")
# The usernames (and so the passwords) are the same in every province.
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


def provincial_specs(province) -> list[AgencySpec]:
    """The 54 provincial bodies, parents before sub-departments and units."""
    return [
        AgencySpec(r["code"], r["name"], "province", r["kind"], r["parent_code"],
                   people.provincial_email(r["code"], province.domain))
        for r in read_csv(BODIES_FILE)
    ]


def travinh_2019_specs(province) -> list[AgencySpec]:
    """Trà Vinh's 9 districts, then their 106 communes under them."""
    units = read_csv(UNITS_FILE)
    district_names = {r["code"]: r["name"] for r in units if r["level"] == "district"}
    specs = []
    for r in units:
        if r["level"] == "district":
            specs.append(AgencySpec(r["code"], r["name"], "district", AgencyKind.DISTRICT_COMMITTEE, "",
                                    people.district_email(r["name"], province.domain)))
    for r in units:
        if r["level"] == "commune":
            email = people.commune_email(r["name"], district_names[r["parent_code"]], province.domain)
            specs.append(AgencySpec(r["code"], r["name"], "commune", AgencyKind.COMMUNE_COMMITTEE,
                                    r["parent_code"], email))
    return specs


def vinhlong_2025_specs(province) -> list[AgencySpec]:
    """The merged Vĩnh Long's 124 communes; with no district tier they hang under no one."""
    return [
        AgencySpec(r["code"], r["name"], "commune", AgencyKind.COMMUNE_COMMITTEE, "",
                   people.commune_email(r["name"], "", province.domain))
        for r in read_csv(COMMUNES_2025_FILE)
    ]


def create_agencies(*, province, actor, rng: random.Random) -> list[Agency]:
    """Create the missing agencies of `province` (a provinces.DemoProvince); returns the ones created now.

    The caller has checked that the province's tiers exist.
    """
    tiers = {t.code: t for t in Tier.objects.all()}
    known = {a.code: a for a in Agency.objects.all()}
    secretaries = {u.agency_code: u.full_name for u in province.users if u.role == Role.SECRETARY}
    created = []
    for spec in province.agency_specs():
        # Draw the contact details even for agencies that exist, so a partial load stays deterministic.
        secretary, phone = people.person(rng), people.phone(rng, province.area_code)
        if spec.code in known:
            continue
        agency = agency_create(
            actor=actor, code=spec.code, name=spec.name, tier=tiers[spec.tier],
            parent=known[spec.parent_code] if spec.parent_code else None, kind=spec.kind,
            iso_secretary=secretaries.get(spec.code, secretary), email=spec.email, phone=phone,
            active_from=province.active_from, is_programme_lead=spec.code == PROGRAMME_LEAD,
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


def ensure_users(specs: list[DemoUser]) -> tuple[dict[str, object], int]:
    """The five demo accounts by username, and how many were created now.

    They are created before their agencies exist (the lead is the actor who creates those) and
    attached to them by attach_user_agencies(). date_joined is explicit because its default is bound
    to the real clock, and the demo's accounts should predate the history they act in.
    """
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    created = 0
    for spec in specs:
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


def attach_user_agencies(users: dict[str, object], specs: list[DemoUser]) -> None:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[u.agency_code for u in specs])}
    for spec in specs:
        user = users[spec.username]
        if user.agency_id is None and spec.agency_code in agencies:
            user.agency = agencies[spec.agency_code]
            user.save(update_fields=["agency"])
