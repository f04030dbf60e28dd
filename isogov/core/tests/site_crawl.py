"""A small crawler for the fuzz test: it walks the pages a user can reach by following links, reads every form
they hold and posts them back with chosen values, recording every answer 500 with its traceback.

It reads the forms from the HTML a browser gets, so a form added later is fuzzed without anyone listing it.
"""
import io
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.core.signals import got_request_exception
from django.test import Client
from django.urls import Resolver404, resolve

from isogov.conftest import login
from isogov.core.tests.files import pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SKIP_PREFIXES = ("/static/", "/media/", "/logout", "/i18n/", "/admin/")


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, date, number, email, url, hidden, checkbox, radio, select, file, password
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False
    multiple: bool = False


@dataclass
class Form:
    page: str
    action: str
    method: str
    htmx: bool
    fields: list[Field] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    def signature(self) -> tuple:
        """The same form on another record (the edit form of each budget line) counts once."""
        path = urlsplit(self.action).path
        try:
            route = resolve(path).route
        except Resolver404:
            route = path
        return (self.method, route, tuple(sorted({f.name for f in self.fields})), tuple(sorted(self.buttons)))


class _Page(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.links, self.forms = url, [], []
        self._form: Form | None = None
        self._text: Field | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.url, a["href"]))
        elif tag == "form":
            method = "post" if (a.get("method", "get").lower() == "post" or "hx-post" in a) else "get"
            action = a.get("hx-post") or a.get("action") or a.get("hx-get") or self.url
            self._form = Form(self.url, urljoin(self.url, action), method, "hx-post" in a or "hx-get" in a)
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                if a.get("name"):
                    self._form.buttons.append((a["name"], a.get("value", "")))
                return
            if kind == "text" and ("dd/mm/yyyy" in a.get("placeholder", "") or a["name"].endswith(("date", "_on"))):
                kind = "date"
            if a.get("inputmode") in ("numeric", "decimal"):
                kind = "number"
            self._form.fields.append(Field(a["name"], kind, a.get("value", ""), checked="checked" in a))
        elif tag == "textarea":
            self._text = Field(a["name"], "textarea")
            self._form.fields.append(self._text)
        elif tag == "select":
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._form.buttons.append((a["name"], a.get("value", "")))

    def handle_data(self, data):
        if self._text is not None:
            self._text.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._text = None
        elif tag == "select":
            self._select = None


class Site:
    """A logged-in browser that never raises: an answer 500 is recorded with the view's traceback."""

    def __init__(self, user, *, limit: int = 700):
        self.client = login(Client(raise_request_exception=False), user)
        self.user, self.limit = user, limit
        self.errors: list[str] = []
        self.pages: dict[str, int] = {}
        self.forms: dict[tuple, Form] = {}
        self.documents: list[str] = []
        self._last_exception = ""
        got_request_exception.connect(self._record, weak=False)

    def close(self):
        got_request_exception.disconnect(self._record)

    def _record(self, sender, request=None, **kwargs):
        self._last_exception = traceback.format_exc(limit=-6)

    def _check(self, method: str, url: str, response, data=None) -> None:
        if response.status_code >= 500:
            sample = {k: (v[:60] if isinstance(v, str) else v) for k, v in (data or {}).items()}
            self.errors.append(f"{method} {url} as {self.user.username} -> {response.status_code} {sample}\n"
                               f"{self._last_exception}")
        self._last_exception = ""

    def get(self, url: str, **headers):
        response = self.client.get(url, **headers)
        self._check("GET", url, response)
        return response

    def post(self, form: Form, data: dict):
        headers = {"HTTP_HX_REQUEST": "true"} if form.htmx else {}
        if form.method == "get":
            response = self.client.get(form.action.split("?")[0], data, **headers)
        else:
            response = self.client.post(form.action, data, **headers)
        self._check(form.method.upper(), form.action, response, data)
        return response

    def crawl(self, starts: list[str], *, allow=lambda path: True) -> None:
        """Every page reachable from `starts` by links, one URL per path and set of query keys."""
        queue, seen_shapes = list(starts), set()
        while queue and len(self.pages) < self.limit:
            url = queue.pop(0)
            parts = urlsplit(url)
            if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIP_PREFIXES):
                continue
            shape = (parts.path, tuple(sorted({k for k, _v in parse_qsl(parts.query)})))
            if shape in seen_shapes or not allow(parts.path):
                continue
            seen_shapes.add(shape)
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            response = self.get(local)
            self.pages[local] = response.status_code
            content_type = response.get("Content-Type", "")
            if response.status_code != 200:
                continue
            if DOCX in content_type or XLSX in content_type or "text/csv" in content_type:
                self.documents.append(local)
                self._open_document(local, content_type, response)
                continue
            if "text/html" not in content_type:
                continue
            page = _Page("http://testserver" + local)
            page.feed(response.content.decode())
            queue.extend(page.links)
            for form in page.forms:
                form.page, form.action = local, _local(form.action)
                self.forms.setdefault(form.signature(), form)

    def _open_document(self, url: str, content_type: str, response) -> None:
        data = b"".join(response.streaming_content) if response.streaming else response.content
        try:
            if DOCX in content_type:
                from docx import Document

                Document(io.BytesIO(data))
            elif XLSX in content_type:
                from openpyxl import load_workbook

                load_workbook(io.BytesIO(data))
            else:
                data.decode("utf-8-sig")
        except Exception:  # noqa: BLE001 - any failure to open the file is the finding
            self.errors.append(f"GET {url}: the document does not open\n{traceback.format_exc(limit=-3)}")


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fill(form: Form, *, text: str, date: str, number: str, button: tuple[str, str] | None = None) -> dict:
    """The form's own values, with `text`, `date` and `number` typed into every field of that kind."""
    data: dict = {}
    for f in form.fields:
        if f.kind in ("text", "search", "textarea", "tel", "email", "url", "password"):
            data[f.name] = text
        elif f.kind == "date":
            data[f.name] = date
        elif f.kind == "number":
            data[f.name] = number
        elif f.kind == "hidden":
            data[f.name] = f.value
        elif f.kind == "checkbox":
            if f.checked:
                data.setdefault(f.name, []).append(f.value or "on")
        elif f.kind == "radio":
            if f.checked or f.name not in data:
                data[f.name] = f.value
        elif f.kind == "select":
            choices = [o for o in f.options if o]
            chosen = f.value or (choices[0] if choices else "")
            data[f.name] = [chosen] if f.multiple else chosen
        elif f.kind == "file":
            data[f.name] = pdf("tai-lieu.pdf")
    if button:
        data[button[0]] = button[1]
    return data


def query(url: str, **params) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(params)
