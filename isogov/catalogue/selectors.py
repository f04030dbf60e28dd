"""Reads of the catalogue. Agency reads take an agency the caller obtained through access.access_agency; the
province's reads are for the province-wide roles (the views check access.reads_whole_programme)."""
import datetime as dt
import json
from pathlib import Path

from django.db.models import Count, F, Q

from isogov.catalogue import rules
from isogov.catalogue.models import CatalogueEntry, EditionTransition, LegalNotice, LegalText, ScopeReview
from isogov.clauses.models import Clause, Framework
from isogov.core.text import fold
from isogov.qms.models import Procedure
from isogov.registry.models import Agency

MAPPING_FILE = Path(__file__).parent / "data" / "iso9001-2015-to-2026.json"


def catalogue(*, q: str = ""):
    qs = CatalogueEntry.objects.filter(withdrawn_by__isnull=True).select_related("procedure", "published_by")
    if q:
        qs = qs.filter(procedure__search_text__contains=fold(q))
    return qs.order_by("procedure__field", "procedure__code")


def proposal(*, agency: Agency) -> dict:
    """The scope the catalogue proposes for `agency`: what its kind handles that its scope lacks, and what its scope
    holds that the province has withdrawn. Three queries."""
    in_scope = Procedure.objects.filter(scope_items__agency=agency)
    add = list(Procedure.objects.filter(catalogue_entry__withdrawn_by__isnull=True,
                                        catalogue_entry__agency_kinds__contains=f",{agency.kind},")
               .exclude(pk__in=in_scope.values("pk")).order_by("code"))
    remove = list(in_scope.filter(catalogue_entry__withdrawn_by__isnull=False).order_by("code"))
    reviews = list(ScopeReview.objects.filter(agency=agency).select_related("publication", "done_by")
                   .order_by("-publication__decided_on", "-pk")[:20])
    return {"add": add, "remove": remove, "reviews": reviews}


def legal_texts(*, today: dt.date):
    """Every province text with its counts in SQL: agencies it reached, brought in (late), overdue (one query)."""
    return LegalText.objects.annotate(**_counts("notices__document__", today)).order_by("-effective_on", "-pk")


def _counts(prefix: str, today: dt.date) -> dict:
    incorporated = Q(**{f"{prefix}incorporated_on__isnull": False})
    late = Q(**{f"{prefix}incorporated_on__gt": F(f"{prefix}legal_due_on")})
    return {
        "reached": Count("notices", distinct=True),
        "brought_in": Count("notices", filter=incorporated, distinct=True),
        "late": Count("notices", filter=incorporated & late, distinct=True),
        "pending": Count("notices", filter=~incorporated & Q(**{f"{prefix}legal_due_on__gte": today}), distinct=True),
        "overdue": Count("notices", filter=~incorporated & Q(**{f"{prefix}legal_due_on__lt": today}), distinct=True),
    }


def legal_text_status(*, legal_text: LegalText, today: dt.date, state: str = ""):
    """The agencies a text reached, each with its document (for the state shown), filtered by state; its counts."""
    counts = LegalText.objects.filter(pk=legal_text.pk).aggregate(**_counts("notices__document__", today))
    notices = (LegalNotice.objects.filter(legal_text=legal_text)
               .select_related("agency", "agency__tier", "document").order_by("agency__path"))
    done = Q(document__incorporated_on__isnull=False)
    notices = {
        "brought_in": notices.filter(done),
        "overdue": notices.filter(~done, document__legal_due_on__lt=today),
        "pending": notices.filter(~done, document__legal_due_on__gte=today),
    }.get(state, notices)
    return counts, notices


def edition(*, agency: Agency) -> dict:
    code = rules.next_edition()
    return {
        "framework": Framework.objects.filter(code=code).first(),
        "deadline": rules.transition_deadline(),
        "done": EditionTransition.objects.filter(agency=agency, framework_code=code).first(),
        "mapping": mapping_rows(),
    }


def read_mapping(path: Path = MAPPING_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def mapping_rows() -> list[dict]:
    """The clause mapping (a data file) with both editions' titles, where both frameworks are loaded."""
    data = read_mapping()
    titles = {(c.framework.code, c.number): c.title for c in Clause.objects.filter(
        framework__code__in=[data["from"], data["to"]]).select_related("framework")}
    return [{"old": old, "old_title": titles.get((data["from"], old), ""),
             "new": [{"number": n, "title": titles.get((data["to"], n), "")} for n in new]}
            for old, new in data["map"].items()]


def mapping_problems(path: Path = MAPPING_FILE) -> list[str]:
    """Clause numbers of the mapping that one of its two framework files lacks (the files, not the database)."""
    from isogov.clauses.loader import BUILTIN_DIR, read_framework

    data = read_mapping(path)
    numbers = {}
    for code in (data["from"], data["to"]):
        for folder in (BUILTIN_DIR, MAPPING_FILE.parent):
            if (folder / f"{code}.json").exists():
                numbers[code] = {str(c["number"]) for c in read_framework(folder / f"{code}.json")["clauses"]}
    problems = [f"{data['from']} {old}" for old in data["map"] if old not in numbers.get(data["from"], ())]
    problems += [f"{data['to']} {new}" for targets in data["map"].values() for new in targets
                 if new not in numbers.get(data["to"], ())]
    return problems
