# The two commands of the README. Both start from a bare machine with Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# What running needs, then the test tools on top (pytest, Playwright): `make run` installs only the first.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LINT_STAMP := $(VENV)/.installed-lint
# The demo's database is thrown away: it may run on the public development key (see settings.py).
DEMO := ISOGOV_DEMO=1
# The demo's story reaches today's two-tier Vĩnh Long (its 2019 tiers are loaded by the demo itself).
STORY := ISOGOV_TIER_PRESET=two-tier

.PHONY: run dev test lint setup setup-test demo bench bench-pages bench-pages-pg load load-pg clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	@echo "isogov: installing what running needs into $(VENV)"
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	@echo "isogov: installing the test tools into $(VENV)"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

$(LINT_STAMP): $(TEST_STAMP)
	@echo "isogov: installing the checks into $(VENV)"
	$(BIN)/python -m pip install --quiet -e ".[test,lint]"
	touch $(LINT_STAMP)

setup: $(STAMP)

setup-test: $(TEST_STAMP)

demo: setup
	@echo "isogov: creating or upgrading the database"
	$(DEMO) $(STORY) $(BIN)/isogov migrate --no-input -v 0
	$(DEMO) $(STORY) $(BIN)/isogov demo --if-empty

# As in production: DEBUG off, WhiteNoise serving the assets.
# Both start the background worker beside the web server (scripts/serve); Ctrl-C stops both.
run: demo
	@echo "isogov: open http://127.0.0.1:$(PORT)/ and log in with one of the accounts above"
	$(DEMO) $(STORY) DEBUG=0 scripts/serve $(BIN) 127.0.0.1:$(PORT)

# The same with Django's debug pages.
dev: demo
	@echo "isogov: open http://127.0.0.1:$(PORT)/ and log in with one of the accounts above (DEBUG on)"
	$(DEMO) $(STORY) DEBUG=1 scripts/serve $(BIN) 127.0.0.1:$(PORT)

test: setup-test
	$(BIN)/python -m pytest -n $${PYTEST_WORKERS:-auto} -q

# The checks beside the suites (pyproject.toml explains each rule). Every check runs; any that fails fails the target.
lint: $(LINT_STAMP)
	@failed=""; \
	echo "== ruff"; $(BIN)/ruff check isogov || failed="$$failed ruff"; \
	echo "== migrations match the models"; \
	$(DEMO) $(BIN)/isogov makemigrations --check --dry-run || failed="$$failed makemigrations"; \
	echo "== import layers"; $(BIN)/lint-imports || failed="$$failed lint-imports"; \
	echo "== translation catalogue complete and compiled"; \
	$(BIN)/python -m pytest -q -p no:xdist isogov/core/tests/test_translations.py || failed="$$failed translations"; \
	if [ -n "$$failed" ]; then echo "lint failed:$$failed"; exit 1; fi; echo "== all checks passed"

bench: setup
	$(DEMO) $(BIN)/python bench/import_10k.py
	$(BIN)/python bench/concurrency.py
	$(DEMO) $(BIN)/python bench/pages.py

# The pages at national scale alone (BENCH_AGENCIES, default 10000), on SQLite or a throwaway PostgreSQL.
bench-pages: setup
	$(DEMO) $(BIN)/python bench/pages.py

bench-pages-pg: setup
	$(DEMO) bench/pg.sh $(BIN)/python bench/pages.py

# The load test (bench/load/run.py, docs/performance.md "Load test"): a fresh demo database, gunicorn and the worker,
# 50 people reading and writing for 60 s (locust), then every acknowledged write looked for in the database.
# SQLite; or a throwaway PostgreSQL on its own port (bench/pg.sh), so that it does not meet a bench-pages-pg run.
load: setup-test
	$(DEMO) $(BIN)/python bench/load/run.py

load-pg: setup-test
	$(DEMO) PGPORT=$${PGPORT:-54349} bench/pg.sh $(BIN)/python bench/load/run.py

clean:
	rm -rf $(VENV) var
