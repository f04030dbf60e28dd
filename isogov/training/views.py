"""Training pages: courses and sessions are programme information everyone signed in may read; trainees are
shown only for the agencies the user may read; only the programme lead writes."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.forms import add_service_errors
from isogov.registry.models import Tier
from isogov.training import selectors, services
from isogov.training.forms import CourseForm, CoverageForm, SessionForm, TraineeForm
from isogov.training.models import Course, Session, Trainee

UNTRAINED_PAGE_SIZE = 100


@login_required
@require_safe
def index(request):
    agencies = selectors.coverage_agencies(user=request.user)
    context = {
        "courses": selectors.course_list(user=request.user),
        "coverage": selectors.coverage_table(agencies=agencies, min_trained=selectors.default_min_trained()),
        "can_manage": access.can_manage_programme(request.user),
    }
    return render(request, "training/index.html", context)


@login_required
@require_safe
def coverage(request):
    tiers = list(Tier.objects.all())
    # Unbound on a first visit, the form shows the threshold in use rather than an empty box.
    form = CoverageForm(request.GET or None, tiers=tiers, initial={"min": selectors.default_min_trained()})
    valid = form.is_valid()
    cleaned = form.cleaned_data if valid else {}
    min_trained = cleaned.get("min") or selectors.default_min_trained()
    agencies = selectors.coverage_agencies(user=request.user)
    untrained = selectors.untrained_agencies(agencies=agencies, min_trained=min_trained)
    if cleaned.get("tier"):
        untrained = untrained.filter(tier__code=cleaned["tier"])
    page = Paginator(untrained, UNTRAINED_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "coverage": selectors.coverage_table(agencies=agencies, min_trained=min_trained),
               "page": page, "query_string": params.urlencode()}
    return render(request, "training/coverage.html", context, status=200 if valid or not request.GET else 400)


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    access.require_programme_manager(request.user)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Course created. Add its sessions."))
            return redirect("training:course_detail", pk=course.pk)
    return _form_page(request, form, title=_("New training course"), back=("training:index", ()))


@login_required
@require_safe
def course_detail(request, pk):
    course = get_object_or_404(Course.objects.select_related("organiser"), pk=pk)
    context = {"course": course, "sessions": selectors.sessions_of(user=request.user, course=course),
               "can_manage": access.can_manage_programme(request.user)}
    return render(request, "training/course_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, pk):
    course = get_object_or_404(Course.objects.select_related("organiser"), pk=pk)
    access.require_programme_manager(request.user)
    initial = {f: getattr(course, f) for f in services.COURSE_FIELDS}
    initial["organiser"] = course.organiser.code
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("training:course_detail", pk=course.pk)
    return _form_page(request, form, title=course.title, back=("training:course_detail", (course.pk,)))


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    course = get_object_or_404(Course, pk=pk)
    access.require_programme_manager(request.user)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Session added. Record its trainees."))
            return redirect("training:session_detail", pk=session.pk)
    return _form_page(request, form, title=_("New session of %(course)s") % {"course": course.title},
                      back=("training:course_detail", (course.pk,)))


def _session(pk) -> Session:
    return get_object_or_404(Session.objects.select_related("course", "course__organiser"), pk=pk)


@login_required
@require_safe
def session_detail(request, pk):
    return _session_page(request, _session(pk))


def _session_page(request, session: Session, *, trainee_form=None, status: int = 200):
    can_manage = access.can_manage_programme(request.user)
    context = {"session": session, "course": session.course, "can_manage": can_manage,
               "trainees": selectors.trainees_of(user=request.user, session=session),
               "trainee_form": trainee_form or (TraineeForm() if can_manage else None)}
    return render(request, "training/session_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    session = _session(pk)
    access.require_programme_manager(request.user)
    form = SessionForm(request.POST or None, initial={f: getattr(session, f) for f in services.SESSION_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("training:session_detail", pk=session.pk)
    return _form_page(request, form, title=str(session), back=("training:session_detail", (session.pk,)))


@login_required
@require_POST
def trainee_add(request, pk):
    session = _session(pk)
    access.require_programme_manager(request.user)
    form = TraineeForm(request.POST)
    if form.is_valid():
        try:
            trainee = services.trainee_add(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added.") % {"name": trainee.full_name})
            return redirect("training:session_detail", pk=session.pk)
    return _session_page(request, session, trainee_form=form, status=400)


def _trainee(request, pk) -> Trainee:
    """A trainee of an agency the user may read (404 otherwise, as for agencies), that only the lead changes."""
    trainee = get_object_or_404(
        Trainee.objects.filter(access.agency_scope_q(request.user, prefix="agency__"))
        .select_related("agency", "session", "session__course"), pk=pk)
    access.require_programme_manager(request.user)
    return trainee


@login_required
@require_http_methods(["GET", "POST"])
def trainee_edit(request, pk):
    trainee = _trainee(request, pk)
    initial = {f: getattr(trainee, f) for f in services.TRAINEE_FIELDS}
    initial["agency"] = trainee.agency.code
    form = TraineeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.trainee_update(actor=request.user, trainee=trainee, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("training:session_detail", pk=trainee.session_id)
    return _form_page(request, form, title=trainee.full_name, back=("training:session_detail", (trainee.session_id,)))


@login_required
@require_POST
def trainee_remove(request, pk):
    trainee = _trainee(request, pk)
    services.trainee_remove(actor=request.user, trainee=trainee)
    messages.success(request, _("%(name)s removed from the session.") % {"name": trainee.full_name})
    return redirect("training:session_detail", pk=trainee.session_id)


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    context = {"agency": agency,
               **selectors.agency_training(agency=agency, min_trained=selectors.default_min_trained())}
    return render(request, "training/agency_index.html", context)


def _form_page(request, form, *, title: str, back: tuple):
    status = 400 if request.method == "POST" else 200
    name, args = back
    return render(request, "training/form.html", {"form": form, "title": title, "back": reverse(name, args=args)},
                  status=status)
