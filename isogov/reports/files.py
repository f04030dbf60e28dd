"""The annual reports as files (DOCX, XLSX, PDF), for the page's download (a background job) and a direct GET.

Each builder asks the access helper itself, so the job checks the requester again when it runs. The file is built
in Vietnamese whatever the reader's language: it is the province's paper.
"""
from django.http import Http404

from isogov.accounts import access
from isogov.jobs import files
from isogov.reports.documents import in_vietnamese, report_docx, report_pdf
from isogov.reports.exports import report_xlsx
from isogov.reports.report import Report, agency_report, province_report
from isogov.reports.rules import year_problem

FORMATS = ("docx", "xlsx", "pdf")
PROVINCE, AGENCY = "reports.province", "reports.agency"


def checked(year: int, fmt: str) -> tuple[int, str]:
    if year_problem(year):
        raise Http404("No report for this year")
    if fmt not in FORMATS:
        raise Http404("No such format")
    return year, fmt


def _file(report: Report, fmt: str) -> tuple[str, bytes]:
    name = f"bao-cao-iso-{report.year}" + (f"-{report.agency.code}" if report.agency else "")
    return f"{name}.{fmt}", {"docx": report_docx, "xlsx": report_xlsx, "pdf": report_pdf}[fmt](report)


def province_file(*, user, params: dict) -> tuple[str, bytes]:
    access.access_province_report(user)
    year, fmt = checked(int(params["year"]), params["format"])
    return _file(in_vietnamese(lambda: province_report(user=user, year=year)), fmt)


def agency_file(*, user, params: dict) -> tuple[str, bytes]:
    agency = access.access_agency_report(user, params["code"])
    year, fmt = checked(int(params["year"]), params["format"])
    return _file(in_vietnamese(lambda: agency_report(agency=agency, year=year)), fmt)


def register() -> None:
    files.register(PROVINCE, province_file)
    files.register(AGENCY, agency_file)
