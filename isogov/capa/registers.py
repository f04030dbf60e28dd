"""The nonconformity log (ISO 9001:2015, 10.2.2: records of nonconformities and the actions taken) as the agency's
nonconformities page lists it, with its filters, through core.registers."""
import datetime as dt

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from isogov.accounts import access
from isogov.capa import selectors
from isogov.core.registers import Column, register_xlsx
from isogov.jobs import files
from isogov.registry.models import Agency

LOG = "capa.log"


def nonconformity_log(*, agency: Agency, data, today: dt.date) -> bytes:
    found = selectors.agency_list(agency=agency, data=data, today=today)
    rows = [[nc.number, nc.detected_on, str(nc.get_source_display()),
             str(nc.get_severity_display()) if nc.severity else "", nc.clause.number if nc.clause else "",
             nc.description, nc.root_cause, str(nc.get_state_display()), _("Yes") if nc.is_overdue else "",
             nc.respond_by, f"{nc.n_done}/{nc.n_actions}", nc.closed_on] for nc in found.qs]
    columns = [Column("#", 6), Column(_("Detected"), 12), Column(_("Source"), 20), Column(_("Severity"), 10),
               Column(_("Clause"), 8), Column(_("Nonconformity"), 50), Column(_("Root cause"), 40),
               Column(_("State"), 20), Column(_("Overdue"), 10), Column(_("Report by"), 12),
               Column(_("Actions done"), 10), Column(_("Closed on"), 12)]
    return register_xlsx(title=_("Nonconformity log"), scope=agency.name, columns=columns, rows=rows, today=today)


def log_file(*, user, params: dict) -> tuple[str, bytes]:
    """The nonconformity log of `params["code"]` for `user`, with the page's filters, in Vietnamese."""
    agency = access.access_agency(user, params["code"])
    with translation.override("vi"):
        content = nonconformity_log(agency=agency, data=QueryDict(params.get("query", "")), today=timezone.localdate())
    return f"so-theo-doi-su-khong-phu-hop-{agency.code}.xlsx", content


def register() -> None:
    files.register(LOG, log_file)
