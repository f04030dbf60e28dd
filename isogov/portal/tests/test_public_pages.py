"""Every public page, generated from the portal's URL patterns, requested by an anonymous visitor against the
route walk's world (core/tests/world.py: two districts' every ISO record, each marked MARK842 / MARK844) with
more private records on top: a draft and a withdrawn news item, an agency that never announced, an announced
agency that was merged away, contacts, people and e-mails. None of them may appear in any answer.

The only marked text that is public is the announced decisions' numbers ("15/QĐ-MARK844"): they are taken out
of each answer before it is searched.
"""
import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from isogov.accounts.models import User
from isogov.core.tests.files import pdf
from isogov.core.tests.world import media_storage, world, world_media  # noqa: F401 (fixtures)
from isogov.portal import services
from isogov.portal.tests.factories import NewsFactory
from isogov.qms.tests.helpers import announce, walk_to_confirmed
from isogov.registry.models import AgencyKind
from isogov.registry.services import agency_create, agency_merge, agency_update

pytestmark = pytest.mark.django_db
BROWSER = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
PRIVATE = ["MARK", "DRAFTNEWS", "WITHDRAWNNEWS", "UNANNOUNCED", "WITHDRAWNDECISION", "MERGEDAWAY",
           "secret-contact@example.vn", "0294-3855-111", "Thư ký Bí Mật", "private.person@example.vn",
           "Nguyễn Văn Bình",  # the decisions' signer: a person, not shown
           "alice", "bob_head"]


@pytest.fixture
def private(world):
    """The world plus what must stay private; returns the objects the walk asks for."""
    lead, bob = world.lead, world.bob
    p = type("Private", (), {})()
    p.published = NewsFactory(actor=lead, title="Hội nghị triển khai", attachment=pdf("giay-moi.pdf"), publish=True)
    p.draft = NewsFactory(actor=lead, title="DRAFTNEWS kế hoạch chưa duyệt", body="DRAFTNEWS nội dung")
    withdrawn = NewsFactory(actor=lead, title="WITHDRAWNNEWS tin đã gỡ", attachment=pdf("rieng.pdf"), publish=True)
    p.withdrawn = services.news_unpublish(actor=lead, news=withdrawn)
    tier = world.d844.tier
    p.unannounced = agency_create(actor=lead, code="UNANN", name="Huyện UNANNOUNCED", tier=tier,
                                  kind=AgencyKind.DISTRICT_COMMITTEE, iso_secretary="Thư ký Bí Mật")
    walk_to_confirmed(p.unannounced, secretary=lead, head=lead)
    p.merged = agency_create(actor=lead, code="MRG", name="Huyện MERGEDAWAY", tier=tier,
                             kind=AgencyKind.DISTRICT_COMMITTEE, iso_secretary="Thư ký Bí Mật")
    walk_to_confirmed(p.merged, secretary=lead, head=lead)
    p.merged_announcement = announce(p.merged, lead, number="7/QĐ-WITHDRAWNDECISION")
    agency_merge(actor=lead, agency=p.merged, into=world.d842, effective_date=timezone.localdate())
    # The announced agencies' contacts and secretary, and the people's e-mails, are not public.
    agency_update(actor=lead, agency=world.d844, email="secret-contact@example.vn", phone="0294-3855-111",
                  iso_secretary="Thư ký Bí Mật")
    User.objects.filter(pk=bob.pk).update(email="private.person@example.vn")
    return p


def public_routes() -> dict[str, str]:
    """Every route of the "public" namespace: name → pattern."""
    found = {}

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and namespace == "public:":
                found[f"public:{p.name}"] = str(p.pattern)

    walk(get_resolver().url_patterns)
    return found


def _announced(w, code):
    return getattr(w, f"d{code}").announcements.order_by("-decision_date", "-id").first()


# Each public route, with the arguments it is walked with: the public objects, and the private ones (404).
WALK = {
    "public:robots": lambda w, p: [{}],
    "public:home": lambda w, p: [{}],
    "public:agency_list": lambda w, p: [{}],
    "public:agency_detail": lambda w, p: [{"code": "842"}, {"code": "844"}, {"code": "UNANN"}, {"code": "MRG"},
                                          {"code": "SKHCN"}],
    "public:announcement_file": lambda w, p: [
        {"code": "844", "pk": _announced(w, "844").pk}, {"code": "MRG", "pk": p.merged_announcement.pk},
        {"code": "842", "pk": _announced(w, "844").pk}],
    "public:news_list": lambda w, p: [{}],
    "public:news_detail": lambda w, p: [{"pk": p.published.pk}, {"pk": p.draft.pk}, {"pk": p.withdrawn.pk}],
    "public:news_attachment": lambda w, p: [{"pk": p.published.pk}, {"pk": p.withdrawn.pk}],
}
# "huyen" finds every "Huyện …" agency, the private ones included, without the search echoing their names.
QUERIES = {"public:agency_list": ["", "?q=huyen", "?q=Huy%E1%BB%87n", "?tier=district", "?page=2",
                                  "?kind=ubnd_huyen&q=huyen"],
           "public:news_list": ["", "?page=2", "?page=x"]}
# What an anonymous visitor must get (200 for the public objects, 404 for the private ones).
EXPECTED_404 = {("public:agency_detail", "UNANN"), ("public:agency_detail", "MRG"),
                ("public:agency_detail", "SKHCN")}


def test_every_public_route_is_walked():
    assert set(public_routes()) == set(WALK), "say in WALK how to walk the new public route"


def _searchable(text: str, world) -> str:
    for code in ("842", "844"):
        text = text.replace(_announced(world, code).decision_number, "")
    return text


def test_no_private_record_reaches_any_public_page(world, private, media_storage):
    client = Client()
    seen = {}
    for name, cases in WALK.items():
        for kwargs in cases(world, private):
            for query in QUERIES.get(name, [""]):
                url = reverse(name, kwargs=kwargs) + query
                response = client.get(url, headers=BROWSER)
                content = b"".join(response.streaming_content) if response.streaming else response.content
                seen[url] = response.status_code
                text = _searchable(content.decode("utf-8", "replace"), world)
                leaks = [m for m in PRIVATE if re.search(re.escape(m), text, re.IGNORECASE)]
                assert not leaks, (url, leaks)
                assert response.status_code < 500, url
    # The public objects were shown, the private ones were answered 404: the walk reached real pages.
    public = {reverse("public:agency_detail", args=["844"]), reverse("public:agency_detail", args=["842"]),
              reverse("public:news_detail", args=[private.published.pk]),
              reverse("public:news_attachment", args=[private.published.pk]),
              reverse("public:announcement_file", args=["844", _announced(world, "844").pk])}
    hidden = {reverse("public:agency_detail", args=["UNANN"]), reverse("public:agency_detail", args=["MRG"]),
              reverse("public:news_detail", args=[private.draft.pk]),
              reverse("public:news_detail", args=[private.withdrawn.pk]),
              reverse("public:news_attachment", args=[private.withdrawn.pk]),
              reverse("public:announcement_file", args=["MRG", private.merged_announcement.pk]),
              reverse("public:announcement_file", args=["842", _announced(world, "844").pk])}
    assert {u: seen[u] for u in public} == dict.fromkeys(public, 200)
    assert {u: seen[u] for u in hidden} == dict.fromkeys(hidden, 404)


def test_what_an_announced_agency_shows(world, private):
    client = Client()
    page = client.get(reverse("public:agency_detail", args=["844"]), headers=BROWSER)
    text = page.content.decode()
    announcement = _announced(world, "844")
    assert announcement.decision_number in text
    assert announcement.decision_date.strftime("%d/%m/%Y") in text
    assert world.foreign.procedure.code in text and world.foreign.procedure.name in text
    assert reverse("public:announcement_file", args=["844", announcement.pk]) in text
    listing = client.get(reverse("public:agency_list"), headers=BROWSER).content.decode()
    assert "Huyện Càng Long" in listing and "Thành phố Trà Vinh" in listing
    assert page["Cache-Control"] in ("max-age=60, private", "private, max-age=60")
    assert "login" not in page.get("Location", "")


def test_the_home_lists_the_newest_news_first_and_robots_may_read_only_the_portal(world, private):
    client = Client()
    later = NewsFactory(actor=world.lead, title="Tin mới nhất", publish=True)
    assert later.published_at >= private.published.published_at - dt.timedelta(seconds=1)
    text = client.get(reverse("public:news_list"), headers=BROWSER).content.decode()
    assert text.index("Tin mới nhất") < text.index("Hội nghị triển khai")
    robots = client.get("/robots.txt").content.decode()
    assert "Allow: /public/" in robots and "Disallow: /" in robots
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("public:home") in login_page
