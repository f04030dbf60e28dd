from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from isogov.accounts import access
from isogov.capa.selectors import year_before
from isogov.core.writeflow import go, write
from isogov.feedback import selectors, services
from isogov.feedback.forms import ComplaintForm, RespondForm, SurveyForm

CHART = {"bar": 44, "gap": 16, "height": 120, "top": 18}


def _chart(rows: list[dict]) -> dict:
    """Bar geometry for the inline SVG: one bar per quarter, its height the satisfaction rate."""
    step = CHART["bar"] + CHART["gap"]
    bars = []
    for i, row in enumerate(rows):
        h = round(CHART["height"] * (row["rate"] or 0) / 100)
        bars.append({**row, "x": CHART["gap"] + i * step, "h": h, "y": CHART["top"] + CHART["height"] - h})
    return {"bars": bars, "width": CHART["gap"] + len(rows) * step, "base": CHART["top"] + CHART["height"],
            "height": CHART["top"] + CHART["height"] + 22, "bar": CHART["bar"], "top": CHART["top"]}


def render_feedback(request, agency, *, status: int = 200, bound: dict | None = None):
    """The feedback page; a refused form comes back in `bound` so nothing typed is lost."""
    bound = bound or {}
    today = timezone.localdate()
    can_write = access.can_write_agency(request.user, agency)
    found = selectors.complaints(agency=agency, data=request.GET)
    page = Paginator(found.qs, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    for complaint in page:
        complaint.respond_form = bound.get(("respond", complaint.pk)) or RespondForm(
            prefix=f"c{complaint.pk}", initial={"responded_on": today})
    since = year_before(today)
    return render(request, "feedback/agency_index.html", {
        "agency": agency, "can_write": can_write, "page": page, "filter_form": found.form,
        "surveys": selectors.surveys(agency=agency),
        "satisfaction": selectors.satisfaction_summary(agency=agency, since=since),
        "complaint_counts": selectors.complaints_summary(agency=agency, since=since),
        "chart": _chart(selectors.quarterly_rates(agency=agency, today=today)),
        "complaint_form": bound.get("complaint") or ComplaintForm(agency=agency, initial={"received_on": today}),
        "survey_form": bound.get("survey") or SurveyForm(agency=agency),
    }, status=status)


@login_required
@require_safe
def agency_index(request, code):
    return render_feedback(request, access.access_agency(request.user, code))


@login_required
@require_POST
def complaint_create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    return write(
        request, ComplaintForm(request.POST, agency=agency),
        service=lambda data: services.complaint_record(agency=agency, actor=request.user, **data),
        success=lambda _result: go(request, "feedback:agency_index", code=agency.code),
        refused=lambda form, status: render_feedback(request, agency, status=status, bound={"complaint": form}),
        message=_("Complaint recorded."),
    )


@login_required
@require_POST
def complaint_respond(request, code, pk):
    complaint = access.access_complaint(request.user, code, pk, write=True)
    agency = complaint.agency

    def refused(form, status):
        if form.non_field_errors():  # the row's small form has no place for them: they go to the page's messages
            messages.error(request, " ".join(form.non_field_errors()))
        return render_feedback(request, agency, status=status, bound={("respond", complaint.pk): form})

    return write(
        request, RespondForm(request.POST, prefix=f"c{complaint.pk}", instance=complaint),
        service=lambda data: services.complaint_respond(complaint=complaint, actor=request.user, **data),
        success=lambda _result: go(request, "feedback:agency_index", code=agency.code), refused=refused,
        message=_("Answer recorded: the complaint is handled."),
    )


@login_required
@require_POST
def complaint_nonconformity(request, code, pk):
    complaint = access.access_complaint(request.user, code, pk, write=True)
    agency = complaint.agency

    def opened(nc):
        messages.success(request, _("Nonconformity #%(n)s opened from the complaint: find its root cause.")
                         % {"n": nc.number})
        return go(request, "capa:detail", code=agency.code, pk=nc.pk)

    return write(request, None,
                 service=lambda _data: services.complaint_open_nonconformity(complaint=complaint, actor=request.user),
                 success=opened, refused=lambda *_: go(request, "feedback:agency_index", code=agency.code))


@login_required
@require_POST
def survey_create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    return write(
        request, SurveyForm(request.POST, agency=agency),
        service=lambda data: services.survey_record(agency=agency, actor=request.user, **data),
        success=lambda _result: go(request, reverse("feedback:agency_index", args=[agency.code]) + "#surveys"),
        refused=lambda form, status: render_feedback(request, agency, status=status, bound={"survey": form}),
        message=_("Survey result recorded."),
    )


@login_required
@require_POST
def survey_delete(request, code, pk):
    survey = access.access_survey(request.user, code, pk, write=True)

    def back(*_):  # the feedback page, whatever the outcome
        return go(request, "feedback:agency_index", code=survey.agency.code)

    return write(request, None, service=lambda _data: services.survey_delete(survey=survey, actor=request.user),
                 success=back, refused=back, message=_("Survey result removed."))
