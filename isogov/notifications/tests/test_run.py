"""The daily run across several days with a moving clock: a reminder once, each escalation once, nothing after
the item is closed; one digest a person; nothing about an agency the person may not read."""
import pytest
from django.core import mail

from isogov.accounts import services as accounts
from isogov.notifications import services
from isogov.notifications.models import Level, MailState, Notification
from isogov.notifications.tests.helpers import day, recipients, risk_action, run, who, with_email
from isogov.risks import services as risks

pytestmark = pytest.mark.django_db
DUE_, OVERDUE, ESCALATED = Level.DUE.value, Level.OVERDUE.value, Level.ESCALATED.value


@pytest.fixture
def people(province):
    p = province
    with_email(p.alice, p.alice_head, p.bob, p.charlie, p.admin)
    # This year's annual report of the province (due 31 December) is signed: the runs here follow the duties the
    # tests make, not the calendar's (next year's falls due beyond the days they run).
    from isogov.reports import services as reports

    reports.text_save(actor=p.admin, year=day(-60).year, agency=None, signed_on=day(-60))
    return p


def test_reminded_once_escalated_once_at_each_level_and_silent_once_closed(people):
    p = people
    action = risk_action(p.d842, p.alice, "Cập nhật quy trình tiếp nhận hồ sơ")  # due DUE, lead time 30 days
    assert run(-31) == ([], [])  # 31 days ahead: not yet
    sent, notes = run(-30)  # the lead time starts: the secretary, whose role acts on a risk action
    assert who(notes) == [("alice", DUE_)]
    assert recipients(sent) == ["alice@travinh.gov.vn"]
    assert "Cập nhật quy trình tiếp nhận hồ sơ" in sent[0].body
    for offset in (-29, -1, 0):  # still reminded, not again; due today is not overdue
        assert run(offset) == ([], [])
    sent, notes = run(1)  # overdue: the secretary and the agency's head
    assert who(notes) == [("alice", OVERDUE), ("alice_head", OVERDUE)]
    assert recipients(sent) == ["alice@travinh.gov.vn", "alice_head@travinh.gov.vn"]
    assert run(2) == ([], []) and run(14) == ([], [])  # 14 days overdue: not yet escalated (REMINDER_ESCALATION_DAYS)
    sent, notes = run(15)  # more than 14 days overdue: the programme lead
    assert who(notes) == [("lead", ESCALATED)]
    assert recipients(sent) == ["lead@travinh.gov.vn"]
    assert run(16) == ([], [])

    risks.action_set_done(action=action, actor=p.alice, done=True)
    assert run(17) == ([], [])
    assert Notification.objects.filter(key=f"risks.action:{action.pk}").count() == 4
    assert not Notification.objects.filter(closed_on=None).exists()  # all four closed on day 17
    assert set(Notification.objects.values_list("closed_on", flat=True)) == {day(17)}
    assert run(40) == ([], [])
    bob_or_charlie = Notification.objects.filter(user__in=[p.bob, p.charlie, p.inspector, p.viewer])
    assert not bob_or_charlie.exists()


def test_a_second_run_the_same_day_adds_and_mails_nothing(people):
    p = people
    risk_action(p.d842, p.alice, "Rà soát biểu mẫu")
    sent, notes = run(-10)
    assert len(sent) == 1 and len(notes) == 1
    again = services.run_reminders(today=day(-10))
    assert (again.notifications, again.emails) == (0, 0)
    assert len(mail.outbox) == 1


def test_the_digest_groups_a_persons_items_in_one_mail_with_links(people, settings):
    p = people
    settings.ISOGOV = {**settings.ISOGOV, "SITE_URL": "https://iso.travinh.gov.vn/"}
    first = risk_action(p.d842, p.alice, "Lập kế hoạch đào tạo", due=day(0))
    second = risk_action(p.d842, p.alice, "Cập nhật danh mục tài liệu", due=day(10))
    risk_action(p.d844, p.bob, "Kiểm tra hồ sơ một cửa", due=day(5))
    sent, notes = run(-5)
    assert len(notes) == 3
    assert recipients(sent) == ["alice@travinh.gov.vn", "bob@travinh.gov.vn"]
    alice = next(m for m in sent if m.to == ["alice@travinh.gov.vn"])
    url = f"https://iso.travinh.gov.vn/agencies/842/risks/{first.risk_id}/"
    assert "Lập kế hoạch đào tạo" in alice.body and "Cập nhật danh mục tài liệu" in alice.body
    assert url in alice.body and f"/risks/{second.risk_id}/" in alice.body
    assert "Kiểm tra hồ sơ một cửa" not in alice.body  # bob's (844): not alice's
    html = alice.alternatives[0]
    assert html.mimetype == "text/html" and f'href="{url}"' in html.content
    assert "2 items" in alice.subject
    assert "https://iso.travinh.gov.vn/notifications/" in alice.body


def test_a_long_digest_lists_the_most_urgent_and_counts_the_rest(people, monkeypatch):
    from isogov.notifications import mail as digest

    p = people
    monkeypatch.setattr(digest, "DIGEST_ITEMS", 1)
    risk_action(p.d842, p.alice, "Việc còn hạn", due=day(10))
    risk_action(p.d842, p.alice, "Việc quá hạn", due=day(-3))
    sent, _notes = run(0)
    alice = next(m for m in sent if m.to == ["alice@travinh.gov.vn"])
    assert "2 items" in alice.subject
    assert "Việc quá hạn" in alice.body and "Việc còn hạn" not in alice.body  # the overdue one first
    assert "… and 1 more, on the notification page." in alice.body


def test_no_item_of_an_agency_the_person_may_not_read(people):
    """bob and charlie, secretaries of other agencies, are never told of 842's items; an account moved to 844
    before its digest went out is not mailed 842's item, nor shown it."""
    p = people
    risk_action(p.d842, p.alice, "Việc của 842")
    risk_action(p.d844, p.bob, "Việc của 844")
    failing = mail.outbox  # the mail server is down on the first day: the rows wait for the next digest
    broken = pytest.MonkeyPatch()
    broken.setattr(mail.EmailMessage, "send", lambda self, fail_silently=False: (_ for _ in ()).throw(OSError))
    try:
        _sent, notes = run(-20)
    finally:
        broken.undo()
    assert who(notes) == [("alice", DUE_), ("bob", DUE_)]
    assert failing == [] and set(Notification.objects.values_list("mail_state", flat=True)) == {MailState.PENDING}
    accounts.user_update(actor=p.admin, user=p.alice, agency=p.d844)  # alice now works for 844
    sent, notes = run(-19)
    assert who(notes) == [("alice", DUE_)]  # as 844's secretary she is now told of 844's item
    assert recipients(sent) == ["alice@travinh.gov.vn", "bob@travinh.gov.vn"]
    for message in sent:
        assert "Việc của 844" in message.body and "Việc của 842" not in message.body
    assert Notification.objects.get(user=p.alice, key__startswith="risks.action", agency=p.d842).mail_state == \
        MailState.DROPPED


def test_the_preference_switches_the_email_off_not_the_notification(people):
    p = people
    services.preference_update(actor=p.alice, user=p.alice, email_due=False)
    risk_action(p.d842, p.alice, "Đánh giá nhà cung cấp")
    sent, notes = run(-3)
    assert who(notes) == [("alice", DUE_)] and sent == []
    assert notes[0].mail_state == MailState.NOT_WANTED
    sent, notes = run(1)  # overdue notices still come by e-mail: only reminders were switched off
    assert recipients(sent) == ["alice@travinh.gov.vn", "alice_head@travinh.gov.vn"]


def test_each_person_is_written_to_in_their_language(people):
    p = people
    services.preference_update(actor=p.alice, user=p.alice, language="vi")
    services.preference_update(actor=p.alice_head, user=p.alice_head, language="en")
    risk_action(p.d842, p.alice, "Báo cáo kết quả")
    sent, _notes = run(1)
    by_address = {m.to[0]: m for m in sent}
    assert "Quá hạn" in by_address["alice@travinh.gov.vn"].body
    assert "Overdue" in by_address["alice_head@travinh.gov.vn"].body
    assert "Quá hạn" not in by_address["alice_head@travinh.gov.vn"].body


def test_a_closed_item_whose_mail_had_not_gone_is_dropped(people):
    p = people
    action = risk_action(p.d842, p.alice, "Sửa quy trình")
    broken = pytest.MonkeyPatch()
    broken.setattr(mail.EmailMessage, "send", lambda self, fail_silently=False: (_ for _ in ()).throw(OSError))
    try:
        run(-2)
    finally:
        broken.undo()
    risks.action_set_done(action=action, actor=p.alice, done=True)
    sent, _notes = run(-1)
    assert sent == []
    note = Notification.objects.get()
    assert (note.mail_state, note.closed_on) == (MailState.DROPPED, day(-1))


def test_an_account_without_address_or_inactive_gets_no_mail(people):
    p = people
    p.alice.email = ""
    p.alice.save(update_fields=["email"])
    accounts.user_set_active(actor=p.admin, user=p.alice_head, active=False)
    risk_action(p.d842, p.alice, "Không có email")
    sent, notes = run(1)
    assert who(notes) == [("alice", OVERDUE)] and sent == []  # the inactive head is not notified at all


def _duties_in(p, agencies, per_agency):
    users = {p.d842: p.alice, p.d844: p.bob, p.stp: p.charlie}
    for agency in agencies:
        for i in range(per_agency):
            risk_action(agency, users[agency], f"Việc {i}", due=day(i % 3 - 1))


# Each area's queries once per language of the site (home.areas: 20 in all, twice), then the run's own: its row,
# the active agencies, the agencies, the users, the insert, the open notifications, the count, the pending rows to
# mail, the run's totals and its audit event, and the savepoints of the two transactions. Then two per digest
# mailed: the claim just before the mail leaves and the mark just after (mail.py: a run killed half way mails nobody
# twice).
QUERIES = 54


@pytest.mark.parametrize("agencies,per_agency,digests", [(1, 1, 2), (3, 4, 4)])
def test_the_run_issues_the_same_queries_whatever_the_duties_and_people(people, agencies, per_agency, digests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = people
    _duties_in(p, [p.d842, p.d844, p.stp][:agencies], per_agency)
    with CaptureQueriesContext(connection) as queries:
        run = services.run_reminders(today=day(0))
    # Each agency's items fall due on day -1, 0, 1, -1: two reminders and two overdue notices. 842: alice and
    # (overdue) its head; 844: bob; Sở Tư pháp: charlie (no heads there). One agency, one item: overdue, two people.
    assert run.emails == digests
    assert run.notifications == (2 if agencies == 1 else (2 + 2 * 2) + 4 + 4)
    assert len(queries) == QUERIES + 2 * digests


def test_rows_another_run_claimed_first_are_not_mailed_by_this_one(people):
    """Two runs at once: each person's rows go to whichever claims them first (mail._claim)."""
    import uuid

    from isogov.notifications import mail as digest

    p = people
    services.preference_update(actor=p.alice, user=p.alice, email_due=False)  # the run below mails nothing
    risk_action(p.d842, p.alice, "Việc một", due=day(1))
    risk_action(p.d842, p.alice, "Việc hai", due=day(2))
    run(0)
    notes = list(Notification.objects.filter(user=p.alice).order_by("pk"))
    Notification.objects.filter(user=p.alice).update(mail_state=MailState.PENDING)
    Notification.objects.filter(pk=notes[0].pk).update(mail_batch=uuid.uuid4())  # the other run was quicker
    batch, mine = digest._claim(notes)
    assert [n.pk for n in mine] == [notes[1].pk]
    assert list(Notification.objects.filter(mail_batch=batch).values_list("pk", flat=True)) == [notes[1].pk]


def test_a_merged_agency_hands_out_nothing_and_its_open_items_close(people):
    """Its duties passed to its successor on its last day: no new reminder, and those already sent are closed."""
    from isogov.registry.models import Agency, AgencyStatus

    p = people
    risk_action(p.d842, p.alice, "Rà soát biểu mẫu")
    sent, notes = run(-10)
    assert who(notes) == [("alice", DUE_)]
    Agency.objects.filter(pk=p.d842.pk).update(status=AgencyStatus.MERGED)
    assert run(1) == ([], [])  # overdue now, but nobody is told of a merged agency
    assert not Notification.objects.filter(closed_on=None).exists()


def test_an_item_opened_again_after_closing_is_reminded_afresh_once(people):
    p = people
    action = risk_action(p.d842, p.alice, "Rà soát biểu mẫu")
    assert who(run(-30)[1]) == [("alice", DUE_)]
    risks.action_set_done(action=action, actor=p.alice, done=True)
    assert run(-20) == ([], [])  # closed: its row is closed, nothing new
    risks.action_set_done(action=action, actor=p.alice, done=False)  # not done after all
    sent, notes = run(-19)
    assert who(notes) == [("alice", DUE_)] and recipients(sent) == ["alice@travinh.gov.vn"]
    assert run(-18) == ([], [])  # and once only
    key = f"risks.action:{action.pk}"
    assert Notification.objects.filter(key=key).count() == 2
    assert Notification.objects.filter(key=key, closed_on=None).count() == 1
