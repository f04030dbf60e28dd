import datetime as dt

from django.utils import timezone

from isogov.audits import records, services
from isogov.clauses.models import Clause


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def clauses(*numbers):
    return list(Clause.objects.filter(framework__code="iso9001-2015", number__in=numbers))


def plan(agency, actor, *, numbers=("7.5.3", "8.5.1", "9.1.2"), title="Đánh giá nội bộ đợt 1", month=None, year=None):
    return services.audit_plan(agency=agency, actor=actor, year=year or today().year, planned_month=month or 3,
                               title=title, scope="Bộ phận một cửa; quy trình hộ tịch",
                               clauses=clauses(*numbers) if numbers else [])


def ready(agency, actor, *, lead=None, lead_name="Trần Thị Bích", owner_name="Lê Văn Cường", **kwargs):
    audit = plan(agency, actor, **kwargs)
    services.audit_set_team(audit=audit, actor=actor, lead_auditor=lead, lead_auditor_name=lead_name)
    services.area_add(audit=audit, actor=actor, name="Bộ phận tiếp nhận và trả kết quả", owner_name=owner_name)
    return audit


def started(agency, actor, *, on=None, **kwargs):
    audit = ready(agency, actor, **kwargs)
    return services.audit_start(audit=audit, actor=actor, audit_date=on or days(-3))


def item(audit, number):
    return audit.checklist.get(clause__number=number)


def with_findings(agency, actor, **kwargs):
    audit = started(agency, actor, **kwargs)
    records.checklist_update(item=item(audit, "7.5.3"), actor=actor, result="conform", notes="Đủ hồ sơ")
    records.finding_add(audit=audit, actor=actor, grade="major", clause=item(audit, "8.5.1").clause,
                        description="5 hồ sơ trễ hạn không có phiếu xin lỗi")
    records.finding_add(audit=audit, actor=actor, grade="minor", clause=item(audit, "7.5.3").clause,
                        description="Biểu mẫu cũ còn tại quầy")
    records.finding_add(audit=audit, actor=actor, grade="good_practice", clause=item(audit, "9.1.2").clause,
                        description="Khảo sát bằng mã QR")
    return audit
