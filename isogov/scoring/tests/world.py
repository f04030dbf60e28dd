"""A small province whose 2020 score is worked out by hand in the tests (test_score.py says how).

Province tier (all must apply): P1 announced 2019, audit and review in 2020, one legal text brought in late;
P2 announced on 31/12/2020, its last internal audit 15/12/2019 (more than 12 months before 31/12/2020);
P3 nothing; P4 announced 2019, maintaining, scope changed 01/03/2020 and re-announced 01/05/2020;
P5 announced 2019, maintaining, scope changed 01/08/2020, not re-announced.
District tier: D1 merged into D2 on 01/07/2020 (so not counted on 31/12/2020); D2 created 01/07/2020, announced
10/10/2020, audit and review in November, one legal text brought in on time.
Commune tier: one commune that need not apply (Decision 19 only encourages communes): the tier has no
mandatory agency.
"""
import datetime as dt

from django.utils import timezone

from isogov.documents.models import Document, DocumentKind
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus, Tier
from isogov.registry.services import agency_create
from isogov.registry.tiers import load_preset

D = dt.date


def _at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def announce(agency, day, number=None):
    return Announcement.objects.create(agency=agency, decision_number=number or f"{day.day}/QĐ-{agency.code}",
                                       decision_date=day, signed_file="announcements/x.pdf")


def fact(agency, kind, day):
    QmsFact.objects.create(agency=agency, kind=kind, date=day)


def maintain(agency, audit, review):
    fact(agency, FactKind.INTERNAL_AUDIT, audit)
    fact(agency, FactKind.MANAGEMENT_REVIEW, review)


def legal(agency, code, effective, due, incorporated):
    return Document.objects.create(agency=agency, code=code, title=f"Luật {code}", kind=DocumentKind.EXTERNAL,
                                   legal_effective_on=effective, legal_due_on=due, incorporated_on=incorporated)


def scope_change(agency, changed, reannounced=None):
    Transition.objects.create(agency=agency, from_state=QmsState.MAINTAINING, to_state=QmsState.REANNOUNCE_DUE,
                              at=_at(changed))
    if reannounced:
        Transition.objects.create(agency=agency, from_state=QmsState.REANNOUNCE_DUE, to_state=QmsState.ANNOUNCED,
                                  at=_at(reannounced))


class World:
    pass


def build() -> World:
    if not Tier.objects.exists():
        load_preset(Tier, "three-tier")
    tiers = {t.code: t for t in Tier.objects.all()}
    w = World()

    def mk(code, tier, **kw):
        return agency_create(actor=None, code=code, name=f"Cơ quan {code}", tier=tiers[tier], **kw)

    w.p1, w.p2, w.p3, w.p4, w.p5 = (mk(f"P{i}", "province", mandatory=True) for i in range(1, 6))
    w.d1 = mk("D1", "district", mandatory=True)
    w.d2 = mk("D2", "district", mandatory=True, active_from=D(2020, 7, 1))
    w.c1 = mk("C1", "commune", mandatory=False)
    Agency.objects.filter(pk=w.d1.pk).update(status=AgencyStatus.MERGED, ended_on=D(2020, 7, 1), merged_into=w.d2)

    announce(w.p1, D(2019, 5, 3))
    maintain(w.p1, D(2020, 3, 1), D(2020, 4, 1))
    legal(w.p1, "L1", D(2020, 2, 1), D(2020, 5, 1), D(2020, 6, 1))  # late
    announce(w.p2, D(2020, 12, 31))
    maintain(w.p2, D(2019, 12, 15), D(2020, 6, 1))
    for p in (w.p4, w.p5):
        announce(p, D(2019, 6, 1))
        maintain(p, D(2020, 2, 1), D(2020, 3, 1))
    scope_change(w.p4, D(2020, 3, 1), reannounced=D(2020, 5, 1))
    scope_change(w.p5, D(2020, 8, 1))
    announce(w.d1, D(2019, 1, 1))
    maintain(w.d1, D(2020, 1, 1), D(2020, 2, 1))
    announce(w.d2, D(2020, 10, 10))
    maintain(w.d2, D(2020, 11, 1), D(2020, 11, 20))
    legal(w.d2, "L2", D(2020, 6, 30), D(2020, 9, 30), D(2020, 9, 15))  # on time
    announce(w.c1, D(2019, 1, 1))
    return w
