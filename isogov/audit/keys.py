"""What the keys of an event's changes mean where the model alone cannot say.

A key is usually a field of the event's model: its label is the field's verbose_name and, for a foreign key or a
many-to-many field, its value refers to objects of the related model. Writers store those references as
{"id", "name"} (see services.plain); older events hold the pk alone, and some writers store a code because other
readers of the trail expect it (a scope item's procedure code, an agency's parent code). The tables below say
which, and name the keys that are not fields.
"""
from dataclasses import dataclass
from typing import Callable

from django.apps import apps
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Ref:
    """Objects of `model`, stored by `by` (the pk or a natural key), unique within `scope` of the event's agency."""

    model: str
    by: str = "pk"
    scope: str = ""


# A key whose value is already a name or a number people use (a clause number), though the field is a relation.
TEXT = None

_AGENCY_CODE = Ref("registry.agency", "code")
_PROCEDURE_CODE = Ref("qms.procedure", "code")
_NC_NUMBER = Ref("capa.nonconformity", "number", scope="agency")

# {(event's model, key): how its values refer to other objects}, where that is not the field's pk.
STORED_AS: dict[tuple[str, str], Ref | None] = {
    ("registry.agency", "tier"): Ref("registry.tier", "code"),
    ("registry.agency", "parent"): _AGENCY_CODE,
    ("registry.agency", "merged_into"): _AGENCY_CODE,
    ("accounts.user", "agency"): _AGENCY_CODE,
    ("events.attendee", "agency"): _AGENCY_CODE,
    ("events.event", "invited"): _AGENCY_CODE,
    ("events.event", "attending"): _AGENCY_CODE,
    ("programme.activity", "participants"): _AGENCY_CODE,
    ("inspections.inspectionplan", "onsite"): _AGENCY_CODE,
    ("qms.scopeitem", "procedure"): _PROCEDURE_CODE,
    ("qms.announcement", "scope_codes"): _PROCEDURE_CODE,
    ("feedback.complaint", "procedure"): _PROCEDURE_CODE,
    ("feedback.satisfactionsurvey", "procedure"): _PROCEDURE_CODE,
    ("risks.risk", "procedure"): _PROCEDURE_CODE,
    ("documents.document", "procedure"): _PROCEDURE_CODE,
    ("documents.document", "owner_user"): Ref("accounts.user", "username"),
    ("audits.audit", "procedures"): _PROCEDURE_CODE,
    ("feedback.complaint", "nonconformity"): _NC_NUMBER,
    ("capa.verification", "nonconformity"): _NC_NUMBER,
    ("capa.correctiveaction", "nonconformity"): _NC_NUMBER,
    # Clause numbers are how the standard is cited; the number alone is unique only within a framework.
    ("documents.document", "clauses"): TEXT,
    ("audits.finding", "clause"): TEXT,
    ("capa.nonconformity", "clause"): TEXT,
    ("audits.finding", "area"): TEXT,
    ("audits.auditarea", "owner"): TEXT,
    ("capa.correctiveaction", "owner"): TEXT,
}

# {(event's model, key): (label, reference)} for keys that are not fields, or whose field says it badly.
EXTRA: dict[tuple[str, str], tuple[Promise, Ref | None]] = {
    ("audits.audit", "team"): (_("Audit team"), TEXT),
    ("audits.auditor", "team"): (_("Audit team"), TEXT),  # the demo records each auditor
    ("audits.audit", "year"): (_("year"), TEXT),
    ("audits.audit", "clauses"): (_("clauses"), TEXT),
    ("objectives.measurement", "period"): (_("period"), TEXT),
    ("capa.nonconformity", "origin"): (_("origin"), TEXT),
    ("programme.disbursement", "reason"): (_("Reason"), TEXT),
    ("inspections.inspection", "checklist"): (_("Checklist"), TEXT),
}


def _agenda_label(rest: str) -> str:
    item = apps.get_model("reviews", "AgendaItem")
    topic = dict(item._meta.get_field("key").flatchoices).get(rest, rest)
    return f"{capfirst(item._meta.verbose_name)}: {topic}"


# {(event's model, prefix): label of the rest}: one key per item, e.g. a review's "agenda.<input>".
PREFIXED: dict[tuple[str, str], Callable[[str], str]] = {
    ("reviews.review", "agenda."): _agenda_label,
}
