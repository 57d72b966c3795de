# The verbs a newcomer types. Every target sets up .venv from requirements.lock first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material 9.7+ prints an end-of-life banner about MkDocs 2 on every build; the README
# carries that risk instead.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Reproducible output: the sitemap's dates and its gzip header take the time of the last
# commit (or, outside git, of the newest source file), not the clock, so two builds of
# one commit are byte-identical. Set SOURCE_DATE_EPOCH to override.
build: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || find mkdocs.yml references.bib docs -type f -printf '%T@\n' | sort -n | tail -1 | cut -d. -f1)
build: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

test: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf site .pytest_cache .hypothesis

# Rebuilt whenever the lock changes, so a stale .venv never runs the site.
$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

.PHONY: bench
# Build speed on synthetic sites of 10, 200 and 1,000 articles (about 5 minutes on two
# cores; never part of `make test`). Options: make bench BENCH_ARGS="--sizes 200 --runs 3"
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
