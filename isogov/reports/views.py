"""The annual reports' pages: the figures as they stood on 31 December, the downloads (DOCX, XLSX, PDF) and the
text people write (difficulties, proposals, remarks). Every page asks one access helper first."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from isogov.accounts import access
from isogov.core import official
from isogov.core.replica import reads_from_replica
from isogov.core.writeflow import go, write
from isogov.jobs import files
from isogov.reports import selectors, services
from isogov.reports.files import AGENCY, PROVINCE, checked
from isogov.reports.forms import AnnualTextForm
from isogov.reports.models import AnnualText
from isogov.reports.report import Report, agency_report, province_report
from isogov.reports.rules import FIRST_YEAR, last_year_allowed, year_problem


def _year(year: int) -> int:
    if year_problem(year):
        raise Http404("No report for this year")
    return year


def _years() -> list[int]:
    return list(range(last_year_allowed(), FIRST_YEAR - 1, -1))


def _last_over() -> int:
    return max(FIRST_YEAR, timezone.localdate().year - 1)


@login_required
@require_safe
def index(request):
    """The last year over, the first one officials look for."""
    access.access_province_report(request.user)
    return redirect("reports:province", year=_last_over())


@login_required
@require_safe
def agency_index(request, code: str):
    found = access.access_agency_report(request.user, code)
    return redirect("reports:agency", year=_last_over(), code=found.code)


def _page(request, report: Report, *, can_edit: bool, edit_url: str, status: int = 200):
    return render(request, "reports/report.html", {"report": report, "can_edit": can_edit, "edit_url": edit_url,
                                                   "years": _years()}, status=status)


@login_required
@require_safe
@reads_from_replica
def province(request, year: int):
    access.access_province_report(request.user)
    report = province_report(user=request.user, year=_year(year))
    return _page(request, report, can_edit=access.can_manage_programme(request.user),
                 edit_url=reverse("reports:province_text", args=[year]))


@login_required
@require_safe
@reads_from_replica
def agency(request, year: int, code: str):
    found = access.access_agency_report(request.user, code)
    report = agency_report(agency=found, year=_year(year))
    return _page(request, report, can_edit=access.can_write_agency(request.user, found),
                 edit_url=reverse("reports:agency_text", args=[year, found.code]))


def _file(request, build: str, params: dict, *, title: str, agency=None) -> HttpResponse:
    checked(int(params["year"]), params["format"])
    try:
        return files.download(request, build, params=params, title=title, agency=agency)
    except official.PdfUnavailable as exc:  # a GET only: the job says so on its page
        docx_url = (reverse("reports:agency_file", args=[params["year"], params["code"], "docx"]) if agency
                    else reverse("reports:province_file", args=[params["year"], "docx"]))
        return render(request, "pdf_unavailable.html", {"message": exc.message, "docx_url": docx_url}, status=503)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def province_file(request, year: int, fmt: str):
    access.access_province_report(request.user)
    return _file(request, PROVINCE, {"year": year, "format": fmt},
                 title=_("Annual report %(year)s (%(format)s)") % {"year": year, "format": fmt.upper()})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agency_file(request, year: int, code: str, fmt: str):
    found = access.access_agency_report(request.user, code)
    return _file(request, AGENCY, {"year": year, "code": found.code, "format": fmt}, agency=found,
                 title=_("Annual report %(year)s, %(agency)s (%(format)s)")
                 % {"year": year, "agency": found.name, "format": fmt.upper()})


def _edit(request, year: int, agency, back: str):
    text = selectors.annual_text(year=year, agency=agency)
    form = AnnualTextForm(request.POST or None, instance=text or AnnualText(year=year, agency=agency))
    return write(request, form,
                 service=lambda data: services.text_save(actor=request.user, year=year, agency=agency, **data),
                 success=lambda _text: go(request, back), message=_("The report's text was saved."),
                 template="reports/text_form.html",
                 context={"year": year, "agency": agency, "back": back})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def province_text(request, year: int):
    access.access_province_report(request.user, write=True)
    return _edit(request, _year(year), None, reverse("reports:province", args=[year]))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agency_text(request, year: int, code: str):
    found = access.access_agency_report(request.user, code, write=True)
    return _edit(request, _year(year), found, reverse("reports:agency", args=[year, found.code]))
