"""The risk register (ISO 9001:2015, 6.1) as the risks page lists it, with its filters, through core.registers."""
import datetime as dt

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from isogov.accounts import access
from isogov.core.registers import Column, register_xlsx
from isogov.jobs import files
from isogov.registry.models import Agency
from isogov.risks import scale, selectors

REGISTER = "risks.register"


def _band(rating) -> str:
    name = scale.band(rating)
    return f"{rating} ({scale.BAND_LABELS[name]})" if name else ""


def risk_register(*, agency: Agency, data, today: dt.date) -> bytes:
    found = selectors.register(agency=agency, data=data, today=today)
    rows = [[str(r.get_kind_display()), str(r.get_status_display()), r.description,
             " ".join(x for x in (r.process, r.procedure.code if r.procedure else "") if x),
             r.likelihood, r.impact, _band(r.rating), _band(r.residual_rating), r.owner, r.review_date,
             r.actions_open, r.actions_overdue, r.actions_total] for r in found.qs]
    columns = [Column(_("Type"), 12), Column(_("Status"), 10), Column(_("Description"), 50),
               Column(_("Process or procedure"), 24), Column(_("Likelihood"), 10), Column(_("Impact"), 10),
               Column(_("Rating"), 14), Column(_("Residual"), 14), Column(_("Owner"), 20), Column(_("Next review"), 14),
               Column(_("Open actions"), 10), Column(_("Overdue actions"), 10), Column(_("All actions"), 10)]
    return register_xlsx(title=_("Risk register"), scope=agency.name, columns=columns, rows=rows, today=today)


def register_file(*, user, params: dict) -> tuple[str, bytes]:
    """The risk register of `params["code"]` for `user`, with the page's filters (`params["query"]`), in Vietnamese."""
    agency = access.access_agency(user, params["code"])
    with translation.override("vi"):
        content = risk_register(agency=agency, data=QueryDict(params.get("query", "")), today=timezone.localdate())
    return f"so-dang-ky-rui-ro-{agency.code}.xlsx", content


def register() -> None:
    files.register(REGISTER, register_file)
