"""The catalogue's duties: an agency's procedure list (form Mẫu 2) and scope to update within 5 working days of a
decision publishing procedures (Circular 26/2014 art. 4), and the move to the next edition of ISO 9001 by the
Ministry's deadline. The re-announcement after a scope change is the QMS's duty (qms.reannounce); the legal texts
the province pushes are documents in each agency's register, so their 3-month duty is the documents' own.

Three queries whatever the number of agencies.
"""
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _

from isogov.catalogue import rules
from isogov.catalogue.models import EditionTransition, ScopeReview
from isogov.clauses.models import Framework
from isogov.core.duties import SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.qms.duties import NOT_APPLYING_YET
from isogov.registry.models import Agency, AgencyStatus


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    out = []
    reviews = (ScopeReview.objects.filter(done_on__isnull=True, agency__status=AgencyStatus.ACTIVE,
                                          **agency_filter(agency_ids))
               .select_related("agency", "publication").order_by("due_on", "pk"))
    for r in reviews:
        out.append(Duty(key=f"catalogue.procedure_list:{r.pk}", kind="catalogue.procedure_list", agency_id=r.agency_id,
                        title=_("Update the procedure list (Mẫu 2) and scope after decision %(number)s")
                        % {"number": r.publication.number},
                        due=r.due_on, url=url("catalogue:proposal", r.agency.code), actor=SECRETARY))
    edition = rules.next_edition()
    framework = Framework.objects.filter(code=edition).first()
    if framework is None:
        return out  # no transition is due before the new edition's clauses are loaded
    agencies = (Agency.objects.filter(status=AgencyStatus.ACTIVE, **agency_filter(agency_ids, "pk"))
                .exclude(qms_state__in=NOT_APPLYING_YET)
                .exclude(pk__in=EditionTransition.objects.filter(framework_code=edition).values("agency_id"))
                .order_by("path"))
    deadline = rules.transition_deadline()
    for agency in agencies:
        out.append(Duty(key=f"catalogue.edition:{agency.pk}:{edition}", kind="catalogue.edition", agency_id=agency.pk,
                        title=_("Move the QMS to %(edition)s") % {"edition": framework},
                        due=deadline, url=url("catalogue:edition", agency.code), actor=SECRETARY))
    return out
