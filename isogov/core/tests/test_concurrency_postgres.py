"""Ten requests at once with the same code, on a real PostgreSQL server: one wins, nine get the form's error.

Each thread has its own connection and transaction, as a request of a threaded server does. After its
check, each thread waits a moment, so that all ten pass the check before any inserts: the losers then
meet the unique constraint, which is what made 9 of 10 answer 500. SQLite runs one writing transaction
at a time (BEGIN IMMEDIATE), so the race cannot happen there; CI runs this file on PostgreSQL.
"""
import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections

from isogov.accounts.models import Role, User
from isogov.accounts.services import user_create
from isogov.core.db import unique_rules
from isogov.core.tests.races import _is_check
from isogov.documents.models import Document, DocumentKind
from isogov.documents.services import document_create, document_update
from isogov.feedback.models import SatisfactionSurvey
from isogov.feedback.services import survey_record
from isogov.objectives.models import Measurement, Objective
from isogov.objectives.services import measurement_record
from isogov.objectives.tests.helpers import objective as make_objective
from isogov.qms.models import Procedure, ScopeItem
from isogov.qms.services import procedure_create, scope_add
from isogov.reviews.models import Review
from isogov.reviews.services import review_plan
from isogov.training.models import Trainee
from isogov.training.services import trainee_add
from isogov.training.tests.helpers import course as make_course
from isogov.training.tests.helpers import session as make_session

pytestmark = [
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="needs concurrent writers: PostgreSQL (CI's second suite)"),
    pytest.mark.django_db(transaction=True),
]
THREADS = 10


def race(model, rule, call, threads=THREADS):
    """Run `call` in `threads` threads at once; what each returned or raised.

    `rule` names a unique rule of `model`, or is the set of columns the service's check filters on.
    """
    columns = unique_rules(model)[rule] if isinstance(rule, str) else frozenset(rule)
    barrier = threading.Barrier(threads)
    outcomes: list = [None] * threads

    def pause_after_check(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if _is_check(sql, model._meta.db_table, columns):
            time.sleep(0.2)
        return result

    def run(i):
        try:
            with connection.execute_wrapper(pause_after_check):
                barrier.wait()
                outcomes[i] = call()
        except Exception as exc:  # noqa: BLE001 - the test counts every kind of failure
            outcomes[i] = exc
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    return outcomes


def assert_one_wins(outcomes, field):
    errors = [o for o in outcomes if isinstance(o, Exception)]
    refused = [e for e in errors if isinstance(e, ValidationError)]
    assert [e for e in errors if not isinstance(e, ValidationError)] == []  # an IntegrityError is a 500
    assert len(outcomes) - len(errors) == 1
    assert {tuple(e.message_dict) for e in refused} == {(field,)}


def test_same_username(province):
    outcomes = race(User, "username", lambda: user_create(
        actor=province.admin, username="thu.ha", password="a-long-unusual-passphrase-42", role=Role.VIEWER))
    assert_one_wins(outcomes, "username")
    assert User.objects.filter(username="thu.ha").count() == 1


def test_same_document_code(province):
    outcomes = race(Document, "unique_document_code", lambda: document_create(
        agency=province.d842, actor=province.alice, code="QT-15", title="Quy trình tiếp công dân",
        kind=DocumentKind.PROCEDURE, owner_name="Văn phòng"))
    assert_one_wins(outcomes, "code")
    assert Document.objects.filter(agency=province.d842, code="QT-15").count() == 1


def test_same_procedure_code(province):
    outcomes = race(Procedure, "code", lambda: procedure_create(
        actor=province.admin, code="1.001234", name="Đăng ký khai sinh", field="Hộ tịch"))
    assert_one_wins(outcomes, "code")
    assert Procedure.objects.filter(code="1.001234").count() == 1


def test_same_procedure_into_the_scope(province):
    procedure = Procedure.objects.create(code="2.000123", name="Chứng thực bản sao")
    outcomes = race(ScopeItem, "unique_scope_item", lambda: scope_add(
        agency=province.d842, actor=province.alice, procedure=procedure))
    assert_one_wins(outcomes, "procedure")
    assert ScopeItem.objects.filter(agency=province.d842, procedure=procedure).count() == 1


def test_same_trainee_and_certificate(province):
    session = make_session(make_course(province))
    outcomes = race(Trainee, "unique_trainee_per_session", lambda: trainee_add(
        actor=None, session=session, agency=province.d842, full_name="Lê Thị Mai", completed=True,
        certificate_number="CC-2020/15"))
    assert_one_wins(outcomes, "full_name")
    assert Trainee.objects.filter(session=session).count() == 1


def test_same_period_measured_by_two_people_at_once(province):
    """Recording a period sets its value: under the objective's lock the later request updates, none fails."""
    objective = make_objective(province.d842, province.alice, year=2024)
    outcomes = race(Measurement, "unique_measurement_period", lambda: measurement_record(
        objective=objective, actor=province.alice, period_index=2, value=Decimal("97")))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Measurement.objects.filter(objective=objective, period_index=2).count() == 1
    objective.refresh_from_db()
    assert objective.periods_measured == 1


# Rules no constraint backs: the service locks the agency before checking, so the check sees the winner.

def test_same_objective_title_for_the_year(province):
    outcomes = race(Objective, {"agency_id", "year", "title"}, lambda: make_objective(
        province.d842, province.alice, year=2024, title="Hồ sơ giải quyết đúng hạn"))
    assert_one_wins(outcomes, "title")
    assert Objective.objects.filter(agency=province.d842, year=2024).count() == 1


def test_same_document_code_typed_in_another_case(province):
    codes = iter(["QT-30", "qt-30"] * THREADS)
    outcomes = race(Document, {"agency_id", "code"}, lambda: document_create(
        agency=province.d842, actor=province.alice, code=next(codes), title="Quy trình tiếp công dân",
        kind=DocumentKind.PROCEDURE, owner_name="Văn phòng"))
    assert_one_wins(outcomes, "code")
    assert Document.objects.filter(agency=province.d842, code__iexact="qt-30").count() == 1


def test_a_document_renamed_while_another_is_created_with_that_code(province):
    existing = document_create(agency=province.d842, actor=province.alice, code="QT-40", title="Quy trình cũ",
                               kind=DocumentKind.PROCEDURE, owner_name="Văn phòng")
    calls = iter([lambda: document_update(document=existing, actor=province.alice, code="qt-41",
                                          title=existing.title, kind=existing.kind, owner_name="Văn phòng"),
                  lambda: document_create(agency=province.d842, actor=province.alice, code="QT-41",
                                          title="Quy trình mới", kind=DocumentKind.PROCEDURE, owner_name="Văn phòng")])
    outcomes = race(Document, {"agency_id", "code"}, lambda: next(calls)(), threads=2)
    assert_one_wins(outcomes, "code")
    assert Document.objects.filter(agency=province.d842, code__iexact="qt-41").count() == 1


def test_one_planned_review_per_agency(province):
    outcomes = race(Review, {"agency_id", "state"}, lambda: review_plan(
        agency=province.d842, actor=province.alice, date=dt.date(2024, 12, 20)))
    assert_one_wins(outcomes, "date")
    assert Review.objects.filter(agency=province.d842).count() == 1


def test_one_satisfaction_result_per_period(province):
    outcomes = race(SatisfactionSurvey, {"agency_id", "period_start", "period_end"}, lambda: survey_record(
        agency=province.d842, actor=province.alice, period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 6, 30), surveyed=120, satisfied=110))
    assert_one_wins(outcomes, "__all__")
    assert SatisfactionSurvey.objects.filter(agency=province.d842).count() == 1


def test_same_username_typed_in_another_case(province):
    names = iter(["Thu.Ha", "thu.ha"] * THREADS)
    outcomes = race(User, "username", lambda: user_create(
        actor=province.admin, username=next(names), password="a-long-unusual-passphrase-42", role=Role.VIEWER))
    assert_one_wins(outcomes, "username")
    assert User.objects.filter(username__iexact="thu.ha").count() == 1

