"""The load: fifty people at work at once, reading and writing as they would in a browser or a program.

Run by bench/load/run.py (`make load`, `make load-pg`), which prepares the people (prepare.py) and passes:
LOAD_ACCOUNTS (their JSON), LOAD_ACKS (the acknowledgement log this file appends to) and LOAD_RUN (the run's
six hex digits, in every write's marker). By hand: `locust -f bench/load/locustfile.py --host http://127.0.0.1:PORT`.

Each virtual user takes the next account and keeps it, with its own cookies: it opens the login page, posts its
username, password and CSRF token, and then, after a pause of 1 to 3 seconds between actions, does what its role
does (weights below): an agency's secretary reads the to-do, the agency, its documents and records, its
compliance card, the dashboard and the API lists with the token she made on her account page at the start, and
writes risks and nonconformities through the API and documents and measurements through the forms; a head
reads the same and opens nonconformities through the form; the province-wide people read the province's pages and
lists and ask for an audit-trail export (a job for the worker). Now and then a person logs out and in again.

Redirects are not followed by the client: a 302 is what a form's success answers, and a 302 to the login page
(a lost session) is an error. Any answer other than the one the step expects is a failure, reported by locust
with the start of its body; there are no "expected" errors in this scenario.
"""
import datetime as dt
import itertools
import json
import os
import random
import re
import sys
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from marks import Ack, AckLog, marker  # noqa: E402

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SECRET = re.compile(r'data-testid="secret">([^<]+)<')
RUN = os.environ.get("LOAD_RUN") or uuid.uuid4().hex[:6]
# Every kind of write this file makes (the suite checks that check.py reads each back).
WRITE_KINDS = ("token", "risk", "nonconformity", "document", "measurement", "export")

_people = None
_next = itertools.count()
_log = None
_requests = None  # every request's start, time and outcome (LOAD_REQUESTS), for the summary's steady state


def people() -> dict:
    global _people
    if _people is None:
        _people = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text(encoding="utf-8"))
    return _people


def ack_log() -> AckLog:
    global _log
    if _log is None:
        _log = AckLog(Path(os.environ["LOAD_ACKS"]))
    return _log


def request_log(line: dict) -> None:
    global _requests
    if not os.environ.get("LOAD_REQUESTS"):
        return
    if _requests is None:
        _requests = Path(os.environ["LOAD_REQUESTS"]).open("a", encoding="utf-8")
    _requests.write(json.dumps(line, ensure_ascii=False) + "\n")


@events.request.add_listener
def _record(request_type, name, response_time, exception=None, start_time=None, **_kwargs):
    request_log({"at": start_time, "ms": response_time, "name": name, "method": request_type,
                 "failed": exception is not None})


@events.test_stop.add_listener
def _close(**_kwargs):
    for handle in (_log, _requests):
        if handle is not None:
            handle.close()


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        accounts = people()["accounts"]
        self.number = next(_next)
        if self.number >= len(accounts):
            raise StopUser(f"more users than the {len(accounts)} accounts prepared")
        self.account = accounts[self.number]
        self.username, self.role, self.code = self.account["username"], self.account["role"], self.account["agency"]
        self.writes = itertools.count(1)
        self.today = dt.date.fromisoformat(people()["today"])
        self.token = ""
        self.login()
        if self.role == "secretary":
            self.make_token()
        self.actions = ROLE_ACTIONS[self.role]
        request_log({"ready": time.time(), "username": self.username})  # logged in (and the token made)

    # --- requests -----------------------------------------------------------------------------------------

    def answer(self, response, expect: tuple, what: str, to_login: bool = False) -> bool:
        """Mark the response a success when its status is expected and it is not a detour to the login page
        (unless that is where the step leads: a logout)."""
        location = response.headers.get("Location", "")
        if response.status_code not in expect:
            body = response.text[:300].replace("\n", " ") if response.text else ""
            error = f" {response.error!r}" if response.error else ""
            response.failure(f"{what}: {response.status_code} (expected {expect}){error} {location} {body}")
            return False
        if response.status_code == 302 and "/login/" in location and not to_login:
            response.failure(f"{what}: sent to the login page (session lost)")
            return False
        response.success()
        return True

    def get(self, path: str, name: str, expect=(200,), **kwargs):
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True, **kwargs) as response:
            self.answer(response, expect, name)
            return response

    def form_token(self, path: str, name: str) -> str:
        """GET a page with a form; its CSRF token (the person fills the form in on that page)."""
        response = self.get(path, name)
        found = TOKEN.search(response.text or "")
        return found.group(1) if found else self.client.cookies.get("csrftoken", "")

    def post_form(self, path: str, name: str, data: dict, token: str, expect=(302,), to_login=False):
        with self.client.post(path, data={"csrfmiddlewaretoken": token, **data}, name=name, allow_redirects=False,
                              catch_response=True, headers={"Referer": self.host + path}) as response:
            ok = self.answer(response, expect, name, to_login=to_login)
            return response, ok

    def api(self, method: str, path: str, name: str, expect=(200,), **kwargs):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        with self.client.request(method, path, name=name, headers=headers, allow_redirects=False,
                                 catch_response=True, **kwargs) as response:
            ok = self.answer(response, expect, name)
            return response, ok

    def next_marker(self) -> str:
        return marker(RUN, self.number, next(self.writes))

    def acknowledged(self, kind: str, mark: str, status: int, **extra) -> None:
        ack_log().add(Ack(kind=kind, marker=mark, status=status, username=self.username, agency=self.code,
                          extra=extra))

    def follow(self, response, name="page: after a write") -> None:
        """What the browser does with a write's redirect: show the page it points to."""
        location = response.headers.get("Location", "")
        if location:
            self.get(location, name)

    # --- session ------------------------------------------------------------------------------------------

    def login(self) -> None:
        token = self.form_token("/login/", "login: GET /login/")
        _response, ok = self.post_form("/login/", "login: POST /login/", token=token,
                                       data={"username": self.username, "password": self.account["password"]})
        if not ok:
            raise StopUser(f"{self.username} could not log in")

    def relogin(self) -> None:
        token = self.client.cookies.get("csrftoken", "")
        self.post_form("/logout/", "login: POST /logout/", data={}, token=token, to_login=True)
        self.login()

    def make_token(self) -> None:
        """A read-write API token made on the account page; its secret is shown once, in the 201 answer."""
        mark = self.next_marker()
        token = self.form_token("/account/tokens/", "form: GET /account/tokens/")
        response, ok = self.post_form("/account/tokens/", "form: POST /account/tokens/", token=token, expect=(201,),
                                      data={"name": mark, "scope": "read-write", "expires_on": ""})
        found = SECRET.search(response.text or "")
        if not (ok and found):
            raise StopUser(f"{self.username} could not make a token")
        self.acknowledged("token", mark, response.status_code)
        self.token = found.group(1).strip()

    # --- what people do -----------------------------------------------------------------------------------

    @task
    def act(self):
        actions, weights = zip(*self.actions)
        random.choices(actions, weights)[0](self)

    def home(self):
        response = self.get("/", "page: / (redirect)", expect=(302,))
        if response.status_code == 302:
            target = response.headers["Location"]
            self.get(target, "page: /dashboard/" if "dashboard" in target else "page: /agencies/[code]/todo/")

    def agency(self):
        self.get(f"/agencies/{self.code}/", "page: /agencies/[code]/")

    def documents(self):
        self.get(f"/agencies/{self.code}/documents/", "page: /agencies/[code]/documents/")

    def document(self):
        if self.account["documents"]:
            pk = random.choice(self.account["documents"])
            self.get(f"/agencies/{self.code}/documents/{pk}/", "page: /agencies/[code]/documents/[pk]/")

    def compliance_card(self):
        self.get(f"/agencies/{self.code}/compliance/", "page: /agencies/[code]/compliance/")

    def records(self):
        area = random.choice(["objectives", "risks", "capa"])
        self.get(f"/agencies/{self.code}/{area}/", f"page: /agencies/[code]/{area}/")

    def agency_list(self):
        self.get("/agencies/", "page: /agencies/")

    def dashboard(self):
        self.get("/dashboard/", "page: /dashboard/")

    def api_lists(self):
        area = random.choice(["documents", "risks", "nonconformities", "objectives"])
        self.api("GET", f"/api/v1/agencies/{self.code}/{area}/", f"api: GET /api/v1/agencies/[code]/{area}/")

    def api_agencies(self):
        self.api("GET", "/api/v1/agencies/", "api: GET /api/v1/agencies/")

    def write_risk(self):
        mark = self.next_marker()
        response, ok = self.api("POST", f"/api/v1/agencies/{self.code}/risks/", "api-write: POST risk", expect=(201,),
                                json={"kind": "risk", "description": f"{mark} Rủi ro ghi trong thử tải",
                                      "likelihood": random.randint(1, 5), "impact": random.randint(1, 5),
                                      "owner": "Văn phòng",
                                      "review_date": (self.today + dt.timedelta(days=60)).isoformat()})
        if ok:
            self.acknowledged("risk", mark, response.status_code, id=response.json()["id"])

    def write_nonconformity_api(self):
        mark = self.next_marker()
        response, ok = self.api("POST", f"/api/v1/agencies/{self.code}/nonconformities/",
                                "api-write: POST nonconformity", expect=(201,),
                                json={"source": "process_monitoring", "severity": "minor",
                                      "description": f"{mark} Sự không phù hợp ghi qua API trong thử tải",
                                      "detected_on": self.today.isoformat()})
        if ok:
            self.acknowledged("nonconformity", mark, response.status_code, id=response.json()["id"])

    def write_document(self):
        mark = self.next_marker()
        path = f"/agencies/{self.code}/documents/new/"
        token = self.form_token(path, "form: GET /agencies/[code]/documents/new/")
        response, ok = self.post_form(path, "form: POST /agencies/[code]/documents/new/", token=token,
                                      data={"code": mark, "title": f"Quy trình thử tải {mark}", "kind": "procedure",
                                            "owner_name": "Văn phòng"})
        if ok:
            self.acknowledged("document", mark, response.status_code)
            self.follow(response)

    def write_measurement(self):
        if not self.account["objectives"]:
            return
        objective = random.choice(self.account["objectives"])
        period = random.choice(objective["periods"])
        mark = self.next_marker()
        base = f"/agencies/{self.code}/objectives/{objective['id']}/"
        token = self.form_token(base, "form: GET /agencies/[code]/objectives/[pk]/")
        response, ok = self.post_form(base + "measure/", "form: POST /agencies/[code]/objectives/[pk]/measure/",
                                      token=token, data={"period_index": period, "value": random.randint(50, 100),
                                                         "note": f"{mark} đo trong thử tải"})
        if ok:
            self.acknowledged("measurement", mark, response.status_code, objective=objective["id"], period=period)
            self.follow(response)

    def write_nonconformity_form(self):
        mark = self.next_marker()
        path = f"/agencies/{self.code}/capa/new/"
        token = self.form_token(path, "form: GET /agencies/[code]/capa/new/")
        response, ok = self.post_form(path, "form: POST /agencies/[code]/capa/new/", token=token,
                                      data={"source": "process_monitoring", "severity": "minor",
                                            "description": f"{mark} Sự không phù hợp ghi qua trang trong thử tải",
                                            "clause": "", "detected_on": self.today.strftime("%d/%m/%Y"),
                                            "correction": ""})
        if ok:
            self.acknowledged("nonconformity", mark, response.status_code)
            self.follow(response)

    # the province-wide people: any active agency
    def any_code(self) -> str:
        return random.choice(people()["agencies"])

    def province_agency(self):
        code = self.any_code()
        self.get(f"/agencies/{code}/", "page: /agencies/[code]/")
        self.get(f"/agencies/{code}/documents/", "page: /agencies/[code]/documents/")

    def province_list(self):
        self.get(f"/agencies/?page={random.randint(1, 4)}", "page: /agencies/")

    def compliance(self):
        self.get("/compliance/", "page: /compliance/")

    def province_capa(self):
        self.get("/capa/", "page: /capa/")

    def audit_trail(self):
        self.get(f"/audit/?agency={self.any_code()}", "page: /audit/")

    def province_api(self):
        if random.random() < 0.5:
            self.api("GET", f"/api/v1/agencies/?page={random.randint(1, 4)}", "api: GET /api/v1/agencies/")
        else:
            self.api("GET", f"/api/v1/agencies/{self.any_code()}/documents/",
                     "api: GET /api/v1/agencies/[code]/documents/")

    def export(self):
        """The audit trail of an agency as a background job: its page, then its status until the worker is done."""
        mark = self.next_marker()
        code = self.any_code()
        token = self.form_token(f"/audit/?agency={code}", "page: /audit/")
        path = f"/audit/export.csv?agency={code}&units=on&load={mark}"
        response, ok = self.post_form(path, "form: POST /audit/export.csv (a job)", data={}, token=token)
        if ok:
            self.acknowledged("export", mark, response.status_code)
            self.follow(response, "page: /jobs/[id]/")


READER = [(Person.home, 4), (Person.agency, 3), (Person.documents, 3), (Person.document, 2),
          (Person.compliance_card, 2), (Person.records, 3), (Person.agency_list, 1), (Person.dashboard, 1),
          (Person.relogin, 1)]
ROLE_ACTIONS = {
    "secretary": READER + [(Person.api_lists, 4), (Person.api_agencies, 1), (Person.write_risk, 2),
                           (Person.write_nonconformity_api, 2), (Person.write_document, 2),
                           (Person.write_measurement, 2)],
    "head": READER + [(Person.api_lists, 2), (Person.write_nonconformity_form, 3)],
}
ROLE_ACTIONS["admin"] = ROLE_ACTIONS["inspector"] = ROLE_ACTIONS["viewer"] = [
    (Person.home, 3), (Person.province_agency, 4), (Person.province_list, 3), (Person.compliance, 2),
    (Person.dashboard, 2), (Person.province_capa, 1), (Person.audit_trail, 1), (Person.province_api, 4),
    (Person.export, 4), (Person.relogin, 1)]
