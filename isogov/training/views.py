"""Training pages: courses and sessions are programme information everyone signed in may read; trainees are
shown only for the agencies the user may read; only the programme lead writes."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.jobs import files
from isogov.training import registers, selectors, services
from isogov.training.forms import CourseForm, SessionForm, TraineeForm
from isogov.training.models import Session

UNTRAINED_PAGE_SIZE = 100
COURSE_PAGE_SIZE = 50


@login_required
@require_safe
def index(request):
    agencies = selectors.coverage_agencies(user=request.user)
    page = Paginator(selectors.course_list(user=request.user), COURSE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "courses": page.object_list,
        "page": page,
        "coverage": selectors.coverage_table(agencies=agencies, min_trained=selectors.default_min_trained()),
        "can_manage": access.can_manage_programme(request.user),
    }
    return render(request, "training/index.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coverage_xlsx(request):
    found = selectors.coverage_filter(user=request.user, data=request.GET or None)
    if found.form.errors:  # the page says what is wrong (400); a file would hide it
        return HttpResponseBadRequest(_("Correct the filter on the coverage page first."))
    return files.download(request, registers.COVERAGE, params={"query": request.GET.urlencode()},
                          title=_("Training coverage (XLSX)"))


@login_required
@require_safe
def coverage(request):
    found = selectors.coverage_filter(user=request.user, data=request.GET or None)
    untrained = selectors.untrained_agencies(agencies=found.qs, min_trained=found.min_trained)
    page = Paginator(untrained, UNTRAINED_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": found.form, "page": page,
               "coverage": selectors.coverage_table(agencies=selectors.coverage_agencies(user=request.user),
                                                    min_trained=found.min_trained)}
    return render(request, "training/coverage.html", context, status=400 if found.form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    access.require_programme_manager(request.user)
    return write(
        request, CourseForm(request.POST or None),
        service=lambda data: services.course_create(actor=request.user, **data),
        success=lambda course: go(request, "training:course_detail", pk=course.pk),
        refused=_form_page(request, title=_("New training course"), back=("training:index", ())),
        message=_("Course created. Add its sessions."),
    )


@login_required
@require_safe
def course_detail(request, pk):
    course = access.access_course(request.user, pk)
    context = {"course": course, "sessions": selectors.sessions_of(user=request.user, course=course),
               "can_manage": access.can_manage_programme(request.user)}
    return render(request, "training/course_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, pk):
    course = access.access_course(request.user, pk, write=True)
    return write(
        request, CourseForm(request.POST or None, instance=course),
        service=lambda data: services.course_update(actor=request.user, course=course, **data),
        success=lambda _result: go(request, "training:course_detail", pk=course.pk),
        refused=_form_page(request, title=course.title, back=("training:course_detail", (course.pk,))),
        message=_("Changes saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    course = access.access_course(request.user, pk, write=True)
    return write(
        request, SessionForm(request.POST or None),
        service=lambda data: services.session_create(actor=request.user, course=course, **data),
        success=lambda session: go(request, "training:session_detail", pk=session.pk),
        refused=_form_page(request, title=_("New session of %(course)s") % {"course": course.title},
                           back=("training:course_detail", (course.pk,))),
        message=_("Session added. Record its trainees."),
    )


@login_required
@require_safe
def session_detail(request, pk):
    return _session_page(request, access.access_session(request.user, pk))


def _session_page(request, session: Session, *, trainee_form=None, status: int = 200):
    can_manage = access.can_manage_programme(request.user)
    context = {"session": session, "course": session.course, "can_manage": can_manage,
               "trainees": selectors.trainees_of(user=request.user, session=session),
               "trainee_form": trainee_form or (TraineeForm() if can_manage else None)}
    return render(request, "training/session_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = access.access_session(request.user, pk, write=True)
    return write(
        request, SessionForm(request.POST or None, instance=session),
        service=lambda data: services.session_update(actor=request.user, session=session, **data),
        success=lambda _result: go(request, "training:session_detail", pk=session.pk),
        refused=_form_page(request, title=str(session), back=("training:session_detail", (session.pk,))),
        message=_("Changes saved."),
    )


@login_required
@require_POST
def trainee_add(request, pk):
    session = access.access_session(request.user, pk, write=True)

    def added(trainee):
        messages.success(request, _("%(name)s added.") % {"name": trainee.full_name})
        return go(request, "training:session_detail", pk=session.pk)

    return write(
        request, TraineeForm(request.POST),
        service=lambda data: services.trainee_add(actor=request.user, session=session, **data),
        success=added,
        refused=lambda form, status: _session_page(request, session, trainee_form=form, status=status),
    )


@login_required
@require_http_methods(["GET", "POST"])
def trainee_edit(request, pk):
    trainee = access.access_trainee(request.user, pk, write=True)
    return write(
        request, TraineeForm(request.POST or None, instance=trainee),
        service=lambda data: services.trainee_update(actor=request.user, trainee=trainee, **data),
        success=lambda _result: go(request, "training:session_detail", pk=trainee.session_id),
        refused=_form_page(request, title=trainee.full_name, back=("training:session_detail", (trainee.session_id,))),
        message=_("Changes saved."),
    )


@login_required
@require_POST
def trainee_remove(request, pk):
    trainee = access.access_trainee(request.user, pk, write=True)

    def back(*_):
        return go(request, "training:session_detail", pk=trainee.session_id)

    return write(
        request, None,
        service=lambda _data: services.trainee_remove(actor=request.user, trainee=trainee),
        success=back, refused=back,
        message=_("%(name)s removed from the session.") % {"name": trainee.full_name},
    )


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    context = {"agency": agency,
               **selectors.agency_training(agency=agency, min_trained=selectors.default_min_trained())}
    return render(request, "training/agency_index.html", context)


def _form_page(request, *, title: str, back: tuple):
    """The `refused` page of the training forms: the form under its title, with a link back."""
    name, args = back

    def page(form, status):
        return render(request, "training/form.html", {"form": form, "title": title, "back": reverse(name, args=args)},
                      status=status)
    return page
