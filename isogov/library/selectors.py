"""Reads of the template library. The templates are the province's and every signed-in user reads them; who
adopted them is read within the reader's agency scope, and every count is taken over the same scope as the rows
it sums (access.agency_scope_q)."""
import datetime as dt

from django.db.models import Count, Q, QuerySet

from isogov.accounts import access
from isogov.library import rules
from isogov.library.filters import AdoptionFilter, TemplateFilter
from isogov.library.models import Adoption, Template, TemplateVersion
from isogov.registry.models import Agency


def _counted(qs: QuerySet[Template], user, today: dt.date) -> QuerySet[Template]:
    scope = access.agency_scope_q(user, prefix="adoptions__agency__")
    return qs.annotate(
        adopted=Count("adoptions", filter=scope, distinct=True),
        current=Count("adoptions", filter=scope & ~rules.behind_q("adoptions__"), distinct=True),
        # behind: a newer version is owed, not yet late; late: owed past its due date (the two never overlap)
        behind=Count("adoptions", filter=scope & rules.behind_q("adoptions__") & ~rules.late_q(today, "adoptions__"),
                     distinct=True),
        late=Count("adoptions", filter=scope & rules.late_q(today, "adoptions__"), distinct=True),
    )


def template_list(*, user, data, today: dt.date) -> TemplateFilter:
    """The templates, each with how many readable agencies adopted it, are behind, are late (one query)."""
    found = TemplateFilter(data, queryset=Template.objects.select_related("latest", "procedure"))
    found.qs_counted = _counted(found.qs, user, today).order_by("kind", "code")
    return found


def template_counted(*, user, pk: int, today: dt.date) -> Template:
    return _counted(Template.objects.select_related("latest", "procedure"), user, today).get(pk=pk)


def versions_of(template: Template) -> list[TemplateVersion]:
    return list(template.versions.select_related("published_by").order_by("-number"))


def adoptions_of(*, template: Template, user, data, today: dt.date) -> AdoptionFilter:
    """Who adopted `template` among the agencies `user` may read, filtered by standing."""
    rows = (Adoption.objects.filter(template=template).filter(access.agency_scope_q(user, prefix="agency__"))
            .select_related("agency", "version", "template__latest", "document").order_by("agency__code"))
    return AdoptionFilter(data, queryset=rows, today=today)


def agency_library(*, agency: Agency, today: dt.date) -> list[dict]:
    """The templates meant for the agency's kind, and every template it adopted (two queries)."""
    adoptions = {a.template_id: a for a in Adoption.objects.filter(agency=agency)
                 .select_related("version", "document", "template__latest", "template__procedure")}
    templates = (Template.objects.filter(latest__isnull=False)
                 .filter(Q(agency_kinds__contains=f",{agency.kind},") | Q(pk__in=list(adoptions)))
                 .select_related("latest", "procedure").order_by("kind", "code"))
    rows = []
    for template in templates:
        adoption = adoptions.get(template.pk)
        if adoption is not None:
            adoption.template = template
        rows.append({"template": template, "adoption": adoption,
                     "standing": rules.standing(adoption, today) if adoption else None})
    return rows


def diff_for(adoption: Adoption) -> list[rules.SectionDiff]:
    """What changed between the version the agency follows and the newest one."""
    return rules.diff(adoption.version, adoption.template.latest, adoption.template.kind)


def previous_version(version: TemplateVersion) -> TemplateVersion | None:
    return (TemplateVersion.objects.filter(template_id=version.template_id, number__lt=version.number)
            .order_by("-number").first())
