"""The tier tree, its procedures and its people: provinces (a People's Committee with its departments) over
districts over communes under the three-tier preset, or provinces over communes under the two-tier one; with
`national`, every province's committee under one ministry agency on the national tier (a ministry's registry)."""
import csv
from pathlib import Path

from django.contrib.auth.hashers import make_password

from isogov.accounts.models import Role, User
from isogov.core.text import fold
from isogov.generate.base import Context
from isogov.qms.models import Procedure
from isogov.registry import tiers as tier_presets
from isogov.registry.models import Agency, AgencyKind, Tier, path_for, search_text_for

PER_PROVINCE = 160  # about 10,000 agencies in 63 provinces before 2025
DEPARTMENTS = 15
COMMUNES_PER_DISTRICT = 14
PASSWORD = "isogov-bench"  # every generated account's password: the benchmarks sign in with it
MINISTRY = ("BKHCN", "Bộ Khoa học và Công nghệ")  # the national root: the ministry that follows the programme
PROCEDURES_CSV = Path(__file__).resolve().parent.parent / "demo" / "data" / "procedures.csv"


def procedures(ctx: Context) -> list[Procedure]:
    with PROCEDURES_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    objs = []
    for row in rows:
        p = Procedure(code=row["code"], name=row["name"], field=row["field"])
        p.clean_fields()
        p.clean()
        objs.append(p)
    return ctx.save(Procedure, objs)


def agencies(ctx: Context, n: int, preset: str, national: bool = False) -> list[Agency]:
    """n agencies in provinces of about PER_PROVINCE each; the first province's committee leads the programme.
    `national`: the ministry agency is the root and the lead, and one of the n."""
    tier_presets.load_preset(Tier, f"{preset}+national" if national else preset)
    tiers = {t.code: t for t in Tier.objects.filter(code__in=["national", "province", "district", "commune"])}
    with_districts = preset == "three-tier" and "district" in tiers
    made: list[Agency] = []
    ministry = None
    if national:
        ministry = add_agency(ctx, made, *MINISTRY, tiers["national"], None, AgencyKind.OTHER)
        ministry.is_programme_lead = True
        n -= 1
    n_prov = max(1, round(n / PER_PROVINCE))
    sizes = [n // n_prov + (1 if i < n % n_prov else 0) for i in range(n_prov)]

    def add(code, name, tier, parent, kind):
        return add_agency(ctx, made, code, name, tier, parent, kind)

    for i, size in enumerate(sizes, start=1):
        code = f"T{i:02d}"
        root = add(code, f"Ủy ban nhân dân tỉnh {i:02d}", tiers["province"], ministry, AgencyKind.OTHER)
        root.is_programme_lead = i == 1 and ministry is None
        left = size - 1
        for d in range(1, min(DEPARTMENTS, left) + 1):
            add(f"{code}.S{d:02d}", f"Sở {d:02d} tỉnh {i:02d}", tiers["province"], root, AgencyKind.DEPARTMENT)
        left -= min(DEPARTMENTS, left)
        parents = [root]
        if with_districts and left > 0:
            n_dist = max(1, left // (COMMUNES_PER_DISTRICT + 1))
            parents = [add(f"{code}.H{d:02d}", f"Huyện {d:02d} tỉnh {i:02d}", tiers["district"], root,
                           AgencyKind.DISTRICT_COMMITTEE) for d in range(1, n_dist + 1)]
            left -= n_dist
        for c in range(left):
            parent = parents[c % len(parents)]
            add(f"{parent.code}.X{c + 1:03d}", f"Xã {c + 1:03d} {parent.name}", tiers["commune"], parent,
                AgencyKind.COMMUNE_COMMITTEE)
    # Parents first: each batch's rows point at rows already written.
    made.sort(key=lambda a: a.path.count("/"))
    for depth in sorted({a.path.count("/") for a in made}):
        level = [a for a in made if a.path.count("/") == depth]
        for a in level:
            a.parent_id = a.parent.pk if a.parent else None
        ctx.save(Agency, level)
    made.sort(key=lambda a: a.path)
    return made


def add_agency(ctx: Context, made: list[Agency], code: str, name: str, tier: Tier, parent: Agency | None,
               kind: str) -> Agency:
    # Most agencies name their ISO secretary in the registry (the training coverage matches trainees to the name).
    secretary = f"Thư ký ISO {code}" if ctx.rng.random() < 0.95 else ""
    a = Agency(code=code, name=name, tier=tier, parent=parent, kind=kind, mandatory=tier.mandatory_by_default,
               path=path_for(code, parent), search_text=search_text_for(code, name),
               iso_secretary=secretary, secretary_key=fold(secretary),
               active_from=ctx.today.replace(year=ctx.today.year - 8, month=1, day=1))
    made.append(a)
    return a


def provinces(agencies: list[Agency]) -> list[Agency]:
    """Each province's People's Committee: the provincial agencies with no provincial agency above them."""
    by_pk = {a.pk: a for a in agencies}
    return [a for a in agencies if a.tier.code == "province"
            and (a.parent_id is None or by_pk[a.parent_id].tier.code != "province")]


def people(ctx: Context, agencies: list[Agency]) -> None:
    """The programme lead, and an ISO secretary in every agency (one password hash, computed once)."""
    password = make_password(PASSWORD)
    lead_agency = next(a for a in agencies if a.is_programme_lead)
    lead = User(username="lead", full_name="Trưởng chương trình", role=Role.PROVINCE_ADMIN, agency=lead_agency,
                password=password)
    secretaries = [User(username=f"sec.{a.code.lower()}", full_name=f"Thư ký ISO {a.code}", role=Role.SECRETARY,
                        agency=a, password=password) for a in agencies]
    # A ministry's registry: someone at the ministry who follows every province and changes nothing.
    viewers = [User(username="ministry", full_name="Chuyên viên Bộ", role=Role.NATIONAL_VIEWER, agency=lead_agency,
                    password=password)] if lead_agency.tier.code == "national" else []
    ctx.save(User, [lead, *secretaries, *viewers])
    ctx.lead_user = lead
    ctx.secretaries = {u.agency_id: u for u in secretaries}
