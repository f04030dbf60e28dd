"""The demo's template library: a quality manual, a policy with its objectives and two commune civil-status
processes (demo_content), published by the programme lead months ago; a few communes adopted them (the demo
secretary's among them), and the marriage process got a version 02 from a legal text whose 3 months have run out,
so the province sees who brought it in, who is late.

Written through the services (a dozen adoptions), each dated on its day, so documents, audit trail and duties are as
in real use.
"""
import datetime as dt
import random
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from isogov.documents.models import Document
from isogov.library import demo_content as content
from isogov.library import services
from isogov.library.models import Adoption, Template
from isogov.qms import services as qms
from isogov.qms.models import Procedure, ScopeItem
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyKind, AgencyStatus

DEMO_SECRETARY = "secretary"


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _eligible(procedure: Procedure | None) -> list[Agency]:
    """Active communes that may adopt: for a process, those still building their QMS (the documents' demo gave
    the others a process of their own) and those with the procedure in scope and no process for it yet."""
    communes = Agency.objects.filter(status=AgencyStatus.ACTIVE, kind=AgencyKind.COMMUNE_COMMITTEE)
    if procedure is not None:
        communes = communes.filter(Q(scope_items__procedure=procedure) | Q(qms_state=QmsState.BUILDING)).exclude(
            documents__procedure=procedure)
    return list(communes.distinct().order_by("code"))


def _adopt(agency, template, actor, day: dt.date) -> Adoption | None:
    if Document.objects.filter(agency=agency, code__iexact=template.code).exists():
        return None
    with mock.patch("django.utils.timezone.now", return_value=_at(day)):
        if template.procedure and not ScopeItem.objects.filter(agency=agency, procedure=template.procedure).exists():
            # The commune handles the procedure: it enters the scope first, as its secretary would record it.
            qms.scope_add(agency=agency, actor=actor, procedure=template.procedure)
        return services.template_adopt(agency=agency, template=template, actor=actor, owner_name="Văn phòng")


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Template.objects.exists():
        return {"templates": 0, "adoptions": 0}
    today = timezone.localdate()
    first_issue, revised = today - dt.timedelta(days=240), today - dt.timedelta(days=100)
    templates = {}
    for code, kind, title, kinds, procedure_code, sections in content.TEMPLATES:
        procedure = Procedure.objects.filter(code=procedure_code).first() if procedure_code else None
        if procedure_code and procedure is None:
            continue
        templates[code] = services.template_create(actor=actor, kind=kind, code=code, title=title,
                                                   agency_kinds=kinds, procedure=procedure, sections=sections,
                                                   today=first_issue)
    secretary = get_user_model().objects.filter(username=DEMO_SECRETARY).select_related("agency").first()
    adoptions = []
    day = first_issue + dt.timedelta(days=20)
    if secretary is not None and secretary.agency is not None:
        own = secretary.agency
        for code in ("STCL", "CSMT", "QT-HT-KH"):
            template = templates.get(code)
            if template and own.kind in template.kind_list and (
                    template.procedure is None or not own.documents.filter(procedure=template.procedure).exists()):
                adoptions.append(_adopt(own, template, secretary, day))
    for code, n in (("QT-HT-KH", 5), ("QT-HT-KS", 3), ("CSMT", 3)):
        template = templates.get(code)
        if template is None:
            continue
        taken = {a.agency_id for a in adoptions if a and a.template_id == template.pk}
        pool = [a for a in _eligible(template.procedure) if a.pk not in taken]
        for agency in rng.sample(pool, min(n, len(pool))):
            day = first_issue + dt.timedelta(days=rng.randint(10, 120))
            adoptions.append(_adopt(agency, template, actor, day))
    adoptions = [a for a in adoptions if a is not None]
    marriage = templates.get("QT-HT-KH")
    if marriage is not None:
        services.template_version_publish(
            template=marriage, actor=actor, sections=content.MARRIAGE_V2, today=revised,
            why="Tiếp nhận hồ sơ trực tuyến, cấp mã hồ sơ; thay Nghị định 61/2018/NĐ-CP bằng Nghị định "
                "118/2025/NĐ-CP.", legal_basis="Nghị định 118/2025/NĐ-CP")
        # One commune (not the demo secretary's, whose update stays on her to-do) has brought it in.
        others = [a for a in adoptions if a.template_id == marriage.pk and a.adopted_by_id != getattr(
            secretary, "pk", None)]
        if others:
            services.adoption_mark_handled(adoption=others[0], actor=actor, today=revised + dt.timedelta(days=30),
                                           note="Đã cập nhật bước tiếp nhận trực tuyến vào quy trình đang soạn.")
    return {"templates": len(templates), "adoptions": len(adoptions)}
