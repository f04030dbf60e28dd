"""The two demo provinces, one for each shape of local government, and how `isogov demo` picks one.

- travinh-2019: Trà Vinh under decision 2248/QĐ-UBND (29/10/2019), three tiers: 54 provincial
  bodies, 9 districts, 106 communes (169 agencies), histories in 2019–2020.
- vinhlong-2025: the Vĩnh Long formed on 1 July 2025 from Bến Tre, Trà Vinh and Vĩnh Long, two
  tiers: the same 54 provincial bodies and 124 communes (178 agencies), histories from July 2025.

Without a choice, the tiers in the database decide: a district tier means the three-tier shape.
"""
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from isogov.demo import catalogue
from isogov.demo.catalogue import DemoError, DemoUser
from isogov.demo.history import Timeline
from isogov.qms.states import QmsState as S
from isogov.registry.models import Agency, Tier


@dataclass(frozen=True)
class DemoProvince:
    key: str
    name: str
    preset: str  # the tier preset whose shape this province has
    tiers: tuple[str, ...]  # tier codes its agencies use
    seed: int
    domain: str  # mail and web domain of the provincial portal
    area_code: str  # landline area code
    users: list[DemoUser]
    timeline: Timeline
    local_units: Callable[["DemoProvince"], list[catalogue.AgencySpec]]
    active_from: dt.date | None = None

    def agency_specs(self) -> list[catalogue.AgencySpec]:
        """Parents before children: provincial bodies first, then the local units."""
        return catalogue.provincial_specs(self) + self.local_units(self)


TRAVINH_2019 = DemoProvince(
    key="travinh-2019", name="Trà Vinh 2019–2020", preset="three-tier", tiers=("province", "district", "commune"),
    seed=2019, domain="travinh.gov.vn", area_code="0294", users=catalogue.DEMO_USERS,
    local_units=catalogue.travinh_2019_specs,
    timeline=Timeline(
        created_on=dt.date(2019, 1, 2), first_day=dt.date(2019, 1, 7), last_day=dt.date(2020, 12, 31),
        # The seed's 169 agencies were maintaining their QMS in 2019–2020; communes lagged a little.
        weights={
            "upper": {S.MAINTAINING: 58, S.ANNOUNCED: 13, S.REANNOUNCE_DUE: 8, S.CONFIRMED: 6, S.APPLYING: 6,
                      S.BUILDING: 5, S.NOT_STARTED: 4},
            "commune": {S.MAINTAINING: 42, S.ANNOUNCED: 14, S.REANNOUNCE_DUE: 5, S.CONFIRMED: 8, S.APPLYING: 11,
                        S.BUILDING: 11, S.NOT_STARTED: 9},
        },
        # The programme lead, its standards sub-department and the demo users' district set the example.
        fixed={"SKHCN": S.MAINTAINING, "SKHCN.CCTDC": S.MAINTAINING, "844": S.MAINTAINING},
        latest_start={
            S.BUILDING: dt.date(2020, 9, 30), S.APPLYING: dt.date(2020, 8, 31), S.CONFIRMED: dt.date(2020, 7, 31),
            S.ANNOUNCED: dt.date(2020, 7, 15), S.MAINTAINING: dt.date(2019, 12, 15),
            S.REANNOUNCE_DUE: dt.date(2019, 10, 31),
        },
        reannounced_latest_start=dt.date(2019, 8, 31),
        maintaining_note="Duy trì, cải tiến theo Kế hoạch 2248/QĐ-UBND",
    ),
)

# last_day stays before November 2026, when this demo was written, so that no history lies in the future.
VINHLONG_2025 = DemoProvince(
    key="vinhlong-2025", name="Vĩnh Long 2025–2026", preset="two-tier", tiers=("province", "commune"),
    seed=2025, domain="vinhlong.gov.vn", area_code="0270",
    # District 844 is gone; its secretary and head now work for Xã Càng Long, formed around its old
    # township (code 29266, Thị trấn Càng Long in 2019).
    users=catalogue.demo_users(domain="vinhlong.gov.vn", local_code="29266", local_mailbox="xacanglong"),
    local_units=catalogue.vinhlong_2025_specs, active_from=dt.date(2025, 7, 1),
    timeline=Timeline(
        created_on=dt.date(2025, 7, 1), first_day=dt.date(2025, 7, 7), last_day=dt.date(2026, 10, 31),
        # Most communes were formed on 1 July 2025 by merging several: many are still building or
        # applying a system of their own, and those built on announced predecessors owe a re-announcement
        # for their wider scope. The provincial bodies were reorganised too, but less.
        weights={
            "upper": {S.MAINTAINING: 40, S.ANNOUNCED: 12, S.REANNOUNCE_DUE: 14, S.CONFIRMED: 8, S.APPLYING: 10,
                      S.BUILDING: 10, S.NOT_STARTED: 6},
            "commune": {S.MAINTAINING: 12, S.ANNOUNCED: 9, S.REANNOUNCE_DUE: 20, S.CONFIRMED: 8, S.APPLYING: 20,
                        S.BUILDING: 22, S.NOT_STARTED: 9},
        },
        # Xã Càng Long is one of those built on an announced predecessor: the demo secretary has a
        # re-announcement to record and the demo head a decision to sign.
        fixed={"SKHCN": S.MAINTAINING, "SKHCN.CCTDC": S.MAINTAINING, "29266": S.REANNOUNCE_DUE},
        latest_start={
            S.BUILDING: dt.date(2026, 9, 30), S.APPLYING: dt.date(2026, 7, 31), S.CONFIRMED: dt.date(2026, 6, 15),
            S.ANNOUNCED: dt.date(2026, 5, 31), S.MAINTAINING: dt.date(2025, 10, 31),
            S.REANNOUNCE_DUE: dt.date(2025, 9, 30),
        },
        reannounced_latest_start=dt.date(2025, 7, 31),
        maintaining_note="Duy trì, cải tiến theo kế hoạch ISO của UBND tỉnh sau sắp xếp",
        building_notes={
            S.REANNOUNCE_DUE: "Kế thừa HTQLCL đã công bố của các đơn vị trước sắp xếp; "
                              "kiện toàn Ban chỉ đạo ISO, phân công thư ký ISO",
        },
        # Since 1 July 2025 communes handle procedures of the abolished district level.
        taken_over_from="district",
    ),
)

PROVINCES = {p.key: p for p in (TRAVINH_2019, VINHLONG_2025)}


def choose_province(key: str | None = None) -> DemoProvince:
    """The province named by `key`, or the one matching the tiers in the database; DemoError if it cannot load.

    It cannot load when one of its tiers is missing, or when the other demo province is already in
    the registry: the two share codes, so a mix would be neither.
    """
    present = set(Tier.objects.values_list("code", flat=True))
    if key is None:
        province = TRAVINH_2019 if "district" in present else VINHLONG_2025
    elif key in PROVINCES:
        province = PROVINCES[key]
    else:
        raise DemoError(_("Unknown demo province “%(key)s”; known: %(known)s.")
                        % {"key": key, "known": ", ".join(PROVINCES)})
    missing = [code for code in province.tiers if code not in present]
    if missing:
        raise DemoError(
            _("The %(province)s demo needs the tiers %(needed)s; missing here: %(missing)s. "
              "Load the %(preset)s preset (`isogov tiers --load %(preset)s`) or choose the other province.")
            % {"province": province.name, "needed": ", ".join(province.tiers), "missing": ", ".join(missing),
               "preset": province.preset}
        )
    for other in PROVINCES.values():
        if other is not province and _is_loaded(other, besides=province):
            raise DemoError(
                _("The registry already holds the %(other)s demo; the %(province)s demo cannot be added to it. "
                  "Load it into an empty database (for example with another ISOGOV_VAR_DIR).")
                % {"other": other.name, "province": province.name}
            )
    return province


def _is_loaded(other: DemoProvince, *, besides: DemoProvince) -> bool:
    """Whether agencies found only in `other` are in the registry under the same code and name."""
    own = {s.code for s in besides.agency_specs()}
    names = {s.code: s.name for s in other.agency_specs() if s.code not in own}
    found = Agency.objects.filter(code__in=names).values_list("code", "name")
    return any(names[code] == name for code, name in found)
