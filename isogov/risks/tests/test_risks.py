import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.qms.tests.helpers import procedure
from isogov.risks import scale, selectors, services
from isogov.risks.models import Risk, RiskAction

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def make_risk(agency, actor=None, **extra):
    values = dict(kind="risk", description="Hồ sơ bị thất lạc khi chuyển giữa các bộ phận", likelihood=3,
                  impact=4, owner="Trưởng bộ phận một cửa", review_date=dt.date(2026, 12, 31),
                  process="Tiếp nhận hồ sơ")
    values.update(extra)
    return services.risk_create(agency=agency, actor=actor, **values)


def test_scale_and_bands_follow_the_settings(settings):
    assert scale.size() == 5
    assert [scale.band(r) for r in (1, 4, 5, 11, 12, 25)] == ["low", "low", "medium", "medium", "high", "high"]
    assert scale.band_range("medium") == (5, 11)
    settings.ISOGOV = {**settings.ISOGOV, "RISK_SCALE": 3, "RISK_BANDS": {"medium": 3, "high": 6}}
    assert scale.size() == 3 and scale.band(6) == "high" and scale.band(2) == "low"
    settings.ISOGOV = {k: v for k, v in settings.ISOGOV.items() if k != "RISK_BANDS"}
    assert scale.thresholds() == {"medium": 2, "high": 5}  # proportional to a 3 × 3 scale


def test_rating_residual_and_validation(province):
    risk = make_risk(province.d842, province.alice, residual_likelihood=1, residual_impact=4)
    assert (risk.rating, risk.band, risk.residual_rating, risk.residual_band) == (12, "high", 4, "low")
    with pytest.raises(ValidationError) as exc:
        make_risk(province.d842, likelihood=6, impact=0, residual_likelihood=2, owner=" ", description="")
    errors = exc.value.message_dict
    assert set(errors) == {"likelihood", "impact", "residual_impact", "owner", "description"}
    assert "1 to 5" in errors["likelihood"][0] and "both" in errors["residual_impact"][0]
    services.risk_update(risk=risk, actor=province.alice, likelihood=2)
    event = AuditEvent.objects.filter(object_type="risks.risk", action="update").get()
    assert event.changes == {"likelihood": [3, 2]}


def test_actions_and_overdue(province):
    risk = make_risk(province.d842)
    action = services.action_add(risk=risk, actor=None, description="Lập sổ theo dõi luân chuyển hồ sơ",
                                 owner="Công chức một cửa", due_date=dt.date(2026, 1, 31))
    services.action_add(risk=risk, actor=None, description="Số hóa hồ sơ", owner="Văn phòng",
                        due_date=dt.date(2027, 3, 1))
    rows = list(selectors.register(agency=province.d842, data={}, today=TODAY).qs)
    assert (rows[0].actions_total, rows[0].actions_open, rows[0].actions_overdue) == (2, 2, 1)
    services.action_set_done(action=action, actor=None, done=True)
    assert RiskAction.objects.get(pk=action.pk).done_on is not None
    with pytest.raises(ValidationError):
        services.action_add(risk=risk, actor=None, description="", owner="", due_date=None)
    services.risk_update(risk=risk, actor=None, status="closed")
    with pytest.raises(ValidationError) as exc:
        services.action_add(risk=risk, actor=None, description="x", owner="y", due_date=TODAY)
    assert "closed" in exc.value.messages[0]


def test_filters_and_heat_map(province):
    make_risk(province.d842, likelihood=5, impact=5, review_date=dt.date(2026, 1, 1))
    make_risk(province.d842, likelihood=1, impact=2, kind="opportunity", residual_likelihood=1, residual_impact=1)
    make_risk(province.d842, likelihood=2, impact=3)
    make_risk(province.d842, likelihood=5, impact=5, status="closed")
    make_risk(province.stp, likelihood=5, impact=5)

    def descriptions(**f):
        return [(r.likelihood, r.impact) for r in selectors.register(agency=province.d842, data=f, today=TODAY).qs]

    assert descriptions() == [(5, 5), (2, 3), (1, 2)]
    assert descriptions(band="high") == [(5, 5)]
    assert descriptions(band="medium") == [(2, 3)]
    assert descriptions(kind="opportunity") == [(1, 2)]
    assert descriptions(overdue=True) == [(5, 5)]
    assert len(descriptions(status="")) == 4
    hm = selectors.heat_map(agency=province.d842)
    grid = {(c.likelihood, c.impact): c.count for _l, cells in hm.rows for c in cells}
    assert hm.total == 3 and grid[(5, 5)] == 1 and grid[(2, 3)] == 1 and grid[(1, 1)] == 0
    assert [likelihood for likelihood, _c in hm.rows] == [5, 4, 3, 2, 1]
    assert selectors.heat_map(agency=province.d842, residual=True).total == 1
    summary = selectors.risk_summary(agency=province.d842, today=TODAY)
    assert summary["open"] == 3 and summary["bands"] == {"low": 1, "medium": 1, "high": 1}
    assert summary["review_overdue"] == 1


def test_pages_for_the_secretary(province, as_user):
    procedure()
    from isogov.qms.models import Procedure
    from isogov.qms.services import scope_add

    scope_add(agency=province.d842, actor=None, procedure=Procedure.objects.get(code="1.001193"))
    client = as_user(province.alice)
    response = client.post(reverse("risks:create", args=["842"]), {
        "kind": "risk", "description": "Sai sót khi nhập liệu", "procedure": "1.001193", "likelihood": "4",
        "impact": "4", "owner": "Thư ký ISO", "review_date": "31/12/2026", "status": "open",
        "residual_likelihood": "", "residual_impact": ""})
    assert response.status_code == 302, response.content.decode()
    risk = Risk.objects.get()
    assert risk.procedure.code == "1.001193"
    assert client.post(reverse("risks:action_add", args=["842", risk.pk]), {
        "description": "Kiểm tra chéo", "owner": "Phó văn phòng", "due_date": "15/01/2020"}).status_code == 302
    html = client.get(reverse("risks:detail", args=["842", risk.pk])).content.decode()
    assert "Kiểm tra chéo" in html and 'class="overdue"' in html and "16 · High" in html
    index = client.get(reverse("risks:agency_index", args=["842"])).content.decode()
    assert "Sai sót khi nhập liệu" in index and 'data-testid="heatmap"' in index
    # A refused form keeps what was typed.
    response = client.post(reverse("risks:create", args=["842"]), {
        "kind": "risk", "description": "Mất điện", "likelihood": "2", "impact": "3", "owner": "Ban ISO",
        "review_date": "31/12/2026", "status": "open", "residual_likelihood": "2", "residual_impact": ""})
    assert response.status_code == 400
    assert "Mất điện" in response.content.decode() and "both residual" in response.content.decode()


def test_outsiders_and_readers_are_refused(province, as_user):
    risk = make_risk(province.d842)
    action = services.action_add(risk=risk, actor=None, description="x", owner="y", due_date=TODAY)
    posts = [reverse("risks:create", args=["842"]), reverse("risks:edit", args=["842", risk.pk]),
             reverse("risks:delete", args=["842", risk.pk]), reverse("risks:action_add", args=["842", risk.pk]),
             reverse("risks:action_done", args=["842", action.pk])]
    for user, expected in ((province.bob, 404), (province.charlie, 404), (province.viewer, 403),
                           (province.inspector, 403)):
        client = as_user(user)
        for url in posts:
            data = {"description": "z", "owner": "z", "due_date": "01/01/2026"}
            assert client.post(url, data).status_code == expected
        assert client.get(reverse("risks:detail", args=["842", risk.pk])).status_code == (
            404 if expected == 404 else 200)
    assert Risk.objects.count() == 1 and RiskAction.objects.get().done_on is None
    other = make_risk(province.stp)
    assert as_user(province.alice).get(reverse("risks:detail", args=["842", other.pk])).status_code == 404


def test_register_queries_do_not_grow(province, as_user):
    client = as_user(province.alice)
    make_risk(province.d842)
    url = reverse("risks:agency_index", args=["842"])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(30):
        r = make_risk(province.d842, likelihood=1 + i % 5, impact=1 + (i // 5) % 5, residual_likelihood=1,
                      residual_impact=1, procedure=procedure())
        services.action_add(risk=r, actor=None, description="x", owner="y", due_date=TODAY)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.content.decode().count("risks/") >= 31
    assert len(small.captured_queries) == len(large.captured_queries)
