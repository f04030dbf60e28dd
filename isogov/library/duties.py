"""The library's duty: an agency that adopted a template brings its newer version in by the version's due date.

One query whatever the number of agencies: the adoptions whose template has a newer version than theirs (rules.
behind_q). The key names the version owed, so a later version is a new duty (and a new reminder).
"""
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _

from isogov.core.duties import SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.library import rules
from isogov.library.models import Adoption


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    rows = (Adoption.objects.filter(rules.behind_q(), **agency_filter(agency_ids))
            .select_related("agency", "template__latest", "version")
            .order_by("template__latest__due_on", "pk"))
    out = []
    for adoption in rows:
        latest = adoption.template.latest
        out.append(Duty(
            key=f"library.update:{adoption.pk}:{latest.number}", kind="library.update", agency_id=adoption.agency_id,
            title=_("Bring template %(code)s version %(version)s into your document: %(title)s")
            % {"code": adoption.template.code, "version": latest.label, "title": adoption.template.title},
            due=latest.due_on, url=url("library:adoption", adoption.agency.code, adoption.pk), actor=SECRETARY))
    return out
