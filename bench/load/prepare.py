"""The load test's people, on a database holding the demo (`isogov demo`): `python bench/load/prepare.py OUT.json`.

Fifty accounts, each a person of their own with a session of their own during the load:

- 40 ISO secretaries, each of a different active agency with quality objectives this year: the demo's
  `secretary` (Xã Càng Long, 29266) and 39 new ones (`load-sec-NN`);
- 5 agency heads, the demo's `head` and 4 new ones (`load-head-NN`), each in the agency of one of the first
  secretaries, so that two people write to the same agency at once (the numbering of its nonconformities);
- 5 province-wide readers: the demo's `lead`, `inspector` and `viewer`, and two more programme leads.

New accounts are made through the accounts service (validated, audited, an Argon2 hash each) with a random
password; the demo's keep theirs (`<username>-demo-2026`). OUT.json lists each person with their password, role,
agency, the agency's objectives of this year (the periods begun) and a few of its documents, and every active
agency's code for the province-wide readers.
"""
import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRETARIES, HEADS, LEADS = 40, 5, 2


def people() -> dict:
    from django.utils import timezone

    from isogov.accounts.models import Role, User
    from isogov.accounts.services import user_create
    from isogov.demo.catalogue import password_for
    from isogov.documents.models import Document
    from isogov.objectives.models import PERIODS_PER_YEAR, Objective, period_start
    from isogov.registry.models import Agency, AgencyStatus

    today = timezone.localdate()
    lead = User.objects.get(username="lead")
    demo = {u.username: u for u in User.objects.filter(username__in=["lead", "secretary", "head", "inspector",
                                                                      "viewer"]).select_related("agency")}
    if len(demo) != 5:
        raise SystemExit("the demo's five accounts are missing: run `isogov demo` first")
    home = demo["secretary"].agency
    measured = (Agency.objects.filter(status=AgencyStatus.ACTIVE, objectives__year=today.year)
                .exclude(pk=home.pk).distinct().order_by("code"))
    agencies = [home, *measured[:SECRETARIES - 1]]
    if len(agencies) < SECRETARIES:
        raise SystemExit(f"only {len(agencies)} active agencies have objectives in {today.year}")

    def objectives(agency) -> list[dict]:
        rows = Objective.objects.filter(agency=agency, year=today.year).order_by("id")
        return [{"id": o.pk, "periods": [i for i in range(1, PERIODS_PER_YEAR[o.period] + 1)
                                         if period_start(o.year, o.period, i) <= today]} for o in rows]

    def account(username: str, role: str, agency) -> dict:
        if username in demo:
            user, password = demo[username], password_for(username)
        else:
            password = secrets.token_urlsafe(12)
            user = user_create(actor=lead, username=username, password=password, role=role, agency=agency,
                               full_name=f"Người thử tải {username[-2:]}")
        row = {"username": user.username, "password": password, "role": user.role,
               "agency": user.agency.code if user.agency_id else ""}
        if role in (Role.SECRETARY, Role.HEAD):
            row["objectives"] = objectives(agency)
            row["documents"] = list(Document.objects.filter(agency=agency).order_by("id")
                                    .values_list("pk", flat=True)[:5])
        return row

    secretaries = [account("secretary", Role.SECRETARY, home)]
    secretaries += [account(f"load-sec-{n:02d}", Role.SECRETARY, a) for n, a in enumerate(agencies[1:], start=1)]
    heads = [account("head", Role.HEAD, home)]
    heads += [account(f"load-head-{n:02d}", Role.HEAD, agencies[n]) for n in range(1, HEADS)]
    province = [account(name, demo[name].role, demo[name].agency) for name in ("lead", "inspector", "viewer")]
    province += [account(f"load-lead-{n:02d}", Role.PROVINCE_ADMIN, lead.agency) for n in range(1, LEADS + 1)]
    assert len(province) == len(heads) == HEADS and len(secretaries) % HEADS == 0
    # Interleaved, so that a smaller load (LOAD_USERS=10: the first ten) still has every role.
    per = SECRETARIES // HEADS
    accounts = [a for i in range(HEADS) for a in (province[i], heads[i], *secretaries[per * i:per * (i + 1)])]
    codes = list(Agency.objects.filter(status=AgencyStatus.ACTIVE).order_by("code").values_list("code", flat=True))
    return {"accounts": accounts, "agencies": codes, "today": today.isoformat()}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
    import django

    django.setup()
    out = Path(sys.argv[1])
    data = people()
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"load: {len(data['accounts'])} accounts ready, {len(data['agencies'])} active agencies")


if __name__ == "__main__":
    main()
