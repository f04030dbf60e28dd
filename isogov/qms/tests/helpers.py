"""An agency's QMS taken through its lifecycle by the services, with records made by the factories."""
import datetime as dt

from isogov.qms import services
from isogov.qms.models import FactKind
from isogov.qms.tests.factories import AnnouncementFactory, ProcedureFactory, QmsFactFactory, ScopeItemFactory


def procedure(code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch"):
    return ProcedureFactory(code=code, name=name, field=field)


def walk_to_confirmed(agency, *, secretary, head):
    """Take an agency through building and applying to confirmed, the way an agency does."""
    services.agency_transition(agency=agency, actor=secretary, to_state="building")
    ScopeItemFactory(agency=agency, actor=secretary)
    services.agency_transition(agency=agency, actor=secretary, to_state="applying")
    QmsFactFactory(agency=agency, actor=secretary, kind=FactKind.INTERNAL_AUDIT, date=dt.date(2020, 3, 2))
    QmsFactFactory(agency=agency, actor=secretary, kind=FactKind.MANAGEMENT_REVIEW, date=dt.date(2020, 4, 6))
    services.agency_transition(agency=agency, actor=head, to_state="confirmed")
    agency.refresh_from_db()
    return agency


def announce(agency, actor, number="15/QĐ-UBND"):
    return AnnouncementFactory(agency=agency, actor=actor, decision_number=number)
