from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from isogov.accounts import access
from isogov.capa.selectors import year_before
from isogov.core.forms import add_service_errors
from isogov.feedback import selectors, services
from isogov.feedback.forms import ComplaintForm, RespondForm, SurveyForm
from isogov.feedback.models import Complaint, SatisfactionSurvey

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
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "feedback/agency_index.html", {
        "agency": agency, "can_write": can_write, "page": page, "filter_form": found.form,
        "query_string": params.urlencode(), "surveys": selectors.surveys(agency=agency),
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
    form = ComplaintForm(request.POST, agency=agency)
    if form.is_valid():
        try:
            services.complaint_record(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Complaint recorded."))
            return redirect("feedback:agency_index", code=agency.code)
    return render_feedback(request, agency, status=400, bound={"complaint": form})


def _complaint(agency, pk) -> Complaint:
    return get_object_or_404(Complaint.objects.select_related("agency", "nonconformity"), agency=agency, pk=pk)


@login_required
@require_POST
def complaint_respond(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    complaint = _complaint(agency, pk)
    form = RespondForm(request.POST, prefix=f"c{complaint.pk}")
    if form.is_valid():
        try:
            services.complaint_respond(complaint=complaint, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Answer recorded: the complaint is handled."))
            return redirect("feedback:agency_index", code=agency.code)
    if form.non_field_errors():
        messages.error(request, " ".join(form.non_field_errors()))
    return render_feedback(request, agency, status=400, bound={("respond", complaint.pk): form})


@login_required
@require_POST
def complaint_nonconformity(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    complaint = _complaint(agency, pk)
    try:
        nc = services.complaint_open_nonconformity(complaint=complaint, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("feedback:agency_index", code=agency.code)
    messages.success(request, _("Nonconformity #%(n)s opened from the complaint: find its root cause.")
                     % {"n": nc.number})
    return redirect("capa:detail", code=agency.code, pk=nc.pk)


@login_required
@require_POST
def survey_create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = SurveyForm(request.POST, agency=agency)
    if form.is_valid():
        try:
            services.survey_record(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Survey result recorded."))
            return redirect(reverse("feedback:agency_index", args=[agency.code]) + "#surveys")
    return render_feedback(request, agency, status=400, bound={"survey": form})


@login_required
@require_POST
def survey_delete(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    survey = get_object_or_404(SatisfactionSurvey.objects.select_related("agency", "procedure"), agency=agency, pk=pk)
    services.survey_delete(survey=survey, actor=request.user)
    messages.success(request, _("Survey result removed."))
    return redirect("feedback:agency_index", code=agency.code)
