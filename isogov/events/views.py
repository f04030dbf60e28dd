"""Event pages: everyone signed in reads the events they may see; only the programme lead writes."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.files import file_response
from isogov.core.writeflow import go, write
from isogov.events import selectors, services
from isogov.events.forms import (
    AttendanceForm,
    AttendeeForm,
    EventForm,
    MaterialForm,
)
from isogov.events.models import Event


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
    return write(
        request, form,
        service=lambda data: services.event_create(
            actor=request.user, **{k: v for k, v in data.items() if k != "invite_tiers"}),
        success=lambda event: go(request, "events:event_detail", pk=event.pk),
        refused=_form_page(request, title=_("New event"), back=reverse("events:index")),
        message=_("Event created."),
    )


@login_required
@require_safe
def event_detail(request, pk):
    return _event_page(request, access.access_event(request.user, pk))


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


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = access.access_event(request.user, pk, write=True)
    form = EventForm(request.POST or None, instance=event)
    return write(
        request, form,
        service=lambda data: services.event_update(
            actor=request.user, event=event, **{k: v for k, v in data.items() if k != "invite_tiers"}),
        success=lambda _result: go(request, "events:event_detail", pk=event.pk),
        refused=_form_page(request, title=event.title, back=reverse("events:event_detail", args=[event.pk])),
        message=_("Changes saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    event = access.access_event(request.user, pk, write=True)
    candidates = selectors.invited_agencies(user=request.user, event=event)
    form = AttendanceForm(request.POST or None, candidates=candidates,
                          initial={"attending": [a.pk for a in candidates if a.came]})
    return write(
        request, form,
        service=lambda data: services.attendance_set(actor=request.user, event=event, attending=data["agencies"]),
        success=lambda _result: go(request, "events:event_detail", pk=event.pk),
        refused=_form_page(request, title=_("Who attended %(event)s") % {"event": event.title},
                           back=reverse("events:event_detail", args=[event.pk])),
        message=_("Attendance saved."),
    )


@login_required
@require_POST
def attendee_add(request, pk):
    event = access.access_event(request.user, pk, write=True)

    def added(attendee):
        messages.success(request, _("%(name)s added.") % {"name": attendee.full_name})
        return go(request, reverse("events:event_detail", args=[event.pk]) + "#attendees")

    return write(request, AttendeeForm(request.POST),
                 service=lambda data: services.attendee_add(actor=request.user, event=event, **data),
                 success=added, refused=lambda form, status: _event_page(request, event, status=status,
                                                                           attendee_form=form))


@login_required
@require_POST
def attendee_remove(request, pk):
    attendee = access.access_attendee(request.user, pk, write=True)

    def back(*_):  # the event's list of attendees, whatever the outcome
        return go(request, reverse("events:event_detail", args=[attendee.event_id]) + "#attendees")

    return write(request, None, service=lambda _data: services.attendee_remove(actor=request.user, attendee=attendee),
                 success=back, refused=back,
                 message=_("%(name)s removed from the list.") % {"name": attendee.full_name})


@login_required
@require_POST
def material_add(request, pk):
    event = access.access_event(request.user, pk, write=True)
    return write(
        request, MaterialForm(request.POST, request.FILES),
        service=lambda data: services.material_add(actor=request.user, event=event, title=data["title"],
                                                   upload=data["upload"]),
        success=lambda _result: go(request, reverse("events:event_detail", args=[event.pk]) + "#materials"),
        refused=lambda form, status: _event_page(request, event, status=status, material_form=form),
        message=_("Material added."),
    )


@login_required
@require_safe
def material_download(request, pk):
    material = access.access_material(request.user, pk)
    try:
        handle = material.file.open("rb")
    except OSError as exc:
        raise Http404("The file is missing from storage") from exc
    return file_response(handle, content_type=material.content_type, filename=material.filename)


@login_required
@require_POST
def material_remove(request, pk):
    material = access.access_material(request.user, pk, write=True)

    def back(*_):  # the event's materials, whatever the outcome
        return go(request, reverse("events:event_detail", args=[material.event_id]) + "#materials")

    return write(request, None, service=lambda _data: services.material_remove(actor=request.user, material=material),
                 success=back, refused=back, message=_("Material removed."))


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    context = {"agency": agency, "events": selectors.agency_events(agency=agency),
               "attendees": selectors.agency_attendees(agency=agency)}
    return render(request, "events/agency_index.html", context)


def _form_page(request, *, title: str, back: str):
    """The plain form page, drawn by the write-flow with the form and its status."""
    return lambda form, status: render(request, "events/form.html", {"form": form, "title": title, "back": back},
                                       status=status)
