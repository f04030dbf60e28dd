"""`isogov report annual --year YYYY [--agency CODE] --format docx|xlsx|pdf --out FILE`: an annual report, as the
page's download gives it, for the whole province (or one agency), from the records as they stood on 31/12."""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from isogov.core import official
from isogov.registry.models import Agency
from isogov.reports.documents import in_vietnamese, report_docx, report_pdf
from isogov.reports.exports import report_xlsx
from isogov.reports.report import agency_report, province_report
from isogov.reports.rules import provisional, year_problem

FORMATS = ("docx", "xlsx", "pdf")


class Command(BaseCommand):
    help = "Write an annual report (the province's to the Ministry, or one agency's) as DOCX, XLSX or PDF."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual"], help="the report: annual")
        parser.add_argument("--year", type=int, required=True, help="the year reported on")
        parser.add_argument("--agency", default="", help="an agency's code: its own report to the lead unit")
        parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
        parser.add_argument("--out", required=True, help="the file to write ('-' for standard output)")

    def handle(self, *args, kind: str, year: int, agency: str, fmt: str, out: str, **options):
        with translation.override("en"):
            if problem := year_problem(year):
                raise CommandError(problem, returncode=2)
        found = None
        if agency:
            found = Agency.objects.select_related("parent", "tier").filter(code=agency).first()
            if found is None:
                raise CommandError(f"No agency has the code {agency!r}.", returncode=2)
        target = None if out == "-" else Path(out)
        if target is not None and not target.parent.is_dir():
            raise CommandError(f"The folder {str(target.parent)!r} does not exist.", returncode=2)
        report = in_vietnamese(lambda: agency_report(agency=found, year=year) if found
                               else province_report(user=None, year=year))
        try:
            content = {"docx": report_docx, "pdf": report_pdf, "xlsx": report_xlsx}[fmt](report)
        except official.PdfUnavailable as exc:
            raise CommandError(exc.message, returncode=1) from exc
        if target is None:
            sys.stdout.buffer.write(content)
            return
        target.write_bytes(content)
        note = " (provisional: the year is not over)" if provisional(year) else ""
        self.stderr.write(f"Wrote {target} ({len(content)} bytes){note}.")
