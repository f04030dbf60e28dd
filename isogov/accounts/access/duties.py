"""Separation of duties: who checks someone else's work.

Each rule is a setting (settings.ISOGOV["SEPARATION_OF_DUTIES"], declared with its default in isogov/conf.py);
the workflows ask these functions and keep no copy of the rule. A "refusal" function answers why `user` may not
take the step, or "" when they may.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from isogov import conf
from isogov.accounts.models import Role, User
from isogov.core.text import fold

if TYPE_CHECKING:  # accounts sits below the registry: the model is named by label where it is used
    pass

from isogov.accounts.access.rules import can_approve_documents, can_write_agency


def separation_of_duties(key: str) -> tuple:
    return tuple(conf.setting("SEPARATION_OF_DUTIES").get(key, conf.default("SEPARATION_OF_DUTIES")[key]) or ())


def _named_owner(user: User, actions) -> bool:
    """An action owned by a name only (no account) that is this user's name: they own it all the same."""
    names = {fold(n) for n in (getattr(user, "full_name", ""), user.get_username()) if n}
    return any(a.owner_id is None and fold(a.owner_name) in names for a in actions)


def corrective_verification_refusal(user: User, nonconformity, actions=None) -> str:
    """Effectiveness (ISO 9001:2015, 10.2.1 d) is verified by someone who may write the agency and, as the
    setting says, owns none of the actions and recorded none of them done."""
    if not can_write_agency(user, nonconformity.agency):
        return _("You may not verify this agency's corrective actions.")
    actions = list(nonconformity.actions.all()) if actions is None else actions
    excluded = separation_of_duties("CAPA_VERIFIER_EXCLUDES")
    if "owner" in excluded and (any(a.owner_id == user.pk for a in actions) or _named_owner(user, actions)):
        return _("You own one of the actions: someone who owns none of them must verify their effectiveness.")
    if "done_by" in excluded and any(a.done_by_id == user.pk for a in actions):
        return _("You recorded one of the actions as done: someone who recorded none of them must verify "
                 "their effectiveness.")
    return ""


def can_verify_corrective_action(user: User, nonconformity, actions=None) -> bool:
    return not corrective_verification_refusal(user, nonconformity, actions)


def corrective_plan_adoption_refusal(user: User, nonconformity) -> str:
    """The corrective action plan is adopted by one of the roles the setting names (by default the head of
    the agency or of a unit above it, or the programme lead), not by the secretary who drafted it."""
    if not can_write_agency(user, nonconformity.agency):
        return _("You may not change this agency's corrective actions.")
    adopters = separation_of_duties("CAPA_PLAN_ADOPTERS")
    if adopters and user.role not in adopters:
        roles = ", ".join(str(Role(r).label) for r in adopters if r in Role.values)
        return _("The corrective action plan is adopted by: %(roles)s.") % {"roles": roles}
    return ""


def _wrote_version(user: User, version) -> bool:
    from isogov.audit.models import Action, AuditEvent

    if version.created_by_id == user.pk:
        return True
    # Whoever changed the draft's file or summary wrote it too; the trail is where that is kept.
    return AuditEvent.objects.filter(object_type="documents.version", object_id=str(version.pk), actor=user,
                                     action__in=(Action.CREATE, Action.UPDATE)).exists()


def document_approval_refusal(user: User, version) -> str:
    """A version is approved (ISO 9001:2015, 7.5.2 c) by the agency's head or the programme lead who, as the
    setting says, did not write it and did not send it for review."""
    if not can_approve_documents(user, version.document.agency):
        return _("Only the head of this agency or the programme lead approves documents.")
    excluded = separation_of_duties("DOCUMENT_APPROVER_EXCLUDES")
    if "submitter" in excluded and version.submitted_by_id == user.pk:
        return _("You sent this version for review: someone else must approve it.")
    if "author" in excluded and _wrote_version(user, version):
        return _("You wrote this version: someone else must approve it.")
    return ""


__all__ = [
    "can_verify_corrective_action",
    "corrective_plan_adoption_refusal",
    "corrective_verification_refusal",
    "document_approval_refusal",
    "separation_of_duties",
]
