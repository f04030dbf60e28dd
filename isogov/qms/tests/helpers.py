import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.qms import services
from isogov.qms.models import FactKind, Procedure

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="quyet-dinh.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def procedure(code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch"):
    return Procedure.objects.filter(code=code).first() or services.procedure_create(
        actor=None, code=code, name=name, field=field)


def walk_to_confirmed(agency, *, secretary, head):
    """Take an agency through building and applying to confirmed, the way an agency does."""
    services.agency_transition(agency=agency, actor=secretary, to_state="building")
    services.scope_add(agency=agency, actor=secretary, procedure=procedure())
    services.agency_transition(agency=agency, actor=secretary, to_state="applying")
    services.fact_record(agency=agency, actor=secretary, kind=FactKind.INTERNAL_AUDIT, date=dt.date(2020, 3, 2))
    services.fact_record(agency=agency, actor=secretary, kind=FactKind.MANAGEMENT_REVIEW, date=dt.date(2020, 4, 6))
    services.agency_transition(agency=agency, actor=head, to_state="confirmed")
    agency.refresh_from_db()
    return agency


def announce(agency, actor, number="15/QĐ-UBND"):
    return services.agency_announce(agency=agency, actor=actor, decision_number=number,
                                    decision_date=dt.date(2020, 5, 4), signed_file=pdf(), signer="Nguyễn Văn Bình")
