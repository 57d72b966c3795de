# The verbs a newcomer types. Every target sets up .venv from requirements.lock first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every target needs a ready .venv: the lock installed, and the project's logic on its path.
STAMP := $(VENV)/.ready
INSTALLED := $(VENV)/.installed
# Material 9.7+ prints an end-of-life banner about MkDocs 2 on every build;
# MAINTAINING.md ("The dependencies' future") carries that risk instead.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean

# tools/serve.py is `mkdocs serve` that keeps serving on a failed build (the problems are
# printed; the next save rebuilds) and also watches references.bib, a csl_file and the
# theme's overrides/. A save
# of a page's text renders that page alone (a page-only rebuild, under a second at 200
# articles); one the other pages show (a new file, a title, front matter, mkdocs.yml,
# references.bib, a template) renders every page, and says why.
serve: $(STAMP)
	$(BIN)/python tools/serve.py --dev-addr 127.0.0.1:8000 --livereload

# Reproducible output: the sitemap's dates and its gzip header take the time of the last
# commit (or, outside git, of the newest source file), not the clock, so two builds of
# one commit are byte-identical. Set SOURCE_DATE_EPOCH to override.
SOURCE_DATE = $(shell git log -1 --format=%ct 2>/dev/null || find mkdocs.yml references.bib docs -type f -printf '%T@\n' | sort -n | tail -1 | cut -d. -f1)
build properdocs: export SOURCE_DATE_EPOCH ?= $(SOURCE_DATE)
# tools/build_site.py is `mkdocs build` that names a mkdocs.yml that is not YAML at its line.
build: $(STAMP)
	$(BIN)/python tools/build_site.py --strict --clean --site-dir site

# The exit from MkDocs 1.x, which gets no fixes: ProperDocs, a drop-in fork, must build
# the same pages (the generator tag aside). Both builds go to .cache/, so site/ is left
# as `make build` wrote it.
.PHONY: properdocs
properdocs: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --quiet --site-dir .cache/mkdocs-site
	$(BIN)/properdocs build --strict --clean --quiet -f mkdocs.yml --site-dir .cache/properdocs-site
	$(BIN)/python tools/compare_builds.py .cache/mkdocs-site .cache/properdocs-site

# On every core (pytest-xdist): the tests' own site (tests/fixtures/site) is built once per
# run for the tests that only read it, and the live site once for the `live` tests (`pytest
# -m live`). A message is pinned by the build's checks run in process (conftest.build_checks);
# only the tests of a build's own behaviour build a copy, several cases to one copy where they
# do not interfere. worksteal hands each worker runs of consecutive tests, so the tests that
# read one page load (xdist_group, placed one after another by tests/conftest.py) get it made
# once. Every build shares .cache/citations. Two workers more than cores: the serve, browser
# and subprocess tests wait for a part of their time (a file watcher's poll, a page's network
# falling idle), which the other workers' tests fill (on two cores, three workers and four
# took as long, 53-56 s, in three runs each; the browser tests wait more on a slower
# machine). Its Python processes share their compiled modules, even where the shell sets
# PYTHONDONTWRITEBYTECODE: compiling the project anew in each costs about a tenth of the run.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 2)')
test: export PYTHONDONTWRITEBYTECODE :=
test: $(STAMP)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

clean:
	rm -rf site .cache .pytest_cache .hypothesis

# Rebuilt whenever the lock changes, so a stale .venv never runs the site.
$(INSTALLED): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

# The project's own logic (src/psychoed) goes on the virtualenv's path by a .pth file, which
# is all an editable install writes: hooks, tools and tests import it the same way, and no
# build backend is downloaded unhashed to install it. Its own stamp, so a .venv made before
# the logic moved to src/ gets it too; refused for a .venv that is another checkout's
# (tools/src_path.py). (A test's copy of the project, which has no src/, leaves the path alone.)
$(STAMP): $(INSTALLED)
	test ! -d src || $(BIN)/python tools/src_path.py "$(CURDIR)/src"
	touch $@

# Link checks (issue 5). `links` checks site/ as it is, offline: run `make build` first.
# The online checks ask real servers: for the weekly workflow, never for `make test`.
# REPORT=path.md also writes the findings as Markdown for the workflow's GitHub issue.
.PHONY: links links-external check-dois

links: $(STAMP)
	$(BIN)/python tools/site_links.py site

links-external: $(STAMP)
	$(BIN)/python tools/external_links.py site $(if $(REPORT),--report $(REPORT))

# CHANGED_SINCE=<git ref>: only the entries added or changed since then (a pull request's).
check-dois: $(STAMP)
	$(BIN)/python tools/doi_check.py $(if $(REPORT),--report $(REPORT)) $(if $(CHANGED_SINCE),--changed-since $(CHANGED_SINCE))

# Editors' verbs. Values given on the command line (TITLE="...") reach the recipes as
# environment variables, so quotes and spaces in a title need no escaping here.
.PHONY: new-article

# TODAY=YYYY-MM-DD dates the article another day (as review-due counts from one).
new-article: $(STAMP)
	@$(BIN)/python tools/new_article.py "$$TITLE" $(if $(TODAY),--today $(TODAY))

.PHONY: new-reference

# DOI=10.xxxx/yyyy [ONLINE=1] [AUTHOR=family name YEAR=2018, for the key of an offline stub]
new-reference: $(STAMP)
	@$(BIN)/python tools/new_reference.py "$$DOI" --author "$$AUTHOR" --year "$$YEAR" $(if $(filter 1 yes true,$(ONLINE)),--online)

.PHONY: add-references

# Online: an entry in references.bib for every [@doi:...] a page cites with none yet.
# PRINT=1 (CI): print the entries, as annotations too, and write nothing; SUMMARY=file.md
# appends them as Markdown.
add-references: $(STAMP)
	@$(BIN)/python tools/add_references.py $(if $(filter 1,$(PRINT)),--print --github) $(if $(SUMMARY),--summary "$(SUMMARY)")

.PHONY: review-due

# Articles whose review_due has passed or comes within 60 days, each as path:line; never
# fails. TODAY=YYYY-MM-DD counts from another day; REPORT=path.md for the weekly issue.
review-due: $(STAMP)
	@$(BIN)/python tools/review_due.py $(if $(TODAY),--today $(TODAY)) $(if $(REPORT),--report $(REPORT))

.PHONY: pandoc-page

# PAGE=docs/articles/x.md: what pandoc reads and writes for that page's citations, alone.
pandoc-page: $(STAMP)
	@test -n "$(PAGE)" || { echo "make pandoc-page: name the page, e.g. make pandoc-page PAGE=docs/articles/x.md" >&2; exit 2; }
	@$(BIN)/python tools/pandoc_page.py "$(PAGE)"

.PHONY: lint prose check

# The code's own checks, for maintainers (editors never need them): ruff's lint and format,
# and mypy, as configured in pyproject.toml (MAINTAINING.md, "Lint and types"). CI's test job
# runs it, and so does make check in the repository.
lint: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .
	$(BIN)/mypy


# Spelling of docs/ (word list: .codespell-words): problems. The readability report per
# article: advice, never a failure. (Skeleton text from new-article fails every build.)
prose: $(STAMP)
	@$(BIN)/python tools/prose.py

# Before a pull request: every check but the browser tests, each problem as path:line;
# in the repository (not a test's copy of the site, which has no code), the code's lint too.
# `links` checks the site `build` wrote, so it runs only after a build that passed; the
# prose checks run either way, so one run lists the problems of every step.
check: $(STAMP)
	@status=0; \
	$(MAKE) --no-print-directory build links || status=1; \
	$(MAKE) --no-print-directory prose || status=1; \
	test ! -d src || $(MAKE) --no-print-directory lint || status=1; \
	if [ $$status -ne 0 ]; then \
	  echo "make check: fix the problems above (each names its file and line), then run make check again" >&2; exit 1; \
	fi
	@echo "make check: no problems found"
# Lighthouse (issue 6): a benchmark, not a test. Scores and page weight of every page,
# phone and desktop, against the site served locally; results in benchmarks/results/.
.PHONY: lighthouse
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse

# PYTHONPATH: benchmarks/lighthouse.py serves the site with tools/site_server.py, and no
# module edits sys.path (ARCHITECTURE.md).
lighthouse: $(STAMP) $(LIGHTHOUSE)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} PYTHONPATH=tools $(BIN)/python benchmarks/lighthouse.py --lighthouse $(LIGHTHOUSE)

$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund
	touch $@
.PHONY: bench
# Build speed on synthetic sites of 10, 200 and 1,000 articles (about 10 minutes on two
# cores; never part of `make test`). Options: make bench BENCH_ARGS="--sizes 200 --runs 3"
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
