"""The demo story's fixed content: agencies, procedures and the five demo accounts.

Each loader creates only what is missing (matched by code or username), so a second run adds nothing.
The story's dates and domains are in provinces.py.
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
    """The five demo people; the secretary and head both work for `local_code`, so they see the same agency."""
    return [
        DemoUser("lead", Role.PROVINCE_ADMIN, PROGRAMME_LEAD, "Nguyễn Thị Thu Hà", f"hantt.skhcn@{domain}"),
        DemoUser("secretary", Role.SECRETARY, local_code, "Trần Minh Tâm", f"tamtm.{local_mailbox}@{domain}"),
        DemoUser("head", Role.HEAD, local_code, "Thạch Văn Sơn", f"sontv.{local_mailbox}@{domain}"),
        DemoUser("inspector", Role.INSPECTOR, "SKHCN.CCTDC", "Phạm Quốc Bảo", f"baopq.cctdc@{domain}"),
        DemoUser("viewer", Role.VIEWER, "SNV", "Huỳnh Thị Mỹ Linh", f"linhhtm.snv@{domain}"),
    ]


# Today the secretary and head work for Xã Càng Long (29266), formed on 1 July 2025 around the township of
# the former district 844, Huyện Càng Long.
DEMO_USERS = demo_users(domain="vinhlong.gov.vn", local_code="29266", local_mailbox="xacanglong")
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


def old_commune_code(code: str) -> str:
    """A 2019 commune's registry code: some new communes of 2025 kept a predecessor's official code, and a
    registry code names one agency, so the communes of 2019 are registered as TV-<official code>."""
    return f"TV-{code}"


def provincial_specs(domain: str) -> list[AgencySpec]:
    """The 54 provincial bodies, parents before sub-departments and units."""
    return [
        AgencySpec(r["code"], r["name"], "province", r["kind"], r["parent_code"],
                   people.provincial_email(r["code"], domain))
        for r in read_csv(BODIES_FILE)
    ]


def travinh_2019_specs(domain: str) -> list[AgencySpec]:
    """Trà Vinh's 9 districts, then their 106 communes under them."""
    units = read_csv(UNITS_FILE)
    district_names = {r["code"]: r["name"] for r in units if r["level"] == "district"}
    specs = []
    for r in units:
        if r["level"] == "district":
            specs.append(AgencySpec(r["code"], r["name"], "district", AgencyKind.DISTRICT_COMMITTEE, "",
                                    people.district_email(r["name"], domain)))
    for r in units:
        if r["level"] == "commune":
            email = people.commune_email(r["name"], district_names[r["parent_code"]], domain)
            specs.append(AgencySpec(old_commune_code(r["code"]), r["name"], "commune",
                                    AgencyKind.COMMUNE_COMMITTEE, r["parent_code"], email))
    return specs


def vinhlong_2025_specs(domain: str) -> list[AgencySpec]:
    """The merged Vĩnh Long's 124 communes; with no district tier they hang under no one."""
    return [
        AgencySpec(r["code"], r["name"], "commune", AgencyKind.COMMUNE_COMMITTEE, "",
                   people.commune_email(r["name"], "", domain))
        for r in read_csv(COMMUNES_2025_FILE)
    ]


def create_agencies(*, specs: list[AgencySpec], users: list[DemoUser], area_code: str, actor,
                    rng: random.Random, active_from=None) -> list[Agency]:
    """Create the missing agencies of `specs` (parents first); returns the ones created now.

    The caller has checked that their tiers exist.
    """
    tiers = {t.code: t for t in Tier.objects.all()}
    known = {a.code: a for a in Agency.objects.all()}
    secretaries = {u.agency_code: u.full_name for u in users if u.role == Role.SECRETARY}
    created = []
    for spec in specs:
        # Draw the contact details even for agencies that exist, so a partial load stays deterministic.
        secretary, phone = people.person(rng), people.phone(rng, area_code)
        if spec.code in known:
            continue
        agency = agency_create(
            actor=actor, code=spec.code, name=spec.name, tier=tiers[spec.tier],
            parent=known[spec.parent_code] if spec.parent_code else None, kind=spec.kind,
            iso_secretary=secretaries.get(spec.code, secretary), email=spec.email, phone=phone,
            active_from=active_from, is_programme_lead=spec.code == PROGRAMME_LEAD,
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
