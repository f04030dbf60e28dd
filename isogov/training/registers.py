"""Training coverage as the coverage page lists it (same filter: tier and threshold): the agencies with fewer
trained staff than the threshold, through core.registers."""
import datetime as dt

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from isogov.core.registers import Column, register_xlsx
from isogov.jobs import files
from isogov.training import selectors

COVERAGE = "training.coverage"


def coverage_register(*, user, data, today: dt.date) -> bytes:
    found = selectors.coverage_filter(user=user, data=data)
    agencies = selectors.untrained_agencies(agencies=found.qs, min_trained=found.min_trained)
    rows = [[a.code, a.name, a.parent.name if a.parent_id else "", str(a.tier), str(a.get_qms_state_display()),
             a.trained_count] for a in agencies]
    columns = [Column(_("Code"), 12), Column(_("Agency"), 40), Column(_("Under"), 30), Column(_("Tier"), 14),
               Column(_("QMS state"), 20), Column(_("Trained staff"), 12)]
    scope = _("Agencies with fewer than %(n)s trained staff") % {"n": found.min_trained}
    return register_xlsx(title=_("Training coverage"), scope=scope, columns=columns, rows=rows, today=today)


def coverage_file(*, user, params: dict) -> tuple[str, bytes]:
    """The coverage list for `user` with the page's filters (`params["query"]`), in Vietnamese."""
    with translation.override("vi"):
        content = coverage_register(user=user, data=QueryDict(params.get("query", "")) or None,
                                    today=timezone.localdate())
    return "bao-phu-dao-tao.xlsx", content


def register() -> None:
    files.register(COVERAGE, coverage_file)
