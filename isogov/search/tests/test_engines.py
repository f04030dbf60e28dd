"""Each database's own index: the FTS5 table on SQLite, the tsvector column with unaccent on PostgreSQL. The PG tests
run in .ci/run's PostgreSQL suite; each engine's tests skip on the other database."""
import pytest
from django.core.management import call_command
from django.db import connection

from isogov.documents.tests.factories import DocumentFactory
from isogov.search import extract, services
from isogov.search.models import SearchEntry
from isogov.search.tests.helpers import docx_upload, titles

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="the tsvector column is filled on PostgreSQL only (.ci/run's suite)")


def _fts_ids(match: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match])
        return {row[0] for row in cursor.fetchall()}


@sqlite_only
def test_the_fts5_table_follows_the_entries_through_its_triggers(db):
    entry = SearchEntry.objects.create(kind="test", object_id=1, title="x", title_folded="dang ky ket hon", url="/")
    assert _fts_ids('"ket" "hon"') == {entry.pk}
    entry.title_folded = "khai sinh"
    entry.save()
    assert _fts_ids('"ket"') == set() and _fts_ids('"khai"') == {entry.pk}
    entry.delete()
    assert _fts_ids('"khai"') == set()
    with connection.cursor() as cursor:  # the external-content table agrees with its content table
        cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")


@postgresql_only
def test_the_vector_is_filled_weighted_and_unaccented_by_the_database(db):
    # written straight into the table with its diacritics: the trigger's unaccent folds them
    entry = SearchEntry.objects.create(kind="test", object_id=1, title="x", title_folded="kết hôn",
                                       body_folded="quy trình", url="/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_searchentry WHERE id = %s", [entry.pk])
        assert cursor.fetchone()[0] == "'hon':2A 'ket':1A 'quy':3B 'trinh':4B"
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'")
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'")
        assert "gin (vector)" in cursor.fetchone()[0]


def test_reindex_rebuilds_the_same_index_without_reading_files_again(province, monkeypatch):
    p = province
    DocumentFactory(agency=p.d844, actor=p.bob, code="QT-HT", title="Quy trình hộ tịch",
                    file=docx_upload("Đăng ký kết hôn tại một cửa"))
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_folded", "body_folded", "url"))

    def no_reading(*args):
        raise AssertionError("an unchanged file is read again")

    monkeypatch.setattr(extract, "text_of", no_reading)
    counts = services.reindex()
    assert counts["document"] == 1 and counts["agency"] == 7 and counts["person"] == 7
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_folded", "body_folded", "url"))
    assert after == before
    assert titles(p.bob, "ket hon") == ["Quy trình hộ tịch"]


def test_the_reindex_command_names_the_kinds(province, capsys):
    SearchEntry.objects.filter(kind="agency").delete()
    call_command("reindex", "agency")
    assert "agency: 7" in capsys.readouterr().out
    assert sorted(titles(province.admin, "cang long", kind="agency")) == ["Huyện Càng Long", "Thị trấn Càng Long"]
