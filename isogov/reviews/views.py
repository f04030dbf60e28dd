from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core import official
from isogov.core.writeflow import go, write
from isogov.reviews import selectors, services
from isogov.reviews.forms import ActionForm, NotesForm, ReviewForm
from isogov.reviews.minutes import KEY, minutes_context
from isogov.reviews.models import ReviewAction, ReviewState

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
        "review_months": settings.ISOGOV["MANAGEMENT_REVIEW_MONTHS"],
    }
    return render(request, "reviews/agency_index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, code):
    agency = access.access_agency(request.user, code, write=True)
    return write(
        request, ReviewForm(request.POST or None), template="reviews/review_form.html", context={"agency": agency},
        service=lambda data: services.review_plan(agency=agency, actor=request.user, **data),
        success=lambda review: go(request, "reviews:detail", code=agency.code, pk=review.pk),
        message=_("Review planned; its agenda is filled from the agency's records."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, code, pk):
    review = access.access_review(request.user, code, pk, write=True)
    agency = review.agency
    return write(
        request, ReviewForm(request.POST or None, instance=review),
        template="reviews/review_form.html", context={"agency": agency, "review": review},
        service=lambda data: services.review_update(review=review, actor=request.user, **data),
        success=lambda _result: go(request, "reviews:detail", code=agency.code, pk=review.pk),
        message=_("Changes saved."),
    )


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
    review = access.access_review(request.user, code, pk)
    return _detail_page(request, review.agency, review)


@login_required
@require_POST
def hold(request, code, pk):
    review = access.access_review(request.user, code, pk, write=True)

    def back(*_):  # the review's page, whatever the outcome
        return go(request, "reviews:detail", code=review.agency.code, pk=review.pk)

    return write(
        request, None,
        service=lambda _data: services.review_hold(review=review, actor=request.user),
        success=back, refused=back,
        message=_("The review is recorded as held; the QMS records it as the latest management review."),
    )


@login_required
@require_POST
def delete(request, code, pk):
    review = access.access_review(request.user, code, pk, write=True)
    return write(
        request, None,
        service=lambda _data: services.review_delete(review=review, actor=request.user),
        success=lambda _result: go(request, "reviews:agency_index", code=review.agency.code),
        refused=lambda _form, _status: go(request, "reviews:detail", code=review.agency.code, pk=review.pk),
        message=_("Planned review deleted."),
    )


@login_required
@require_POST
def agenda_note(request, code, pk):
    item = access.access_agenda_item(request.user, code, pk, write=True)
    agency = item.review.agency
    htmx = request.htmx

    def answer(item, error=""):
        if htmx:
            context = {"agency": agency, "item": item, "editable": True, "saved": not error, "error": error,
                       "typed": request.POST.get("notes", "")}
            # htmx swaps only successful responses: a refusal comes back as 200 with its message in the form.
            return render(request, "reviews/_notes.html", context)
        if error:
            messages.error(request, error)
        return go(request, f"{_detail_url(agency, item.review_id)}#item-{item.key}")

    def refused(form, _status):
        return answer(item, " ".join(m for errors in form.errors.values() for m in errors))

    return write(
        request, NotesForm(request.POST),
        service=lambda data: services.agenda_note(item=item, actor=request.user, notes=data["notes"]),
        success=answer, refused=refused,
    )


def _detail_url(agency, pk) -> str:
    return reverse("reviews:detail", args=[agency.code, pk])


@login_required
@require_POST
def action_add(request, code, pk):
    review = access.access_review(request.user, code, pk, write=True)
    agency = review.agency
    return write(
        request, ActionForm(request.POST, instance=ReviewAction(review=review)),
        service=lambda data: services.action_add(review=review, actor=request.user, **data),
        success=lambda _result: go(request, f"{_detail_url(agency, review.pk)}#outputs"),
        refused=lambda form, status: _detail_page(request, agency, review, action_form=form, status=status),
        message=_("Action added."),
    )


@login_required
@require_POST
def action_done(request, code, pk):
    action = access.access_review_action(request.user, code, pk, write=True)
    agency = action.review.agency

    def back(*_):  # where it was marked, whatever the outcome
        if request.POST.get("next") == "index":  # marked done from the agency's list of open actions
            return go(request, "reviews:agency_index", code=agency.code)
        return go(request, f"{_detail_url(agency, action.review_id)}#outputs")

    return write(
        request, None,
        service=lambda _data: services.action_set_done(action=action, actor=request.user,
                                                      done=request.POST.get("done") != "0"),
        success=back, refused=back,
    )


@login_required
@require_safe
def minutes(request, code, pk, fmt="docx"):
    review = access.access_review(request.user, code, pk)
    return official.document_response(
        request, key=KEY, context=minutes_context(review, today=timezone.localdate()), fmt=fmt,
        filename=f"bien-ban-xem-xet-lanh-dao-{review.date:%Y-%m-%d}",
        docx_url=reverse("reviews:minutes", args=[code, pk]))


def minutes_pdf(request, code, pk):
    return minutes(request, code, pk, fmt="pdf")
