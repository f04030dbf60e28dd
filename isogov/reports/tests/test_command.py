"""`isogov report annual`: each format written; bad input refused with a message and exit status 2."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext

from isogov.core.tests.libreoffice import require_libreoffice
from isogov.reports.tests import extract, world

pytestmark = pytest.mark.django_db


def _run(*args):
    call_command("report", "annual", *args)


def test_each_format_is_written(province, tmp_path, capsys):
    world.build(province)
    _run("--year", "2020", "--format", "docx", "--out", str(tmp_path / "r.docx"))
    tables = extract.docx_tables((tmp_path / "r.docx").read_bytes())
    assert tables[0][-1][1:] == ["7", "4", "2", "50,0", "1", "25,0", "2", "3"]
    _run("--year", "2020", "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"))
    rows = extract.xlsx_rows((tmp_path / "r.xlsx").read_bytes())
    assert [7, 4, 2, 50, 1, 25, 2, 3] in [r[1:9] for r in rows]
    _run("--year", "2020", "--agency", "842", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx"))
    agency_rows = extract.xlsx_rows((tmp_path / "a.xlsx").read_bytes())
    with translation.override("vi"):  # the files are the province's papers, in Vietnamese
        overdue = gettext("Corrective actions overdue on 31/12")
    assert [overdue, 1] in [r[:2] for r in agency_rows]
    assert "Wrote" in capsys.readouterr().err
    require_libreoffice()
    _run("--year", "2020", "--format", "pdf", "--out", str(tmp_path / "r.pdf"))
    text = extract.pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "104.500.000" in text and "Độc lập - Tự do - Hạnh phúc" in text


def test_this_year_is_written_but_said_provisional(province, tmp_path, capsys):
    _run("--year", str(timezone.localdate().year), "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"))
    assert "provisional" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["--year", "2020", "--agency", "NOPE", "--format", "docx"], "No agency has the code 'NOPE'"),
    (["--year", "2013", "--format", "docx"], "outside the years"),
    (["--year", "3000", "--format", "docx"], "outside the years"),
])
def test_bad_input_is_refused_with_status_2(province, tmp_path, args, message):
    with pytest.raises(CommandError, match=message) as refused:
        _run(*args, "--out", str(tmp_path / "x"))
    assert refused.value.returncode == 2
    assert not (tmp_path / "x").exists()


def test_a_missing_folder_and_a_bad_format_are_refused(province, tmp_path):
    with pytest.raises(CommandError, match="does not exist") as refused:
        _run("--year", "2020", "--format", "xlsx", "--out", str(tmp_path / "no" / "x.xlsx"))
    assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="invalid choice"):
        _run("--year", "2020", "--format", "odt", "--out", str(tmp_path / "x"))
