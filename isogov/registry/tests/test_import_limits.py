"""Hostile or oversized import files are refused before they are parsed, on every way in.

The bombs here are small (a few MiB inflated, with the limit lowered to match) so that the unfixed code,
which parsed them, stays quick; isogov/core/tests and bench/xlsx_bomb.py use real ones.
"""
import io
import tracemalloc
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from isogov.core.tests import zip_bombs
from isogov.registry.importing import preview_import
from isogov.registry.io_read import UnreadableFile, read_table
from isogov.registry.tests.import_helpers import HEADER, csv_bytes, registry_state, run, write, xlsx_bytes

pytestmark = pytest.mark.django_db
URL = reverse("registry:agency_import")


@pytest.fixture
def small_limits(settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_UNCOMPRESSED_BYTES": 1 << 20}


def bomb():
    return zip_bombs.xlsx_bomb(4 << 20)


def test_preview_refuses_a_bomb_before_parsing_it(province, small_limits):
    plan = preview_import(data=bomb(), filename="don-vi.xlsx")
    assert [str(e) for e in plan.errors] == [
        "This file unpacks to 4,0\xa0MB, more than the 1,0\xa0MB allowed: it is refused."]


def test_the_upload_page_refuses_a_bomb_and_keeps_nothing(province, as_user, small_limits, media_storage):
    before = registry_state()
    response = as_user(province.admin).post(URL, {"file": SimpleUploadedFile("don-vi.xlsx", bomb())})
    assert response.status_code == 200 and "unpacks to 4,0\xa0MB" in response.content.decode()
    assert registry_state() == before and not [p for p in media_storage.rglob("*") if p.is_file()]


def test_the_cli_refuses_a_bomb(province, tmp_path, small_limits):
    before = registry_state()
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import-agencies", str(write(tmp_path, "don-vi.xlsx", bomb())), stderr=err)
    assert "unpacks to 4,0\xa0MB" in err.getvalue() and registry_state() == before


def test_the_cli_refuses_a_file_over_the_size_limit_without_reading_it(province, tmp_path, settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_BYTES": 1000}
    path = write(tmp_path, "don-vi.csv", csv_bytes([["30001", "Xã Hòa Thuận", "Cấp xã"] + [""] * 6] * 40))
    with pytest.raises(CommandError, match="the limit is 1000"):
        run("import-agencies", path)


def test_a_million_row_csv_stops_at_the_row_limit(db):
    # About 8 MB, under the upload limit; reading it whole took over a gigabyte.
    data = csv_bytes([["1", "a", "b"]] * 1_000_000, header=HEADER[:3])
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile, match="more than 100.000 data rows"):
            read_table(data=data, filename="a.csv")
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024


def test_the_row_limit_is_a_setting_and_blank_rows_do_not_count(db, settings):
    settings.ISOGOV = {**settings.ISOGOV, "IMPORT_MAX_ROWS": 3}
    rows = [["30001", "Xã A", "Cấp xã"], [""] * 3, [""] * 3, ["30002", "Xã B", "Cấp xã"], ["30003", "Xã C", "Cấp xã"]]
    assert len(read_table(data=csv_bytes(rows, header=HEADER[:3]), filename="a.csv").rows) == 3
    for data, name in ((csv_bytes(rows * 2, header=HEADER[:3]), "a.csv"), (xlsx_bytes(rows * 2, HEADER[:3]), "a.xlsx")):
        with pytest.raises(UnreadableFile, match="more than 3 data rows"):
            read_table(data=data, filename=name)


def test_a_formula_without_a_computed_value_is_reported_as_such(province):
    # Files written by programs (and openpyxl) keep the formula but no result; Excel computes it on saving.
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", *HEADER[:3]])
    sheet.append(["=ROW()-1", "30001", '="Xã "&"Hòa Thuận"', "Cấp xã"])
    sheet.append(["=ROW()-1", "30002", "Xã Tân Lộc", "=B2"])
    out = io.BytesIO()
    book.save(out)
    plan = preview_import(data=out.getvalue(), filename="a.xlsx")
    messages = [str(e) for e in plan.errors]
    assert len(messages) == 1 and "A value is required" not in messages[0]
    assert ("formula without a computed value: row 2, column “Tên đơn vị”; row 3, column “Cấp”. "
            "Open the file in Excel or LibreOffice, save it and upload it again.") in messages[0]


def test_a_request_body_over_the_upload_limit_is_refused_before_it_is_read(province, as_user, settings):
    settings.ISOGOV = {**settings.ISOGOV, "UPLOAD_MAX_REQUEST_BYTES": 5000}
    client = as_user(province.admin)
    before = registry_state()
    with mock.patch("isogov.registry.views_io.preview_import") as preview:
        response = client.post(URL, {"file": SimpleUploadedFile("a.csv", b"x" * 6000)})
        assert response.status_code == 413 and not preview.called
        assert "the limit is 4,9\xa0KB" in response.content.decode()
        # What the client claims is enough: a 10 GB body is never read.
        response = client.post(URL, {"file": SimpleUploadedFile("a.csv", b"x")}, CONTENT_LENGTH=str(10 << 30))
        assert response.status_code == 413 and not preview.called
    assert client.post(URL, {"file": SimpleUploadedFile("a.csv", b"x" * 100)}).status_code == 200
    assert registry_state() == before
