#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server on loopback, as .ci/run starts one (initdb and pg_ctl as a
# non-root user; PostgreSQL refuses root), e.g.  bench/pg.sh .venv/bin/python bench/pages.py
# The server's data directory is removed afterwards. BENCH_PGDATA keeps it (and reuses it) instead, so a
# generated national database survives between runs. Durability is off: this is a benchmark, not a store.
set -euo pipefail
PG_BIN="$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")"
PGPORT="${PGPORT:-54339}"
KEEP="${BENCH_PGDATA:-}"
PGDATA="${KEEP:-$(mktemp -d /tmp/isogov-bench-pg.XXXXXX)}"
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  id isogovci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin isogovci
  mkdir -p "$PGDATA"; chown isogovci "$PGDATA"
  RUN_AS=(runuser -u isogovci --)
fi
cleanup() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  [ -n "$KEEP" ] || rm -rf "$PGDATA"
}
trap cleanup EXIT
fresh=0
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA" -U isogov --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fresh=1
fi
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -o "-c listen_addresses=127.0.0.1 \
  -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB" \
  start >/dev/null
[ "$fresh" -eq 0 ] || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U isogov isogov
export DATABASE_URL="postgres://isogov@127.0.0.1:$PGPORT/isogov"
"$@"
