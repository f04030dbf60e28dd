"""The kinds the search box finds from the start: agencies, documents (with their file's text), procedures,
nonconformities, people, programme plans and activities. Who reads which rows is the access module's answer."""
import hashlib
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from isogov.accounts import access
from isogov.accounts.models import User
from isogov.capa.models import Nonconformity
from isogov.documents.models import Document
from isogov.programme.models import Activity, Plan
from isogov.qms.models import Procedure
from isogov.registry.models import Agency
from isogov.search import extract
from isogov.search.sources import Entry, Source, register

NOTHING = Q(pk__in=[])


def _within(model, q: Q) -> Q:
    """Rows whose object is among `model`'s objects filtered by the access module's `q` (all when q is empty)."""
    return Q() if not q else Q(object_id__in=model.objects.filter(q).values("pk"))


def _agency(agency: Agency) -> Entry:
    return Entry(title=agency.name, code=agency.code, agency_id=agency.pk,
                 url=reverse("registry:agency_detail", args=[agency.code]))


def _file_key(version) -> str:
    """The file a body was read from: a draft's file may be replaced under the same version."""
    if version is None:
        return ""
    return f"version:{version.pk}:{hashlib.sha1(version.file.name.encode()).hexdigest()[:20]}"


def _document(doc: Document) -> Entry:
    version = doc.versions.exclude(file="").order_by("-number").first()

    def read_body() -> str:
        if version is None:
            return ""
        with version.file.open("rb") as handle:
            return extract.text_of(handle, version.file_type)

    # A legal text's number and issuer are found as its code is: they name it.
    return Entry(title=doc.title, code=" ".join(filter(None, [doc.code, doc.legal_number, doc.issuing_body])),
                 agency_id=doc.agency_id, body_key=_file_key(version), read_body=read_body,
                 url=reverse("documents:detail", args=[doc.agency.code, doc.pk]))


def _procedure(procedure: Procedure) -> Entry:
    return Entry(title=procedure.name, code=procedure.code, body=procedure.field,
                 url=f"{reverse('qms:procedures')}?{urlencode({'q': procedure.code})}")


def _nonconformity(nc: Nonconformity) -> Entry:
    return Entry(title=str(nc), agency_id=nc.agency_id, body=f"{nc.description}\n{nc.correction}\n{nc.root_cause}",
                 url=reverse("capa:detail", args=[nc.agency.code, nc.pk]))


def _person(user: User) -> Entry | None:
    return Entry(title=user.full_name or user.username, code=user.username, agency_id=user.agency_id,
                 url=reverse("accounts:user_edit", args=[user.pk]))


def _plan(plan: Plan) -> Entry:
    return Entry(title=plan.title, code=plan.decision_number, body=plan.summary,
                 url=reverse("programme:plan_detail", args=[plan.pk]))


def _activity(activity: Activity) -> Entry:
    return Entry(title=activity.title, body=f"{activity.deliverables}\n{activity.notes}",
                 url=reverse("programme:activity_detail", args=[activity.pk]))


def _people_scope(user) -> Q:
    # Accounts are shown on the account pages only, which the one who manages accounts reads (for every agency).
    return Q() if access.can_manage_users(user) else NOTHING


def register_all() -> None:
    register(Source("agency", _("Agencies"), "registry.Agency", _agency))
    register(Source("document", _("Documents"), "documents.Document", _document,
                    follows={"documents.Version": lambda v: Document.objects.filter(pk=v.document_id).first()},
                    queryset=lambda: Document.objects.select_related("agency")))
    register(Source("procedure", _("Procedures"), "qms.Procedure", _procedure,
                    scope=lambda user: Q()))  # the province's catalogue: every signed-in reader (qms:procedures)
    register(Source("nonconformity", _("Nonconformities"), "capa.Nonconformity", _nonconformity,
                    queryset=lambda: Nonconformity.objects.select_related("agency")))
    register(Source("person", _("People"), "accounts.User", _person, scope=_people_scope))
    register(Source("plan", _("Programme plans"), "programme.Plan", _plan,
                    scope=lambda user: _within(Plan, access.programme_plan_q(user))))
    register(Source("activity", _("Programme activities"), "programme.Activity", _activity,
                    scope=lambda user: _within(Activity, access.programme_plan_q(user, "plan__")
                                               & access.programme_activity_q(user))))
