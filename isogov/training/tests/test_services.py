import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.training import services
from isogov.training.models import Trainee
from isogov.training.tests.helpers import course, session, trainee

pytestmark = pytest.mark.django_db


def test_course_session_and_trainee_are_audit_logged(province):
    c = course(province)
    s = session(c, start=dt.date(2020, 6, 15), end=dt.date(2020, 6, 16))
    t = trainee(s, province.d842, "  Nguyễn   Văn An ", position="Chuyên viên", secretary=True, certificate="01/2020")
    assert t.full_name == "Nguyễn Văn An" and t.name_key == "nguyen van an" and t.course_id == c.pk
    event = AuditEvent.objects.get(object_type="training.trainee", action="create")
    assert event.agency_id == province.d842.pk and event.changes["certificate_number"] == "01/2020"
    services.trainee_update(actor=province.admin, trainee=t, agency=province.d842, full_name="Nguyễn Văn An",
                            position="Phó Trưởng phòng", is_iso_secretary=True, completed=True,
                            certificate_number="01/2020")
    assert AuditEvent.objects.get(object_type="training.trainee", action="update").changes == {
        "position": ["Chuyên viên", "Phó Trưởng phòng"]}
    services.trainee_remove(actor=province.admin, trainee=t)
    assert not Trainee.objects.exists()
    assert AuditEvent.objects.filter(object_type="training.trainee", action="delete").count() == 1
    assert AuditEvent.objects.filter(object_type__in=["training.course", "training.session"]).count() == 2


def test_certificate_numbers_are_unique_per_course(province):
    c = course(province)
    first, second = session(c), session(c, start=dt.date(2020, 7, 1))
    trainee(first, province.d842, "Nguyễn Văn An", certificate="15")
    with pytest.raises(ValidationError) as exc:
        trainee(second, province.stp, "Lê Thị Hoa", certificate="15")
    assert "already given to Nguyễn Văn An" in exc.value.message_dict["certificate_number"][0]
    other = session(course(province, title="Đánh giá nội bộ"))
    trainee(other, province.stp, "Lê Thị Hoa", certificate="15")  # another course may reuse the number
    assert Trainee.objects.count() == 2


def test_trainee_refusals(province):
    s = session(course(province))
    trainee(s, province.d842, "Nguyễn Văn An")
    cases = [
        ({"full_name": "nguyen van an"}, "full_name", "already on this session"),
        ({"full_name": "  "}, "full_name", "cannot be blank"),
        ({"agency": None}, "agency", "cannot be null"),
        ({"completed": False, "certificate_number": "9"}, "certificate_number", "completed"),
        ({"full_name": "x" * 151}, "full_name", "at most 150"),
    ]
    for change, field, text in cases:
        kwargs = {"agency": province.d842, "full_name": "Trần Thị Bé", "completed": True, **change}
        with pytest.raises(ValidationError) as exc:
            services.trainee_add(actor=None, session=s, **kwargs)
        assert text in " ".join(exc.value.message_dict[field]), change
    assert Trainee.objects.count() == 1


def test_session_and_course_refusals(province):
    c = course(province)
    with pytest.raises(ValidationError) as exc:
        services.session_create(actor=None, course=c, start_date=dt.date(2020, 6, 15),
                                end_date=dt.date(2020, 6, 1), place="")
    assert set(exc.value.message_dict) == {"end_date", "place"}
    with pytest.raises(ValidationError) as exc:
        services.course_create(actor=None, title=" ", topic="cooking", organiser=None)
    assert set(exc.value.message_dict) == {"title", "topic", "organiser"}
    assert c.sessions.count() == 0
