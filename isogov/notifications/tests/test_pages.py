"""The notification page, the top bar's count, the preferences page and the `remind` command."""
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from isogov.accounts import services as accounts
from isogov.audit.models import AuditEvent
from isogov.notifications.models import Notification, Preference, ReminderRun
from isogov.notifications.tests.helpers import day, risk_action, run, with_email

pytestmark = pytest.mark.django_db
INDEX = reverse("notifications:index")


@pytest.fixture
def inbox(province):
    """alice: one reminder (due in 5 days) and one overdue notice, the latter with her head."""
    p = province
    with_email(p.alice, p.alice_head)
    risk_action(p.d842, p.alice, "Việc sắp đến hạn", due=day(5))
    risk_action(p.d842, p.alice, "Việc quá hạn", due=day(-1))
    run(0)
    return p


def _titles(response) -> list[str]:
    return [n.title for n in response.context["page"].object_list]


def test_the_page_lists_unread_first_links_to_the_work_and_marks_read(inbox, as_user):
    p = inbox
    client = as_user(p.alice)
    response = client.get(INDEX)
    assert response.status_code == 200
    notes = list(response.context["page"].object_list)
    assert len(notes) == 2 and all(n.unread for n in notes)
    assert response.context["unread_notifications"] == 2
    html = response.content.decode()
    for note in notes:
        assert f'href="{note.url}"' in html and note.url.startswith("/agencies/842/risks/")
    assert 'data-testid="bell"' in html and '<span class="count"' in html
    older = notes[1]
    response = client.post(reverse("notifications:mark_read", args=[older.pk]))
    assert response.status_code == 302
    response = client.get(INDEX)
    assert [n.pk for n in response.context["page"].object_list][-1] == older.pk
    assert response.context["unread_notifications"] == 1
    client.post(reverse("notifications:mark_all_read"))
    response = client.get(INDEX)
    assert response.context["unread_notifications"] == 0
    assert '<span class="count"' not in response.content.decode()


def test_someone_elses_notification_is_no_notification(inbox, as_user):
    p = inbox
    heads = Notification.objects.get(user=p.alice_head)
    assert as_user(p.bob).post(reverse("notifications:mark_read", args=[heads.pk])).status_code == 404
    assert as_user(p.alice).post(reverse("notifications:mark_read", args=[heads.pk])).status_code == 404
    assert Notification.objects.get(pk=heads.pk).read_at is None
    response = as_user(p.bob).get(INDEX)
    assert list(response.context["page"].object_list) == [] and response.context["unread_notifications"] == 0


def test_the_page_checks_again_what_its_reader_may_read(inbox, as_user):
    """alice moved to 844: her notifications about 842 are neither listed nor counted nor markable."""
    p = inbox
    accounts.user_update(actor=p.admin, user=p.alice, agency=p.d844)
    client = as_user(p.alice)
    response = client.get(INDEX)
    assert list(response.context["page"].object_list) == [] and response.context["unread_notifications"] == 0
    note = Notification.objects.filter(user=p.alice).first()
    assert client.post(reverse("notifications:mark_read", args=[note.pk])).status_code == 404


def test_the_count_costs_one_query_whatever_the_notifications(province, as_user, settings):
    """The top bar's count on a page that has nothing to do with notifications: one query more than without it,
    with one notification or eight."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = province
    client = as_user(p.alice)
    url = reverse("accounts:password_change")  # loads neither the notifications nor alice's agency

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    risk_action(p.d842, p.alice, "Việc 1", due=day(5))
    run(0)
    one = queries()
    for i in range(2, 9):
        risk_action(p.d842, p.alice, f"Việc {i}", due=day(i))
    run(1)
    assert Notification.objects.filter(user=p.alice).count() == 8
    assert queries() == one
    template = settings.TEMPLATES[0]
    processors = [c for c in template["OPTIONS"]["context_processors"] if ".notifications." not in c]
    settings.TEMPLATES = [{**template, "OPTIONS": {**template["OPTIONS"], "context_processors": processors}}]
    assert queries() == one - 1


def test_the_page_in_vietnamese(inbox, as_user, vietnamese):
    client = as_user(inbox.alice)
    client.post(reverse("set_language"), {"language": "vi", "next": INDEX})
    response = client.get(INDEX)
    assert response.status_code == 200 and 'lang="vi"' in response.content.decode()


def test_preferences_are_saved_through_the_service_and_audited(province, as_user):
    p = province
    client = as_user(p.alice)
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["email_due"].value() is True and form["language"].value() == "en"  # the site's language (tests)
    assert "email_escalated" not in form.fields  # escalations go to the programme lead only
    assert "email_escalated" in as_user(p.admin).get(reverse("notifications:preferences")).context["form"].fields
    client = as_user(p.alice)
    response = client.post(reverse("notifications:preferences"), {"language": "vi", "email_overdue": "on",
                                                                   "email_escalated": "on"})
    assert response.status_code == 302
    pref = Preference.objects.get(user=p.alice)
    assert (pref.language, pref.email_due, pref.email_overdue) == ("vi", False, True)
    event = AuditEvent.objects.get(object_type="notifications.preference")
    assert event.actor == p.alice and event.changes["email_due"] is False
    response = client.post(reverse("notifications:preferences"), {"language": "xx"})
    assert response.status_code == 400
    assert Preference.objects.get(user=p.alice).language == "vi"


def test_the_remind_command_runs_the_day(province, capsys):
    p = province
    with_email(p.alice)
    risk_action(p.d842, p.alice, "Việc", due=day(0))
    call_command("remind", "--date", f"{day(0):%d/%m/%Y}")
    assert f"{day(0):%d/%m/%Y}: 1 new notification(s), 0 closed, 1 e-mail digest(s) sent." in capsys.readouterr().out
    call_command("remind", "--date", f"{day(0):%d/%m/%Y}")
    assert "0 new notification(s), 0 closed, 0 e-mail" in capsys.readouterr().out
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("remind", "--date", "2026-01-01")
    with pytest.raises(CommandError, match="1990"):  # a year-1 day is refused with its reason, not a traceback
        call_command("remind", "--date", "01/01/0001")
    assert not ReminderRun.objects.filter(date__year=1).exists()
