"""Internal audits at each step of their life, made by the factories and stepped by the services as an agency
steps them."""
import datetime as dt

from django.utils import timezone

from isogov.audits import records, services
from isogov.audits.tests.factories import AuditAreaFactory, AuditFactory, FindingFactory


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def plan(agency, actor, *, month=None, year=None, **fields):
    if month:
        fields["planned_month"] = month
    if year:
        fields["year"] = year
    return AuditFactory(agency=agency, actor=actor, **fields)


def ready(agency, actor, *, lead=None, lead_name="Trần Thị Bích", owner_name="Lê Văn Cường", **kwargs):
    audit = plan(agency, actor, **kwargs)
    services.audit_set_team(audit=audit, actor=actor, lead_auditor=lead, lead_auditor_name=lead_name)
    AuditAreaFactory(audit=audit, actor=actor, owner_name=owner_name)
    return audit


def started(agency, actor, *, on=None, **kwargs):
    audit = ready(agency, actor, **kwargs)
    return services.audit_start(audit=audit, actor=actor, audit_date=on or days(-3))


def item(audit, number):
    return audit.checklist.get(clause__number=number)


def with_findings(agency, actor, **kwargs):
    audit = started(agency, actor, **kwargs)
    records.checklist_update(item=item(audit, "7.5.3"), actor=actor, result="conform", notes="Đủ hồ sơ")
    for grade, number, description in (("major", "8.5.1", "5 hồ sơ trễ hạn không có phiếu xin lỗi"),
                                       ("minor", "7.5.3", "Biểu mẫu cũ còn tại quầy"),
                                       ("good_practice", "9.1.2", "Khảo sát bằng mã QR")):
        FindingFactory(audit=audit, actor=actor, grade=grade, clause=item(audit, number).clause,
                       description=description)
    return audit
