# The two commands of the README. Both start from a bare machine with Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test setup demo bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/isogov migrate --no-input -v 0
	$(BIN)/isogov demo --if-empty
	@echo "isogov: open http://127.0.0.1:$(PORT)/ and log in with one of the accounts above"
	DEBUG=$${DEBUG:-1} $(BIN)/isogov runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/python -m pytest -n $${PYTEST_WORKERS:-auto} -q

bench: setup
	$(BIN)/python bench/import_10k.py

clean:
	rm -rf $(VENV) var
