"""The annual reports as tables: the province's to the Ministry of Science and Technology (Decision 19/2014 art. 12.6,
form "Phụ lục II", built from the list in the domain brief) and an agency's to the lead unit.

Every format (the page, XLSX, DOCX, PDF) prints these sections, so they carry the same figures. The province's
agency figures are the dashboard's (`province_figures` at the end of 31 December); the year's own counts come from
the records dated in that year (counts.py). Nothing is read from today's state, so a past year regenerates alike.
"""
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from isogov.dashboard.figures import Figures, province_figures
from isogov.inspections.models import Grade
from isogov.registry.models import Agency
from isogov.reports.agency_facts import AgencyYear, agency_year
from isogov.reports.counts import YearCounts, year_counts
from isogov.reports.models import AnnualText
from isogov.reports.rules import provisional, year_end
from isogov.reports.selectors import annual_text


@dataclass
class Column:
    key: str
    head: str
    money: bool = False


@dataclass
class Section:
    """One table: `rows` are dicts by column key, values int, Decimal (a rate, None when there is no base) or text."""
    key: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    note: str = ""
    links: list[dict] = field(default_factory=list)  # per row, {column: the page listing what the figure counts}

    def cells(self) -> list[list]:
        return [[row.get(c.key) for c in self.columns] for row in self.rows]

    def linked(self) -> list[list[tuple]]:
        """(value, url) per cell, for the page: a tier's figure opens the dashboard's list of its agencies."""
        links = self.links or [{}] * len(self.rows)
        return [[(row.get(c.key), link.get(c.key, "")) for c in self.columns] for row, link in zip(self.rows, links)]


@dataclass
class Report:
    year: int
    as_of: dt.date
    provisional: bool
    sections: list[Section]
    text: AnnualText | None
    agency: Agency | None = None
    figures: Figures | None = None
    counts: YearCounts | None = None
    facts: AgencyYear | None = None

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _pairs(key: str, title: str, pairs: list[tuple[str, object]]) -> Section:
    """A two-column table (what, how many)."""
    return Section(key, title, [Column("label", _("Item")), Column("value", _("Figure"))],
                   [{"label": label, "value": value} for label, value in pairs])


def _tier_sections(figures: Figures) -> list[Section]:
    rows = [*figures.tiers, figures.total]

    def name(row) -> str:
        return row.name or _("Whole province")

    qms = Section("qms", _("Agencies applying the QMS, by tier"), [
        Column("tier", _("Tier")), Column("agencies", _("Agencies")), Column("must_apply", _("Must apply")),
        Column("announced", _("Announced")), Column("announced_rate", _("Announced (%)")),
        Column("maintaining", _("Maintaining")),
        Column("maintaining_rate", _("Maintaining (%)")),
        Column("building", _("Building")), Column("not_started", _("Not started"))])
    qms.rows = [{"tier": name(r), "agencies": r.agencies, "must_apply": r.must_apply, "announced": r.announced,
                 "announced_rate": r.announced_rate, "maintaining": r.maintaining,
                 "maintaining_rate": r.maintaining_rate, "building": r.building, "not_started": r.not_started}
                for r in rows]
    follow = Section("follow", _("Compliance and follow-up, by tier"), [
        Column("tier", _("Tier")), Column("compliant", _("Compliant")), Column("compliant_rate", _("Compliant (%)")),
        Column("ca_overdue", _("With a corrective action overdue")),
        Column("legal_overdue", _("With a legal text overdue")),
        Column("trained", _("With staff trained")), Column("trained_rate", _("Training coverage (%)"))])
    follow.rows = [{"tier": name(r), "compliant": r.compliant, "compliant_rate": r.compliant_rate,
                    "ca_overdue": r.ca_overdue, "legal_overdue": r.legal_overdue, "trained": r.trained,
                    "trained_rate": r.trained_rate} for r in rows]
    qms.note = _("Rates are of the agencies that must apply (the plan's target: 100%).")
    qms.links = follow.links = [row.urls for row in rows]
    return [qms, follow]


ROLLUP_TITLES = {"province": (gettext_lazy("Per province"), pgettext_lazy("roll-up", "Province")),
                 "district": (gettext_lazy("Per district"), pgettext_lazy("roll-up", "District"))}
# A column of a roll-up's table and the dashboard figure its number lists.
ROLLUP_COLUMNS = (("agencies", "agencies"), ("must_apply", "must_apply"), ("announced", "announced_must"),
                  ("compliant", "compliant"), ("trained", "trained"))


ROLLUP_MAX_ROWS = 100  # a province has a few dozen districts at most; a country's hundreds are the dashboard's


def _rollup_section(figures: Figures) -> Section | None:
    """The figures per province in a ministry's report, else per district (a province's): the first roll-up
    with more than one group. More groups than a report prints are left to the dashboard, page by page."""
    level = next((lv for lv in ("province", "district") if len(figures.rollups.get(lv, [])) > 1), None)
    if level is None:
        return None
    title, head = ROLLUP_TITLES[level]
    rows = figures.rollups[level]
    section = Section(f"by_{level}", str(title), [
        Column("group", str(head)), Column("agencies", _("Agencies")), Column("must_apply", _("Must apply")),
        Column("announced", _("Announced, of those that must apply")), Column("announced_rate", _("Announced (%)")),
        Column("compliant", _("Compliant")), Column("compliant_rate", _("Compliant (%)")),
        Column("trained", _("With staff trained")), Column("trained_rate", _("Training coverage (%)"))])
    if len(rows) > ROLLUP_MAX_ROWS:
        section.note = _("%(count)s groups: too many to print here; the dashboard shows them page by page.") % {
            "count": len(rows)}
        return section
    section.rows = [{"group": r.name, "agencies": r.agencies, "must_apply": r.must_apply,
                     "announced": r.announced_must, "announced_rate": r.announced_rate, "compliant": r.compliant,
                     "compliant_rate": r.compliant_rate, "trained": r.trained, "trained_rate": r.trained_rate}
                    for r in rows]
    section.links = [{column: r.urls[figure] for column, figure in ROLLUP_COLUMNS} if r.code else {} for r in rows]
    section.note = _("Announced: of the agencies that must apply.")
    return section


def _training(counts: YearCounts, figures: Figures) -> Section:
    return _pairs("training", _("Training"), [
        (_("Training sessions held in the year"), counts.sessions),
        (_("People trained in the year"), counts.trainees),
        (_("Of whom completed the course"), counts.completed),
        (_("Agencies whose staff were trained in the year"), counts.agencies_trained),
        (_("Agencies covered by the training on 31/12"), figures.total.trained),
    ])


def _inspections(counts: YearCounts, figures: Figures) -> Section:
    ins = figures.inspections
    pairs = [(_("Agencies to inspect on site (plan's target)"), ins.onsite_target),
             (_("Agencies on the plan's on-site list"), ins.onsite_planned),
             (_("Agencies inspected on site (record signed)"), ins.inspected),
             (_("Agencies whose records and reports were checked"), ins.records_checked),
             (_("Findings"), ins.findings)]
    pairs += [(" · " + str(Grade(g).label), n) for g, n in counts.findings.items()]
    pairs += [(_("Nonconformities opened by the findings"), ins.nonconformities),
              (_("Of which closed by 31/12"), ins.closed)]
    section = _pairs("inspections", _("Inspection and supervision"), pairs)
    if not ins.planned:
        section.note = _("no inspection plan for this year")
    return section


def _budget(counts: YearCounts, figures: Figures) -> Section:
    section = Section("budget", _("Budget (đồng)"), [
        Column("plan", _("Plan")), Column("estimate", _("Estimate"), money=True),
        Column("allocated", _("Allocated"), money=True), Column("disbursed", _("Disbursed by 31/12"), money=True),
        Column("spent_year", _("Spent in the year"), money=True)])
    section.rows = [{"plan": f"{p.title} ({p.period})", "estimate": p.estimate, "allocated": p.allocated,
                     "disbursed": p.disbursed, "spent_year": None} for p in figures.budget.plans]
    section.rows += [{"plan": _("Spent in the year: %(category)s") % {"category": label}, "spent_year": amount}
                     for label, amount in counts.spent_by_category]
    section.rows.append({"plan": _("Total"), "estimate": figures.budget.estimate,
                         "allocated": figures.budget.allocated, "disbursed": figures.budget.disbursed,
                         "spent_year": counts.spent})
    section.note = _("Estimates and allocations are the plans' current figures: only payments carry a date.")
    return section


def _score(figures: Figures) -> Section | None:
    score = figures.score
    if not score.tiers and score.province is None:
        return None
    section = Section("score", _("Administrative reform score, ISO component (%(year)s)") % {"year": score.year}, [
        Column("tier", _("Tier")), Column("points", _("Points")), Column("max_points", _("Out of")),
        Column("percent", _("%"))])
    rows = [*score.tiers, *([score.province] if score.province else [])]
    section.rows = [{"tier": r.name or _("Whole province"), "points": r.points, "max_points": r.max_points,
                     "percent": r.percent} for r in rows]
    return section


def province_report(*, user, year: int) -> Report:
    """`user` None: the whole province (the command line); else the agencies `user` reads, as the dashboard."""
    as_of = year_end(year)
    figures = province_figures(user=user, as_of=as_of)
    counts = year_counts(user=user, year=year)
    sections = [*_tier_sections(figures)]
    if rollup := _rollup_section(figures):
        sections.append(rollup)
    sections += [_training(counts, figures), _inspections(counts, figures), _budget(counts, figures)]
    if score := _score(figures):
        sections.append(score)
    text = annual_text(year=year, agency=None)
    return Report(year, as_of, provisional(year), sections, text, figures=figures, counts=counts)


def _dates(days: list[dt.date]) -> str:
    return ", ".join(d.strftime("%d/%m/%Y") for d in days) or _("none")


def agency_report(*, agency: Agency, year: int) -> Report:
    facts = agency_year(agency, year)
    a = facts.announcement
    announced = (_("Decision %(number)s of %(date)s") % {"number": a.decision_number,
                                                         "date": a.decision_date.strftime("%d/%m/%Y")}
                 if a else _("Not announced"))
    qms = _pairs("qms", _("The QMS on 31/12"), [
        (_("State"), facts.state_label), (_("Announcement"), announced),
        (_("Internal audits held in the year"), _dates(facts.audits)),
        (_("Management reviews held in the year"), _dates(facts.reviews))])
    capa = _pairs("capa", _("Nonconformities and corrective actions"), [
        (_("Nonconformities detected in the year"), facts.nc_opened),
        (_("Nonconformities closed in the year"), facts.nc_closed),
        (_("Nonconformities open on 31/12"), facts.nc_open),
        (_("Corrective actions overdue on 31/12"), facts.actions_overdue)])
    legal = _pairs("legal", _("Legal updates"), [
        (_("Legal texts due to be brought in during the year"), facts.legal_due),
        (_("Brought in by their deadline"), facts.legal_in_time),
        (_("Not brought in by 31/12"), facts.legal_pending)])
    objectives = _pairs("objectives", _("Quality objectives of the year"), [
        (_("Objectives"), facts.objectives), (_("Achieved"), facts.objectives_met),
        (_("Not achieved"), facts.objectives_missed)])
    objectives.note = _("Whether an objective was achieved is its record as it stands: measured values carry no "
                        "date.")
    if not facts.existed:
        qms.note = _("This agency did not exist in %(year)s.") % {"year": year}
    elif agency.ended_on and agency.ended_on.year == year:
        qms.note = _("This agency ended on %(date)s (merged or dissolved).") % {
            "date": agency.ended_on.strftime("%d/%m/%Y")}
    inspection = facts.inspection
    checked = facts.records_check
    other = _pairs("training", _("Training and inspection"), [
        (_("Staff trained in the year"), facts.trainees), (_("Of whom completed the course"), facts.trained),
        (_("Inspected on site"), inspection.record_date.strftime("%d/%m/%Y") if inspection else _("No")),
        (_("Findings of the inspection"), facts.findings),
        (_("Records and reports checked"), checked.checked_on.strftime("%d/%m/%Y") if checked else _("No"))])
    text = annual_text(year=year, agency=agency)
    return Report(year, year_end(year), provisional(year), [qms, capa, legal, objectives, other], text,
                  agency=agency, facts=facts)


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}".replace(".", ",")
