"""Reads of the reports' own rows (the figures are read by report.py, counts.py and agency_facts.py)."""
from isogov.registry.models import Agency
from isogov.reports.models import AnnualText


def annual_text(*, year: int, agency: Agency | None) -> AnnualText | None:
    """What was written for `year`'s report of `agency` (None: the province's), if anything."""
    return AnnualText.objects.filter(year=year, agency=agency).first()
