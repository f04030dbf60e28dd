import pytest
from django.urls import reverse

from isogov.documents.tests.factories import DocumentFactory
from isogov.search.tests.test_scope import ALICE_DOC, BOB_DOC, world  # noqa: F401

pytestmark = pytest.mark.django_db
URL = reverse("search:results")


def test_the_results_page_shows_the_readers_rows_only(world, as_user):
    page = as_user(world.bob).get(URL, {"q": "ket hon"}).content.decode()
    assert BOB_DOC in page and ALICE_DOC not in page
    assert "Đăng ký kết hôn" in page  # the catalogue's procedure
    assert 'href="/agencies/844/documents/' in page


def test_the_top_bar_has_the_box_and_an_empty_query_lists_nothing(world, as_user):
    page = as_user(world.bob).get(URL).content.decode()
    assert 'data-testid="topsearch"' in page and 'data-testid="search-results"' not in page


def test_odd_input_is_no_error(world, as_user):
    client = as_user(world.bob)
    for params in ({"q": "ket\x00hon", "page": "x"}, {"q": "\"*(", "kind": "nothing"}, {"q": "ket", "page": "999"},
                   {"q": "a" * 5000}, {"q": "NEAR OR AND -"}):
        assert client.get(URL, params).status_code == 200


def test_an_anonymous_reader_is_sent_to_log_in(client):
    assert client.get(URL, {"q": "ket hon"}).status_code == 302


@pytest.mark.parametrize("extra", [0, 25])
def test_the_page_costs_the_same_queries_however_many_match(world, as_user, django_assert_max_num_queries, extra):
    for n in range(extra):
        DocumentFactory(agency=world.d844, actor=world.bob, code=f"BM-{n}", title=f"Kết hôn biểu mẫu {n}")
    client = as_user(world.bob)
    client.get(URL, {"q": "ket hon"})  # the session and the top bar's caches
    with django_assert_max_num_queries(QUERIES):
        client.get(URL, {"q": "ket hon"})


# session, user, agency (scope), counts per kind, title hits' count, the page's title hits, then its other hits
# when the title hits do not fill it, the page's rows, the top bar's unread count
QUERIES = 9
