"""Event pages: everyone signed in reads the events they may see; only the programme lead writes."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.files import file_response
from isogov.core.forms import add_service_errors
from isogov.events import selectors, services
from isogov.events.forms import (
    AttendanceForm,
    AttendeeForm,
    EventForm,
    MaterialForm,
)
from isogov.events.models import Attendee, Event


@login_required
@require_safe
def index(request):
    found = selectors.event_list(user=request.user, data=request.GET or None)
    form, events = found.form, found.qs
    context = {"form": form, "events": events, "can_manage": access.can_manage_programme(request.user),
               "attendance": selectors.attendance_by_tier(user=request.user, events=events)}
    return render(request, "events/index.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    access.require_programme_manager(request.user)
    lead = request.user.agency.code if request.user.agency_id else None
    form = EventForm(request.POST or None, initial={"organiser": lead})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "invite_tiers"}
        try:
            event = services.event_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Event created."))
            return redirect("events:event_detail", pk=event.pk)
    return _form_page(request, form, title=_("New event"), back=reverse("events:index"))


@login_required
@require_safe
def event_detail(request, pk):
    return _event_page(request, selectors.event_for(user=request.user, pk=pk))


def _event_page(request, event: Event, *, status: int = 200, **forms):
    can_manage = access.can_manage_programme(request.user)
    events = Event.objects.filter(pk=event.pk)
    context = {
        "event": event, "can_manage": can_manage,
        "attendance": selectors.attendance_by_tier(user=request.user, events=events),
        "agencies": selectors.invited_agencies(user=request.user, event=event),
        "attendees": selectors.attendees_of(user=request.user, event=event),
        "materials": selectors.materials_of(event=event),
        "attendee_form": forms.get("attendee_form") or (AttendeeForm() if can_manage else None),
        "material_form": forms.get("material_form") or (MaterialForm() if can_manage else None),
    }
    return render(request, "events/event_detail.html", context, status=status)


def _writable(request, pk) -> Event:
    """An event the user may read (404 otherwise) and the programme lead alone may change (403)."""
    event = selectors.event_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = _writable(request, pk)
    initial = {f: getattr(event, f) for f in services.EVENT_FIELDS}
    initial.update(organiser=event.organiser.code, invited=[a.code for a in event.invited.all()])
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "invite_tiers"}
        try:
            services.event_update(actor=request.user, event=event, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("events:event_detail", pk=event.pk)
    return _form_page(request, form, title=event.title, back=reverse("events:event_detail", args=[event.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    event = _writable(request, pk)
    candidates = selectors.invited_agencies(user=request.user, event=event)
    form = AttendanceForm(request.POST or None, candidates=candidates,
                          initial={"attending": [a.pk for a in candidates if a.came]})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_set(actor=request.user, event=event, attending=form.cleaned_data["agencies"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("events:event_detail", pk=event.pk)
    return _form_page(request, form, title=_("Who attended %(event)s") % {"event": event.title},
                      back=reverse("events:event_detail", args=[event.pk]))


@login_required
@require_POST
def attendee_add(request, pk):
    event = _writable(request, pk)
    form = AttendeeForm(request.POST)
    if form.is_valid():
        try:
            attendee = services.attendee_add(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added.") % {"name": attendee.full_name})
            return redirect(reverse("events:event_detail", args=[event.pk]) + "#attendees")
    return _event_page(request, event, status=400, attendee_form=form)


@login_required
@require_POST
def attendee_remove(request, pk):
    attendee = get_object_or_404(Attendee.objects.select_related("agency", "event"), pk=pk)
    event = _writable(request, attendee.event_id)
    services.attendee_remove(actor=request.user, attendee=attendee)
    messages.success(request, _("%(name)s removed from the list.") % {"name": attendee.full_name})
    return redirect(reverse("events:event_detail", args=[event.pk]) + "#attendees")


@login_required
@require_POST
def material_add(request, pk):
    event = _writable(request, pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(actor=request.user, event=event, title=form.cleaned_data["title"],
                                  upload=form.cleaned_data["upload"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Material added."))
            return redirect(reverse("events:event_detail", args=[event.pk]) + "#materials")
    return _event_page(request, event, status=400, material_form=form)


@login_required
@require_safe
def material_download(request, pk):
    material = selectors.material_for(user=request.user, pk=pk)
    try:
        handle = material.file.open("rb")
    except OSError as exc:
        raise Http404("The file is missing from storage") from exc
    return file_response(handle, content_type=material.content_type, filename=material.filename)


@login_required
@require_POST
def material_remove(request, pk):
    material = selectors.material_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    services.material_remove(actor=request.user, material=material)
    messages.success(request, _("Material removed."))
    return redirect(reverse("events:event_detail", args=[material.event_id]) + "#materials")


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    context = {"agency": agency, "events": selectors.agency_events(agency=agency),
               "attendees": selectors.agency_attendees(agency=agency)}
    return render(request, "events/agency_index.html", context)


def _form_page(request, form, *, title: str, back: str):
    status = 400 if request.method == "POST" else 200
    return render(request, "events/form.html", {"form": form, "title": title, "back": back}, status=status)
