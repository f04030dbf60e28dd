"""Benchmark: the search box at 10,000 agencies, on SQLite (default) or PostgreSQL (`--postgres URL`).

    .venv/bin/python bench/search.py                      # a fresh SQLite file in a temporary directory
    .venv/bin/python bench/search.py --postgres postgres://isogov@127.0.0.1:54329/isogov   # a fresh database
                                                          # next to the one named, dropped afterwards

Seeds (fast, `bulk_create`, seeded random) 10,000 agencies (60 provincial bodies, 140 districts, 9,800
communes), DOCS_PER_AGENCY documents per agency whose index rows carry about 1,500 characters of a procedure's
text (as read from its file), 2,000 procedures of the catalogue, then times `isogov.search.selectors.search`
(the app: scope, counts per kind, the ranked page, its rows) for the programme lead and a commune secretary, and
beside it the engine's bare query (raw SQL: the match and the ranked first page, no scope, no counts). Prints
the median of RUNS runs in milliseconds; exits non-zero when the app takes TARGET_MS or more.
"""
import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

TARGET_MS = 300
AGENCIES = 10_000
DOCS_PER_AGENCY = 3
PROCEDURES = 2_000
RUNS = 7
QUERIES = ["ket hon", "Đăng ký kết hôn", "quy trinh", "khai sinh ban sao", "1.000894", "xa 9123"]

TOPICS = ["Đăng ký kết hôn", "Đăng ký khai sinh", "Chứng thực bản sao từ bản chính", "Cấp giấy phép xây dựng",
          "Đăng ký hộ kinh doanh", "Giải quyết khiếu nại", "Kiểm soát tài liệu", "Đánh giá nội bộ",
          "Xem xét của lãnh đạo", "Hành động khắc phục", "Tiếp công dân", "Đăng ký thường trú",
          "Cấp bản sao trích lục hộ tịch", "Xác nhận tình trạng hôn nhân", "Hỗ trợ người có công"]
FILLER = ("công chức bộ phận một cửa tiếp nhận hồ sơ kiểm tra thành phần trả kết quả đúng hạn lưu trữ "
          "theo quy định thời gian giải quyết ngày làm việc lệ phí biểu mẫu tờ khai người yêu cầu ủy ban nhân dân "
          "cấp xã chủ tịch ký duyệt phòng tư pháp văn thư sổ theo dõi").split()


def fresh_postgres(url: str):
    import psycopg

    name = f"isogov_search_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}")), drop


def body(rng: random.Random, topic: str) -> str:
    words = [rng.choice(FILLER) for _ in range(300)]
    words.insert(rng.randrange(len(words)), topic.lower())  # the topic once in the text, as a procedure names it
    return " ".join(words)


def seed(rng: random.Random):
    from django.db import transaction

    from isogov.accounts.models import Role, User
    from isogov.documents.models import Document, DocumentKind
    from isogov.qms.models import Procedure
    from isogov.registry.models import Agency, AgencyKind, Tier
    from isogov.search import services
    from isogov.search.models import SearchEntry
    from isogov.search.text import folded

    tiers = {t.code: t for t in Tier.objects.all()}
    with transaction.atomic():
        top = [Agency(code=f"S{i:03d}", name=f"Sở chuyên ngành số {i}", tier=tiers["province"],
                      kind=AgencyKind.DEPARTMENT, path=f"/S{i:03d}/") for i in range(60)]
        districts = [Agency(code=f"H{i:03d}", name=f"Huyện số {i}", tier=tiers["district"],
                            kind=AgencyKind.DISTRICT_COMMITTEE, path=f"/H{i:03d}/") for i in range(140)]
        Agency.objects.bulk_create(top + districts, batch_size=1000)
        communes = []
        for i in range(AGENCIES - len(top) - len(districts)):
            parent = districts[i % len(districts)]
            communes.append(Agency(code=f"X{i:05d}", name=f"Xã {i}", tier=tiers["commune"], parent=parent,
                                   kind=AgencyKind.COMMUNE_COMMITTEE, path=f"{parent.path}X{i:05d}/"))
        Agency.objects.bulk_create(communes, batch_size=1000)
        agencies = list(Agency.objects.all())
        for a in agencies:
            a.search_text = folded(a.code, a.name)
        docs = [Document(agency=a, code=f"QT-{n:02d}", title=f"Quy trình {rng.choice(TOPICS)}",
                         kind=DocumentKind.PROCEDURE, owner_name="Văn phòng")
                for a in agencies for n in range(DOCS_PER_AGENCY)]
        Document.objects.bulk_create(docs, batch_size=2000)
        procedures = [Procedure(code=f"2.{i:06d}", name=f"{rng.choice(TOPICS)} (thủ tục {i})", field="Hộ tịch")
                      for i in range(PROCEDURES)]
        procedures.append(Procedure(code="1.000894", name="Đăng ký kết hôn", field="Hộ tịch"))
        Procedure.objects.bulk_create(procedures, batch_size=2000)
        services.reindex(kinds=["agency", "procedure"])
        codes = {a.pk: a.code for a in agencies}
        SearchEntry.objects.bulk_create(
            [SearchEntry(kind="document", object_id=d.pk, agency_id=d.agency_id, title=d.title,
                         title_folded=folded(d.title, d.code), body_folded=folded(body(rng, d.title[10:])),
                         url=f"/agencies/{codes[d.agency_id]}/documents/{d.pk}/") for d in docs],
            batch_size=2000)
        lead = User.objects.create(username="lead", role=Role.PROVINCE_ADMIN, agency=top[0])
        secretary = User.objects.create(username="xa", role=Role.SECRETARY, agency=communes[123])
    return lead, secretary, len(docs)


def raw_sql(words: list[str]):
    """The engine alone: the match and the first ranked page, as the app's engines.py asks it, without scope."""
    from django.db import connection

    if connection.vendor == "postgresql":
        tsquery = " & ".join(words[:-1] + [f"{words[-1]}:*"])
        sql = ("SELECT id FROM search_searchentry WHERE vector @@ to_tsquery('simple', %s) "
               "ORDER BY ts_rank(vector, to_tsquery('simple', %s)) DESC LIMIT 20")
        params = [tsquery, tsquery]
    else:
        sql = ("SELECT search_searchentry.id FROM search_fts JOIN search_searchentry ON search_searchentry.id = "
               "search_fts.rowid WHERE search_fts MATCH %s ORDER BY bm25(search_fts, 10.0, 1.0) LIMIT 20")
        params = [" ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*']

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    return run


def median_ms(fn) -> float:
    fn()  # warm: the first run reads the index from disk
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to use instead of SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite database (its folder is printed)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="isogov-search-bench-"))
    drop = None
    os.environ["ISOGOV_VAR_DIR"] = str(work)
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ.pop("DATABASE_URL", None)
    if args.postgres:
        os.environ["DATABASE_URL"], drop = fresh_postgres(args.postgres)
    os.environ.setdefault("ISOGOV_DEMO", "1")  # a throw-away database: the public development key will do
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    try:
        return bench()
    finally:
        from django.db import connections

        connections.close_all()
        if drop:
            drop()
        if args.keep and not drop:
            print(f"kept: ISOGOV_VAR_DIR={work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def bench() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from isogov.search import selectors
    from isogov.search.models import SearchEntry
    from isogov.search.text import query_words

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    lead, secretary, docs = seed(random.Random(2026))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    seeded = time.perf_counter() - started
    version = connection.cursor().connection.execute("select sqlite_version()").fetchone()[0] \
        if connection.vendor == "sqlite" else f"PostgreSQL {connection.pg_version // 10000}"
    print(f"{connection.vendor} ({version}), {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs; {AGENCIES} agencies, {docs} documents, {PROCEDURES + 1} procedures, "
          f"{SearchEntry.objects.count()} index rows, seeded in {seeded:.1f} s")
    print(f"{'query':<20} {'reader':<10} {'found':>7} {'app ms':>8} {'raw SQL ms':>11}")
    worst = 0.0
    for q in QUERIES:
        raw = median_ms(raw_sql(query_words(q)))
        for name, user in (("lead", lead), ("secretary", secretary)):
            results = selectors.search(user=user, q=q)
            app = median_ms(lambda user=user, q=q: selectors.search(user=user, q=q))
            worst = max(worst, app)
            print(f"{q:<20} {name:<10} {results.all_total:>7} {app:>8.1f} {raw:>11.1f}")
    print(f"slowest: {worst:.1f} ms (target under {TARGET_MS} ms)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
