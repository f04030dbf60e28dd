"""Demo quality objectives with their measurements, consistent with each agency's QMS state.

Agencies still building have objectives for this year but nothing measured; agencies applying or beyond
measure every period ended so far; those announced or maintaining also have last year's, measured in full.
A few agencies fall short of their targets. Written in bulk, with the audit trail the services would write.
"""
import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from isogov.audit.services import Action, Entry, audit_record_many
from isogov.objectives.models import (
    PERIODS_PER_YEAR,
    Measurement,
    Objective,
    Period,
    Source,
)
from isogov.objectives.services import year_result
from isogov.qms.models import ScopeItem
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

MEASURING = (QmsState.APPLYING, QmsState.CONFIRMED, QmsState.ANNOUNCED, QmsState.MAINTAINING,
             QmsState.REANNOUNCE_DUE)
WITH_LAST_YEAR = (QmsState.ANNOUNCED, QmsState.MAINTAINING, QmsState.REANNOUNCE_DUE)

# (metric, comparator, target, unit, period, owner, how it is measured, (low, high) of a good value, weak value)
TEMPLATES = [
    ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "ge", "98", "percent", Period.MONTHLY,
     "Bộ phận Tiếp nhận và Trả kết quả", "Số liệu phần mềm một cửa điện tử", (97.5, 100), (90, 97)),
    ("Tỷ lệ người dân, tổ chức hài lòng với việc giải quyết thủ tục", "ge", "95", "percent", Period.QUARTERLY,
     "Văn phòng", "Phiếu khảo sát và mã QR tại bộ phận một cửa", (94, 99.5), (85, 93)),
    ("Số phản ánh, kiến nghị về thái độ phục vụ của công chức", "le", "2", "count", Period.QUARTERLY,
     "Chánh Văn phòng", "Sổ tiếp nhận phản ánh, kiến nghị", (0, 2), (3, 6)),
    ("Thời gian giải quyết trung bình hồ sơ đất đai (ngày làm việc)", "le", "10", "days", Period.MONTHLY,
     "Phòng Tài nguyên và Môi trường", "Báo cáo tháng của phần mềm một cửa", (6, 10), (11, 15)),
    ("Tỷ lệ hồ sơ tiếp nhận trực tuyến", "ge", "50", "percent", Period.YEARLY,
     "Bộ phận Tiếp nhận và Trả kết quả", "Cổng dịch vụ công của tỉnh", (50, 75), (30, 48)),
]


def _ended_periods(period: str, year: int, today: dt.date) -> int:
    """How many periods of `year` have ended before `today`."""
    if year < today.year:
        return PERIODS_PER_YEAR[period]
    if year > today.year:
        return 0
    if period == Period.MONTHLY:
        return today.month - 1
    if period == Period.QUARTERLY:
        return (today.month - 1) // 3
    return 0


def _value(rng: random.Random, template, weak: bool, unit: str) -> Decimal:
    low, high = template[8] if weak and rng.random() < 0.6 else template[7]
    if unit == "count":
        return Decimal(rng.randint(int(low), int(high)))
    return Decimal(str(round(rng.uniform(low, high), 1 if unit == "days" else 2)))


@transaction.atomic
def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Objective.objects.exists():
        return {}
    today = timezone.localdate()
    agencies = list(Agency.objects.filter(status="active")
                    .exclude(qms_state=QmsState.NOT_STARTED).order_by("path"))
    scope = {}
    for agency_id, code in ScopeItem.objects.values_list("agency_id", "procedure__code").order_by("procedure__code"):
        scope.setdefault(agency_id, []).append(code)
    plans = []  # (objective, template, measured periods, weak)
    for agency in agencies:
        chosen = [0, 1, 2] + ([3] if agency.kind == "ubnd_huyen" else []) + ([4] if rng.random() < 0.4 else [])
        weak = rng.random() < 0.1  # about one agency in ten falls short of some targets
        years = [today.year - 1, today.year] if agency.qms_state in WITH_LAST_YEAR else [today.year]
        # An agency formed during a year (the communes of 1 July 2025) sets its first objectives for the next.
        years = [y for y in years if not agency.active_from or agency.active_from <= dt.date(y, 1, 1)]
        if agency.qms_state == QmsState.BUILDING and rng.random() < 0.5:
            continue  # half of those building have not set objectives yet
        for year in years:
            for index in chosen:
                t = TEMPLATES[index]
                objective = Objective(agency=agency, year=year, title=t[0], comparator=t[1], target=Decimal(t[2]),
                                      unit=t[3], period=t[4], owner=t[5], note=t[6], created_by=actor)
                measured = _ended_periods(t[4], year, today) if agency.qms_state in MEASURING else 0
                plans.append((objective, t, measured, weak, scope.get(agency.pk, [])))
    measurements = []
    for objective, t, measured, weak, codes in plans:
        values = []
        for index in range(1, measured + 1):
            value = _value(rng, t, weak, t[3])
            m = Measurement(objective=objective, period_index=index, value=value, recorded_by=actor,
                            source=Source.TYPED)
            if t[4] == Period.MONTHLY and t[3] == "percent" and codes:
                m.counted = rng.randint(40, 320)
                m.on_time = min(m.counted, round(m.counted * float(value) / 100))
                m.value = (Decimal(m.on_time * 100) / m.counted).quantize(Decimal("0.01"))
                m.source = Source.IMPORTED
                m.note = f"Nhập từ tệp mot-cua-{objective.year}-{index:02d}.csv"
                m.breakdown = _breakdown(rng, codes, m.on_time, m.counted)
            values.append(m.value)
            measurements.append(m)
        value, achieved, good = year_result(objective, values)
        objective.year_value, objective.year_achieved = value, achieved
        objective.periods_measured, objective.periods_achieved = len(values), good
    # The results for the year are known before writing: the objectives go in complete, then their measurements.
    Objective.objects.bulk_create([p[0] for p in plans], batch_size=1000)
    Measurement.objects.bulk_create(measurements, batch_size=2000)
    entries = [Entry(Action.CREATE, o, o.agency, {"year": o.year, "title": o.title, "comparator": o.comparator,
                                                   "target": str(o.target), "unit": o.unit, "period": o.period})
               for o, *_rest in plans]
    entries += [Entry(Action.CREATE, m, m.objective.agency, {"objective": m.objective, "period": m.period_index,
                                                             "value": str(m.value), "source": m.source})
                for m in measurements]
    audit_record_many(actor=actor, entries=entries)
    return {"objectives": len(plans), "measurements": len(measurements)}


def _breakdown(rng: random.Random, codes: list[str], on_time: int, counted: int) -> dict[str, list[int]]:
    """Split the month's files between a few procedures of the scope, keeping the totals."""
    picked = rng.sample(codes, min(len(codes), 3))
    shares, left_counted, left_on_time = {}, counted, on_time
    for i, code in enumerate(picked):
        if i == len(picked) - 1:
            n, ok = left_counted, left_on_time
        else:
            n = rng.randint(1, max(1, left_counted - (len(picked) - i - 1)))
            ok = min(n, left_on_time)
        shares[code] = [ok, n]
        left_counted -= n
        left_on_time -= ok
    return shares
