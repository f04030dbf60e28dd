"""The demo's one story: Trà Vinh from 2019, the reorganisation of 1 July 2025, Vĩnh Long today.

- From 2019 Trà Vinh has three tiers: 54 provincial bodies, 9 districts, 106 communes (169 agencies),
  under decision 2248/QĐ-UBND (29/10/2019) and then the 2021–2025 plan drafted from it.
- On 1 July 2025 the district level is abolished and the communes are merged: the districts and the old
  communes end on 30/06/2025, merged into the new communes of Vĩnh Long (124, active from 01/07/2025; 41 of
  them in the Trà Vinh part, see reorganisation.py). The provincial bodies carry on.
- Today (TODAY) is in December 2026; Vĩnh Long's plan for 2026 is under way.

The story's dates are fixed here, never read from the real clock, so every load tells the same story.
"""
import datetime as dt
from dataclasses import dataclass

from isogov.demo import catalogue
from isogov.demo.catalogue import DemoUser
from isogov.demo.history import Timeline
from isogov.qms.states import QmsState as S

TODAY = dt.date(2026, 12, 2)
CREATED_ON = dt.date(2019, 1, 2)
LAST_DAY_BEFORE = dt.date(2025, 6, 30)  # the districts' and old communes' last day
REORGANISED_ON = dt.date(2025, 7, 1)  # the new communes' first day
LAST_STEP = dt.date(2026, 10, 31)  # QMS histories stop a month before today: no history lies in the future

SETTLED_BY = dt.date(2019, 9, 30)  # those that go on maintaining started by then: announced by mid-2020
WEIGHTS_2019 = {
    # Decision 2248/QĐ-UBND (29/10/2019) is a plan to go on maintaining: most provincial bodies and districts
    # had announced their system already, a few were still building it.
    "upper": {S.MAINTAINING: 72, S.ANNOUNCED: 5, S.REANNOUNCE_DUE: 12, S.CONFIRMED: 3, S.APPLYING: 3,
              S.BUILDING: 3, S.NOT_STARTED: 2},
    "commune": {S.MAINTAINING: 48, S.ANNOUNCED: 14, S.REANNOUNCE_DUE: 6, S.CONFIRMED: 8, S.APPLYING: 9,
                S.BUILDING: 8, S.NOT_STARTED: 7},
}

# The provincial bodies: from 2019 to today, one history each (the 2025 merger of departments is left out).
PROVINCIAL = Timeline(
    created_on=CREATED_ON, first_day=dt.date(2019, 1, 7), last_day=LAST_STEP, weights=WEIGHTS_2019,
    fixed={"SKHCN": S.MAINTAINING, "SKHCN.CCTDC": S.MAINTAINING},
    latest_start={
        S.BUILDING: dt.date(2026, 9, 30), S.APPLYING: dt.date(2026, 7, 31), S.CONFIRMED: dt.date(2026, 6, 15),
        S.ANNOUNCED: dt.date(2026, 5, 31), S.MAINTAINING: dt.date(2025, 10, 31),
        S.REANNOUNCE_DUE: dt.date(2025, 9, 30),
    },
    reannounced_latest_start=dt.date(2025, 7, 31),
    maintaining_note="Duy trì, cải tiến theo kế hoạch ISO của UBND tỉnh",
    settled_by=SETTLED_BY, late_share=0.1,
)

# Trà Vinh's districts and communes: their histories end with them, on 30/06/2025.
TRAVINH_LOCAL = Timeline(
    created_on=CREATED_ON, first_day=dt.date(2019, 1, 7), last_day=LAST_DAY_BEFORE, weights=WEIGHTS_2019,
    # The demo head's district set the example.
    fixed={"844": S.MAINTAINING},
    # The longest walk to each state (about 355 days to maintaining, 400 to a re-announcement due) ends
    # before the district level is abolished.
    latest_start={
        S.BUILDING: dt.date(2025, 6, 15), S.APPLYING: dt.date(2025, 3, 1), S.CONFIRMED: dt.date(2025, 2, 1),
        S.ANNOUNCED: dt.date(2025, 1, 15), S.MAINTAINING: dt.date(2024, 6, 30),
        S.REANNOUNCE_DUE: dt.date(2024, 5, 15),
    },
    reannounced_latest_start=dt.date(2024, 3, 31),
    maintaining_note="Duy trì, cải tiến theo Kế hoạch 2248/QĐ-UBND và Kế hoạch giai đoạn 2021–2025",
    settled_by=SETTLED_BY, late_share=0.05,
)

# The new communes of 1 July 2025, from their first week to a month before today.
COMMUNES_2025 = Timeline(
    created_on=REORGANISED_ON, first_day=dt.date(2025, 7, 7), last_day=LAST_STEP,
    # Most communes were formed by merging several: many are still building or applying a system of their
    # own, and those built on announced predecessors owe a re-announcement for their wider scope.
    weights={
        "upper": {S.MAINTAINING: 40, S.ANNOUNCED: 12, S.REANNOUNCE_DUE: 14, S.CONFIRMED: 8, S.APPLYING: 10,
                  S.BUILDING: 10, S.NOT_STARTED: 6},
        "commune": {S.MAINTAINING: 12, S.ANNOUNCED: 9, S.REANNOUNCE_DUE: 20, S.CONFIRMED: 8, S.APPLYING: 20,
                    S.BUILDING: 22, S.NOT_STARTED: 9},
    },
    # Xã Càng Long is built on an announced predecessor: the demo secretary has a re-announcement to record
    # and the demo head a decision to sign.
    fixed={"29266": S.REANNOUNCE_DUE},
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
    late_share=0.1,
)


@dataclass(frozen=True)
class Story:
    name: str
    seed: int
    domain: str  # mail and web domain of the provincial portal today
    old_domain: str  # Trà Vinh's, for the agencies registered before the reorganisation
    area_code: str  # landline area code of Trà Vinh (kept by the Trà Vinh part)
    users: list[DemoUser]
    # The demo head signs the announcements of the local unit they head: the district before 2025, its
    # successor's seat since.
    signers: tuple[str, ...] = ("844", "29266")


STORY = Story(
    name="Trà Vinh 2019 → Vĩnh Long 2026", seed=2019, domain="vinhlong.gov.vn", old_domain="travinh.gov.vn",
    area_code="0294",
    users=catalogue.DEMO_USERS,
)
