"""The catalogue's pages: the province's procedure list and its decisions, its legal texts and who brought them in
(the lead writes, the province-wide roles read), and an agency's proposed scope and edition transition."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.catalogue import importing, selectors, services
from isogov.catalogue.forms import EditionForm, LegalTextForm, ProposalForm, PublicationForm
from isogov.catalogue.models import LegalText, Publication, PublicationState
from isogov.core.writeflow import go, write

PAGE_SIZE = 50
PREVIEW_AGENCIES = 200


def _require_province_reader(user) -> None:
    if not access.reads_whole_programme(user):
        raise PermissionDenied("Only the province-wide roles read the province's records")


@login_required
@require_safe
def index(request):
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.catalogue(q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "q": q, "can_manage": access.can_manage_programme(request.user),
               "publications": Publication.objects.order_by("-decided_on", "-pk")[:20]
               if access.reads_whole_programme(request.user) else []}
    return render(request, "catalogue/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def publication_upload(request):
    access.require_programme_manager(request.user)

    def upload(data):
        file = data.pop("file")
        return services.publication_upload(actor=request.user, data=file.read(), filename=file.name, **data)

    return write(request, PublicationForm(request.POST or None, request.FILES or None),
                 template="catalogue/publication_upload.html", context={"columns": importing.COLUMNS},
                 service=upload, success=lambda pub: go(request, "catalogue:publication", pub.pk))


@login_required
@require_safe
def publication(request, pk):
    access.require_programme_manager(request.user)
    pub = get_object_or_404(Publication, pk=pk)
    plan = importing.build_plan(pub.rows) if pub.state == PublicationState.PENDING else None
    return render(request, "catalogue/publication.html", {
        "publication": pub, "plan": plan,
        "agencies": plan.agencies[:PREVIEW_AGENCIES] if plan else [],
        "more_agencies": max(0, len(plan.agencies) - PREVIEW_AGENCIES) if plan else 0})


@login_required
@require_POST
def publication_apply(request, pk):
    access.require_programme_manager(request.user)
    pub = get_object_or_404(Publication, pk=pk)
    return write(request, None, service=lambda _d: services.publication_apply(actor=request.user, publication=pub),
                 success=lambda plan: go(request, "catalogue:publication", pub.pk),
                 refused=lambda _form, _status: go(request, "catalogue:publication", pub.pk),
                 message=_("Decision applied to the catalogue."))


@login_required
@require_POST
def publication_cancel(request, pk):
    access.require_programme_manager(request.user)
    pub = get_object_or_404(Publication, pk=pk)
    return write(request, None, service=lambda _d: services.publication_cancel(actor=request.user, publication=pub),
                 success=lambda _r: go(request, "catalogue:index"),
                 refused=lambda _form, _status: go(request, "catalogue:publication", pub.pk),
                 message=_("Decision cancelled: nothing was changed."))


@login_required
@require_safe
def legal_index(request):
    _require_province_reader(request.user)
    page = Paginator(selectors.legal_texts(today=timezone.localdate()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/legal_index.html",
                  {"page": page, "can_manage": access.can_manage_programme(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def legal_create(request):
    access.require_programme_manager(request.user)

    def record(data):
        return services.legal_text_record(actor=request.user, procedures=data.pop("codes"), **data)

    def done(text):
        messages.success(request, _("Legal text recorded and sent to %(n)s agencies.") % {"n": text.notices.count()})
        return go(request, "catalogue:legal_detail", text.pk)

    return write(request, LegalTextForm(request.POST or None), template="catalogue/legal_form.html",
                 service=record, success=done)


@login_required
@require_safe
def legal_detail(request, pk):
    _require_province_reader(request.user)
    text = get_object_or_404(LegalText.objects.prefetch_related("procedures"), pk=pk)
    today = timezone.localdate()
    state = request.GET.get("state", "")
    counts, notices = selectors.legal_text_status(legal_text=text, today=today, state=state)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/legal_detail.html",
                  {"text": text, "counts": counts, "page": page, "state": state, "today": today})


@login_required
@require_http_methods(["GET", "POST"])
def proposal(request, code):
    agency = access.access_agency(request.user, code, write=request.method == "POST")
    found = selectors.proposal(agency=agency)
    return write(
        request, ProposalForm(request.POST or None, proposal=found), template="catalogue/proposal.html",
        context={"agency": agency, "proposal": found, "can_write": access.can_write_agency(request.user, agency)},
        service=lambda data: services.scope_proposal_accept(agency=agency, actor=request.user, **data),
        success=lambda _n: go(request, "catalogue:proposal", agency.code),
        message=_("Scope and procedure list updated."))


@login_required
@require_http_methods(["GET", "POST"])
def edition(request, code):
    agency = access.access_agency(request.user, code, write=request.method == "POST")
    return write(
        request, EditionForm(request.POST or None), template="catalogue/edition.html",
        context={"agency": agency, **selectors.edition(agency=agency),
                 "can_write": access.can_write_agency(request.user, agency)},
        service=lambda data: services.edition_transition_record(agency=agency, actor=request.user, **data),
        success=lambda _r: go(request, "catalogue:edition", agency.code),
        message=_("Move to the new edition recorded."))
