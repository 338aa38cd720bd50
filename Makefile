# The README's commands. `make run` and `make test` each set everything up
# from a fresh clone (a virtual environment in .venv) and are safe to repeat.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: running needs only the package; the tests add the dev extra.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# make run PORT=5002 (SEARCHSVC_PORT works too; the command line wins).
PORT ?=
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint bench relevance relevance-cv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

# Index seeds/ (only what changed) and serve on http://127.0.0.1:5000/ (or PORT)
run: $(STAMP)
	$(BIN)/searchsvc serve $(if $(PORT),--port $(PORT))

# The whole test suite, browser tests included.
test: $(DEV_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check searchsvc tests bench wsgi.py
	$(BIN)/ruff format --check searchsvc tests bench wsgi.py
	$(BIN)/mypy

# Benchmarks against SQLite FTS5 and Datasette on a synthetic corpus (make bench SIZE=10000),
# and ranking quality on the shared IR collections (make relevance). Not part of the tests.
SIZE ?= 1000
IRCOLL ?= ../shared/ircoll
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || true
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench.run --size $(SIZE) --stock-whoosh --e2e

relevance: $(BENCH_STAMP)
	$(BIN)/python -m bench.relevance --ircoll $(IRCOLL) --experiments

# Every ranking default chosen on four collections and scored on the fifth, each in turn (about 5 minutes on two cores).
relevance-cv: $(BENCH_STAMP)
	$(BIN)/python -m bench.relevance --ircoll $(IRCOLL) --cross-validate

# The browser tests drive Debian's Chromium (Playwright never downloads its own).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif command -v sudo >/dev/null 2>&1; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Debian's chromium package: apt-get install chromium" >&2; exit 1; \
	fi

clean:
	rm -rf $(VENV) index/_* index/*.toc index/*.seg index/*.pst
