"""The document list as a register (ISO 9001:2015, 7.5.3: the list of documented information), the same rows as
the documents page with its filters, through core.registers."""
import datetime as dt

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from isogov.accounts import access
from isogov.core.registers import Column, register_xlsx
from isogov.documents import selectors
from isogov.jobs import files
from isogov.registry.models import Agency

REGISTER = "documents.register"


def _version(v) -> str:
    return f"{v.label} · {v.get_status_display()}" if v else ""


def document_register(*, agency: Agency, data, today: dt.date) -> bytes:
    found = selectors.document_list(agency=agency, data=data, today=today)
    rows = []
    for d in selectors.decorate(found.qs, today=today):
        owner = ", ".join(n for n in (d.owner_name, d.owner_user and (d.owner_user.full_name or d.owner_user.username))
                          if n)
        rows.append([d.code, d.title, str(d.get_kind_display()), d.legal_number, d.issuing_body, owner,
                     d.in_force.label if d.in_force else "", d.in_force.effective_on if d.in_force else None,
                     _version(d.in_progress), d.legal.label if d.legal else "", d.legal_due_on])
    columns = [Column(_("Code"), 12), Column(_("Title"), 48), Column(_("Kind"), 16), Column(_("Number"), 18),
               Column(_("Issuing body"), 24), Column(_("Owner"), 24), Column(_("In force"), 10),
               Column(_("Effective from"), 14), Column(_("In progress"), 20), Column(_("Legal update"), 22),
               Column(_("To be brought in by"), 16)]
    return register_xlsx(title=_("List of documents"), scope=agency.name, columns=columns, rows=rows, today=today)


def register_file(*, user, params: dict) -> tuple[str, bytes]:
    """The list of documents of `params["code"]` for `user`, with the page's filters, in Vietnamese."""
    agency = access.access_agency(user, params["code"])
    with translation.override("vi"):
        content = document_register(agency=agency, data=QueryDict(params.get("query", "")), today=timezone.localdate())
    return f"danh-muc-tai-lieu-{agency.code}.xlsx", content


def register() -> None:
    files.register(REGISTER, register_file)
