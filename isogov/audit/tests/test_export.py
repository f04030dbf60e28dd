"""CSV export of the filtered trail: same scope as the page, and no cell a spreadsheet would run."""
import csv
import io

import pytest
from django.urls import reverse

from isogov.registry.services import agency_update

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_export_follows_the_filters_and_the_scope(province, as_user):
    agency_update(actor=province.alice, agency=province.d842, iso_secretary="Lê Văn Bảy")
    agency_update(actor=province.admin, agency=province.stp, phone="0294 111")
    rows = _rows(as_user(province.alice).get(reverse("audit:event_export"), {"action": "update"}))
    assert rows[0][:3] == ["Time", "Person", "Action"]
    assert len(rows) == 2
    assert rows[1][1] == "alice" and rows[1][6] == "842"
    assert "ISO secretary: Nguyễn Văn An → Lê Văn Bảy" in rows[1][9]
    rows = _rows(as_user(province.admin).get(reverse("audit:event_export"), {"agency": "STP"}))
    assert {r[6] for r in rows[1:]} == {"STP"}


def test_export_neutralises_formulas(province, as_user):
    agency_update(actor=province.admin, agency=province.d842, iso_secretary="=HYPERLINK(\"http://x\")")
    agency_update(actor=province.admin, agency=province.d844, name="@SUM(A1)", iso_secretary="+1")
    rows = _rows(as_user(province.admin).get(reverse("audit:event_export"), {"action": "update"}))
    cells = [c for r in rows[1:] for c in r]
    assert "'@SUM(A1)" in cells  # the object's name
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells)


def test_export_cells_hold_neither_control_characters_nor_formulas_from_old_events(province, as_user):
    from isogov.audit.models import AuditEvent
    from isogov.core.tests.hostile import csv_rows, hostile, poison

    agency_update(actor=province.admin, agency=province.d842, iso_secretary="Lê Văn Bảy")
    event = AuditEvent.objects.get(action="update")
    poison(event, skip=("object_type",))
    AuditEvent.objects.filter(pk=event.pk).update(changes={"iso_secretary": [hostile("-"), hostile("\t")]})
    poison(province.d842)
    response = as_user(province.admin).get(reverse("audit:event_export"), {"action": "update"})
    assert response.status_code == 200
    rows = csv_rows(b"".join(response.streaming_content).decode("utf-8"))
    assert len(rows) == 2 and "HYPERLINK" in rows[1][4]


def test_the_export_is_streamed_a_chunk_at_a_time_with_a_flat_query_count(province, as_user, monkeypatch):
    """Never the whole trail in memory: the rows are read and sent CSV_CHUNK at a time, each chunk's names in
    bulk, so a longer trail costs more pieces, not more queries (its events refer to nothing to look up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from isogov.audit import presentation

    monkeypatch.setattr(presentation, "CSV_CHUNK", 4)
    client = as_user(province.admin)

    def export() -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("audit:event_export"), {"action": "update"})
            assert response.streaming
            pieces = [piece.decode() for piece in response.streaming_content]
        return pieces, len(queries)

    for n in range(3):
        agency_update(actor=province.admin, agency=province.d842, phone=f"0294 {n}")
    small_pieces, small = export()
    for n in range(3, 30):
        agency_update(actor=province.admin, agency=province.d842, phone=f"0294 {n}")
    pieces, queries = export()
    assert queries == small
    lines = [piece.count("\r\n") for piece in pieces]
    assert len(pieces) > len(small_pieces) and max(lines) <= 1 + 4 and sum(lines) == 1 + 30
    assert len(_rows_of("".join(pieces))) == 1 + 30


def _rows_of(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))
