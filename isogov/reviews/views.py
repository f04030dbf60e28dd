from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.forms import add_service_errors
from isogov.reviews import selectors, services
from isogov.reviews.forms import ActionForm, NotesForm, ReviewForm
from isogov.reviews.minutes import minutes_docx
from isogov.reviews.models import AgendaItem, ReviewAction, ReviewState

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _review(agency, pk):
    review = selectors.review_of(agency=agency, pk=pk)
    if review is None:
        raise Http404("No such review")
    return review


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    today = timezone.localdate()
    context = {
        "agency": agency, "today": today,
        "reviews": selectors.reviews_of(agency=agency, today=today),
        "lifecycle_reviews": selectors.lifecycle_reviews(agency=agency),
        "open_actions": selectors.open_actions(agency=agency),
        "can_write": access.can_write_agency(request.user, agency),
    }
    return render(request, "reviews/agency_index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_plan(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Review planned; its agenda is filled from the agency's records."))
            return redirect("reviews:detail", code=agency.code, pk=review.pk)
    return render(request, "reviews/review_form.html", {"agency": agency, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    review = _review(agency, pk)
    initial = {"date": review.date, "chair": review.chair, "participants": review.participants}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update(review=review, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("reviews:detail", code=agency.code, pk=review.pk)
    return render(request, "reviews/review_form.html", {"agency": agency, "form": form, "review": review},
                  status=400 if form.errors else 200)


def _detail_page(request, agency, review, *, action_form=None, status=200):
    today = timezone.localdate()
    can_write = access.can_write_agency(request.user, agency)
    context = {
        "agency": agency, "review": review, "today": today, "can_write": can_write,
        "editable": can_write and review.state == ReviewState.PLANNED,
        "agenda": selectors.agenda(review=review, today=today),
        "actions": selectors.actions_of(review=review),
        "hold_problems": services.hold_problems(review, today=today) if review.state == ReviewState.PLANNED else [],
        "action_form": action_form or ActionForm(),
    }
    return render(request, "reviews/review_detail.html", context, status=status)


@login_required
@require_safe
def detail(request, code, pk):
    agency = access.access_agency(request.user, code)
    return _detail_page(request, agency, _review(agency, pk))


@login_required
@require_POST
def hold(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    review = _review(agency, pk)
    try:
        services.review_hold(review=review, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The review is recorded as held; the QMS records it as the latest "
                                    "management review."))
    return redirect("reviews:detail", code=agency.code, pk=review.pk)


@login_required
@require_POST
def delete(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    review = _review(agency, pk)
    try:
        services.review_delete(review=review, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reviews:detail", code=agency.code, pk=review.pk)
    messages.success(request, _("Planned review deleted."))
    return redirect("reviews:agency_index", code=agency.code)


@login_required
@require_POST
def agenda_note(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    item = get_object_or_404(AgendaItem.objects.select_related("review__agency"), pk=pk, review__agency=agency)
    form = NotesForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            item = services.agenda_note(item=item, actor=request.user, notes=form.cleaned_data["notes"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.headers.get("HX-Request"):
        context = {"agency": agency, "item": item, "editable": True, "saved": not error, "error": error,
                   "typed": request.POST.get("notes", "")}
        # htmx swaps only successful responses: a refusal comes back as 200 with its message in the form.
        return render(request, "reviews/_notes.html", context)
    if error:
        messages.error(request, error)
    return redirect(f"{_detail_url(agency, item.review_id)}#item-{item.key}")


def _detail_url(agency, pk) -> str:
    return reverse("reviews:detail", args=[agency.code, pk])


@login_required
@require_POST
def action_add(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    review = _review(agency, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.action_add(review=review, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect(f"{_detail_url(agency, review.pk)}#outputs")
    return _detail_page(request, agency, review, action_form=form, status=400)


@login_required
@require_POST
def action_done(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    action = get_object_or_404(ReviewAction.objects.select_related("review__agency"), pk=pk, review__agency=agency)
    try:
        services.action_set_done(action=action, actor=request.user, done=request.POST.get("done") != "0")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.POST.get("next") == "index":  # marked done from the agency's list of open actions
        return redirect("reviews:agency_index", code=agency.code)
    return redirect(f"{_detail_url(agency, action.review_id)}#outputs")


@login_required
@require_safe
def minutes(request, code, pk):
    agency = access.access_agency(request.user, code)
    review = _review(agency, pk)
    response = HttpResponse(minutes_docx(review, today=timezone.localdate()), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-xem-xet-lanh-dao-{review.date:%Y-%m-%d}.docx"'
    return response
