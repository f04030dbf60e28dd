"""Every unique rule a user can hit gives the form's error, never a 500, when two requests race.

Each case lets the competing row appear between the service's check and its insert (see races.py);
the service must answer with exactly the ValidationError its check gives once the row is there.
test_every_unique_rule_is_accounted_for makes a new unique rule fail until it has a case or a reason.
"""
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from isogov.accounts.models import Role, User
from isogov.accounts.services import user_create
from isogov.audits.models import AuditProgramme
from isogov.core.db import unique_rules
from isogov.core.tests.races import row_appears_after_check
from isogov.documents.models import Document, DocumentKind
from isogov.documents.services import document_create, document_update
from isogov.events.models import Attendee
from isogov.events.tests.helpers import event as make_event
from isogov.objectives.models import Measurement
from isogov.objectives.services import measurement_record
from isogov.objectives.tests.helpers import objective as make_objective
from isogov.qms.models import Procedure, ScopeItem
from isogov.qms.services import procedure_create, scope_add
from isogov.registry.models import Agency, AgencyKind
from isogov.registry.services import agency_create
from isogov.training.models import Trainee
from isogov.training.services import trainee_add, trainee_update
from isogov.training.tests.helpers import course as make_course
from isogov.training.tests.helpers import session as make_session

PASSWORD = "a-long-unusual-passphrase-42"


def _document(p, code, procedure=None):
    return lambda: document_create(agency=p.d842, actor=p.alice, code=code, title="Quy trình tiếp nhận hồ sơ",
                                   kind=DocumentKind.PROCESS if procedure else DocumentKind.PROCEDURE,
                                   owner_name="Văn phòng", procedure=procedure)


def _procedure(code="1.001234"):
    return Procedure.objects.get_or_create(code=code, defaults={"name": "Cấp phiếu lý lịch tư pháp"})[0]


def case_username(p):
    make = lambda: user_create(actor=p.admin, username="nga", password=PASSWORD, role=Role.VIEWER)  # noqa: E731
    return User, "username", make, make, "username"


def case_document_code(p):
    return Document, "unique_document_code", _document(p, "QT-07"), _document(p, "QT-07"), "code"


def case_document_code_on_update(p):
    doc = _document(p, "QT-08")()

    def rename():
        return document_update(document=doc, actor=p.alice, code="QT-09", title=doc.title, kind=doc.kind,
                               owner_name=doc.owner_name)
    return Document, "unique_document_code", _document(p, "QT-09"), rename, "code"


def case_document_procedure(p):
    procedure = _procedure()
    ScopeItem.objects.create(agency=p.d842, procedure=procedure)
    return (Document, "unique_document_procedure", _document(p, "QT-10", procedure),
            _document(p, "QT-11", procedure), "procedure")


def case_procedure_code(p):
    make = lambda: procedure_create(actor=p.admin, code="1.009999", name="Đăng ký khai sinh")  # noqa: E731
    return Procedure, "code", make, make, "code"


def case_scope_item(p):
    procedure = _procedure()
    make = lambda: scope_add(agency=p.d842, actor=p.alice, procedure=procedure)  # noqa: E731
    return ScopeItem, "unique_scope_item", make, make, "procedure"


def case_agency_code(p):
    make = lambda: agency_create(actor=p.admin, code="29250", name="Phường 9", tier=p.tiers["commune"],  # noqa: E731
                                 parent=p.d842, kind=AgencyKind.COMMUNE_COMMITTEE)
    return Agency, "code", make, make, "code"


def case_attendee(p):
    event = make_event(p)
    make = lambda: attendee_add(event, p)  # noqa: E731
    return Attendee, "unique_event_attendee", make, make, "full_name"


def attendee_add(event, p):
    from isogov.events.services import attendee_add as add
    return add(actor=p.admin, event=event, agency=p.d842, full_name="Nguyễn Văn An", position="Chánh Văn phòng")


def _trainee(session, agency, name, certificate=""):
    return lambda: trainee_add(actor=None, session=session, agency=agency, full_name=name, completed=True,
                               certificate_number=certificate)


def case_trainee(p):
    session = make_session(make_course(p))
    return Trainee, "unique_trainee_per_session", _trainee(session, p.d842, "Lê Thị Mai"), \
        _trainee(session, p.d842, "Le Thi Mai"), "full_name"


def case_trainee_renamed(p):
    session = make_session(make_course(p))
    trainee = _trainee(session, p.d842, "Trần Văn Bình")()

    def rename():
        return trainee_update(actor=None, trainee=trainee, agency=p.d842, full_name="Lê Thị Mai", completed=True)
    return Trainee, "unique_trainee_per_session", _trainee(session, p.d842, "Lê Thị Mai"), rename, "full_name"


def case_certificate(p):
    session = make_session(make_course(p))
    return Trainee, "unique_certificate_per_course", _trainee(session, p.d842, "Lê Thị Mai", "CC-2020/15"), \
        _trainee(session, p.d844, "Phạm Văn Tú", "CC-2020/15"), "certificate_number"


def case_measurement(p):
    objective = make_objective(p.d842, p.alice, year=2024)
    record = lambda value: lambda: measurement_record(  # noqa: E731
        objective=objective, actor=p.alice, period_index=3, value=Decimal(value))
    return Measurement, "unique_measurement_period", record("97"), record("99"), "period_index"


def case_inspection_plan_year(p):
    import datetime as dt

    from isogov.inspections.models import InspectionPlan
    from isogov.inspections.services import plan_create

    make = lambda: plan_create(actor=p.admin, year=2024, inspecting_unit="Chi cục TĐC",  # noqa: E731
                               period_start=dt.date(2024, 3, 1), period_end=dt.date(2024, 11, 30), onsite_target=30)
    return InspectionPlan, "year", make, make, "year"


def _template(p, code="CS-01"):
    from isogov.library.services import template_create

    return lambda: template_create(actor=p.admin, kind="policy", code=code, title="Chính sách chất lượng",
                                   agency_kinds=["ubnd_huyen"], sections={"body": "Đúng hạn, minh bạch."})


def case_template_code(p):
    from isogov.library.models import Template

    return Template, "code", _template(p), _template(p), "code"


def case_template_adoption(p):
    from isogov.library.models import Adoption
    from isogov.library.services import template_adopt

    template = _template(p, "CS-02")()
    make = lambda: template_adopt(agency=p.d842, template=template, actor=p.alice, owner_name="VP")  # noqa: E731
    return Adoption, "unique_template_adoption", make, make, "template"


CASES = [case_inspection_plan_year, case_username, case_document_code, case_document_code_on_update,
         case_document_procedure,
         case_procedure_code, case_scope_item, case_agency_code, case_attendee, case_trainee, case_trainee_renamed,
         case_certificate, case_measurement, case_template_code, case_template_adoption]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__.removeprefix("case_"))
def test_a_row_written_between_check_and_insert_gives_the_forms_error(province, case):
    model, rule, competitor, attempt, field = case(province)
    rows_before = model.objects.count()
    with row_appears_after_check(model, rule, competitor):
        with pytest.raises(ValidationError) as raced:
            attempt()
    # The simulated winner wrote inside the loser's transaction, which rolled back: nothing of either is left.
    assert model.objects.count() == rows_before
    if model is Measurement:
        # Recording a period is "set the value": the loser is told the period was just recorded.
        assert raced.value.message_dict == {field: [
            "A value for this period was recorded at the same moment by someone else: look at it and save again."]}
        return
    competitor()
    with pytest.raises(ValidationError) as checked:
        attempt()  # now the check sees the winner's row
    assert raced.value.message_dict == checked.value.message_dict
    assert list(raced.value.message_dict) == [field]


def test_the_page_shows_the_race_as_the_forms_error(province, as_user):
    """Through the view: the loser gets the form again with the code's error, not a 500."""
    from django.urls import reverse

    client = as_user(province.alice)
    with row_appears_after_check(Document, "unique_document_code", _document(province, "QT-20")):
        response = client.post(reverse("documents:create", args=["842"]), {
            "code": "QT-20", "title": "Quy trình tiếp công dân", "kind": "procedure", "owner_name": "Văn phòng"})
    assert response.status_code == 400
    assert "This agency already has a document with code QT-20." in response.content.decode()


def test_a_programme_of_the_year_created_meanwhile_is_reused(province, iso2015):
    """get_or_create retries the read when its insert loses: the audit goes into the winner's programme."""
    from isogov.audits.services import audit_plan

    def competitor():
        AuditProgramme.objects.create(agency=province.d842, year=2024)

    with row_appears_after_check(AuditProgramme, "unique_audit_programme_year", competitor):
        audit = audit_plan(agency=province.d842, actor=province.alice, year=2024, planned_month=5,
                           title="Đánh giá nội bộ lần 1", scope="Toàn bộ HTQLCL")
    assert AuditProgramme.objects.filter(agency=province.d842, year=2024).count() == 1
    assert audit.programme.year == 2024


def test_other_database_errors_pass_through_unchanged(province):
    from django.db import IntegrityError

    from isogov.core.db import unique_errors

    with pytest.raises(IntegrityError):  # NOT NULL, not a unique rule: a bug to see, not a form error
        with unique_errors(Procedure, {"code": ("code", "taken")}):
            Procedure.objects.create(code="1.000001", name=None)
    with pytest.raises(IntegrityError):  # a unique rule of another table than the one guarded
        with unique_errors(Procedure, {"code": ("code", "taken")}):
            User.objects.create(username="alice")
    with pytest.raises(ValueError, match="no unique rule"):
        with unique_errors(Procedure, {"unique_code": ("code", "taken")}):
            pass


# A unique rule no user request can violate, and why. Everything else needs a case above.
UNREACHABLE = {
    # Written in the post_save of its object, inside that object's own transaction: the one transaction that
    # created the object makes its entry, later saves (under the object's row lock) update it.
    ("search.SearchEntry", "unique_search_entry"): "the indexed object's own save",
    # 256 random bits each: two equal secrets do not happen.
    ("accounts.ApiToken", "key_hash"): "a hash of a new random secret",
    # Written only with their parent row, created in the same transaction.
    ("audits.ChecklistItem", "unique_checklist_clause"): "the checklist is built when the audit is planned",
    ("reviews.AgendaItem", "unique_agenda_input"): "the agenda is built when the review is planned",
    # A one-to-one link always points at the row created in the same transaction.
    ("audits.Audit", "fact"): "a new fact", ("reviews.Review", "fact"): "a new fact",
    ("audits.Finding", "nonconformity"): "a new nonconformity, the audit locked",
    ("feedback.Complaint", "nonconformity"): "a new nonconformity, the complaint locked",
    ("library.Adoption", "document"): "a new document, made in the adoption's transaction",
    # Numbered or switched under a lock of the parent row (capa._open, documents.versioning).
    ("capa.Nonconformity", "unique_nc_number"): "the agency row is locked while numbering",
    ("documents.Version", "unique_version_number"): "the document row is locked",
    ("documents.Version", "one_published_version"): "the document row is locked",
    ("documents.Version", "one_version_in_progress"): "the document row is locked",
    ("library.TemplateVersion", "unique_template_version"): "the template row is locked",
    # Loaded by commands and migrations, not by requests.
    ("registry.Tier", "code"): "isogov tiers", ("clauses.Framework", "code"): "isogov load-framework",
    ("clauses.Clause", "unique_clause_number"): "isogov load-framework",
    ("inspections.Inspection", "one_inspection_per_agency_and_plan"): "opened by the plan's approval, plan locked",
    ("inspections.Finding", "nonconformity"): "a new nonconformity",
    ("inspections.Answer", "one_answer_per_point"): "the inspection row is locked while the checklist is saved",
    ("inspections.RecordsCheck", "one_records_check_per_agency"): "the plan row is locked",
    ("inspections.InspectorProfile", "user"): "the user row is locked",
    ("scoring.Ruleset", "code"): "isogov load-scoring",
    ("notifications.Preference", "user"): "the user row is locked",
    # Inserted with conflicts ignored: a second reminder run's row is dropped, not an error (notifications/tests).
    ("notifications.Notification", "unique_open_notification_per_level"): "bulk_create(ignore_conflicts=True)",
    # Handled by get_or_create, which reads again when its insert loses (tested above).
    ("audits.AuditProgramme", "unique_audit_programme_year"): "get_or_create",
    ("reports.AnnualText", "unique_annual_text_agency"): "get_or_create under lock_value",
    ("reports.AnnualText", "unique_annual_text_province"): "get_or_create under lock_value",
    ("doctemplates.Replacement", "key"): "update_or_create (its get_or_create reads again)",
    # One upsert (INSERT … ON CONFLICT (day) DO UPDATE) per counted page view: a race adds, never fails.
    ("portal.VisitDay", "day"): "portal/visits.py upserts the day's row",
    # The province's catalogue: decisions are applied one at a time (lock_value), a text is pushed under its row's lock.
    ("catalogue.CatalogueEntry", "procedure"): "publication_apply runs one at a time (lock_value)",
    ("catalogue.ScopeReview", "unique_scope_review"): "publication_apply runs one at a time (lock_value)",
    ("catalogue.LegalNotice", "unique_legal_notice"): "push locks the legal text's row",
    ("catalogue.LegalText", "legal_number"): "the lead's alone; saved inside unique_errors (the field's own error)",
    ("catalogue.EditionTransition", "unique_edition_transition"): "saved inside unique_errors (the form's error)",
}
RACED = {("accounts.User", "username"), ("documents.Document", "unique_document_code"),
         ("documents.Document", "unique_document_procedure"), ("qms.Procedure", "code"),
         ("qms.ScopeItem", "unique_scope_item"), ("registry.Agency", "code"),
         ("events.Attendee", "unique_event_attendee"), ("training.Trainee", "unique_trainee_per_session"),
         ("training.Trainee", "unique_certificate_per_course"), ("objectives.Measurement", "unique_measurement_period"),
         ("inspections.InspectionPlan", "year"), ("library.Template", "code"),
         ("library.Adoption", "unique_template_adoption"),
         # raced in objectives/tests/test_onestop_api.py (a batch of dossiers, refused as a whole)
         ("objectives.Dossier", "unique_dossier_number")}


def test_every_unique_rule_is_accounted_for():
    found = set()
    for model in apps.get_models():
        if model.__module__.startswith("isogov."):
            found |= {(model._meta.label, rule) for rule in unique_rules(model)}
    # Django writes many-to-many links with ON CONFLICT DO NOTHING, so their tables are not listed here.
    assert found == set(UNREACHABLE) | RACED
