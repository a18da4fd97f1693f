# ESS Hénin-Carvin — `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
VARNISH_PORT ?= 6081
# The site's public address: absolute URLs (canonical, sitemap, exports, e-mails) and the Wagtail Site.
SITE_BASE_URL ?= http://$(HOST):$(PORT)
# make test: workers for the tests that need no browser (0 runs them in one process); BROWSER_TESTS=no leaves the browser tests out.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
BROWSER_TESTS ?= yes

.DEFAULT_GOAL := help
.PHONY: help install lock audit compile-messages messages run serve demo test test-browser lint format check fuzz bench lighthouse

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the project with its test tools

lock: ## Rewrite requirements.lock from a fresh install of pyproject.toml's ranges
	rm -rf $(VENV)-lock && $(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install --quiet -e ".[test]"
	{ sed -n '/^#/p' requirements.lock; $(VENV)-lock/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf $(VENV)-lock

audit: install ## Check the locked dependencies against PyPI's vulnerability data (needs pypi.org)
	$(PY) -m pip install --quiet pip-audit
	$(PY) -m pip_audit --requirement requirements.lock --no-deps --disable-pip --strict

compile-messages: install ## Compile the interface translations (locale/*.po → .mo)
	$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=node_modules -v0

messages: install ## Update the English catalogue from templates and Python code, then translate it
	$(PY) manage.py makemessages -l en --no-location --no-obsolete \
		-i "$(VENV)/*" -i "bench/*" -i "tests/*" -i "node_modules/*" -i "static_collected/*"

demo: compile-messages ## Migrate, load the demo content (keeps existing pages) and ensure an admin account
	$(PY) manage.py migrate --no-input
	SITE_BASE_URL=$(SITE_BASE_URL) $(PY) manage.py load_demo
	SITE_BASE_URL=$(SITE_BASE_URL) $(PY) manage.py ensure_site
	$(PY) manage.py ensure_admin

run: demo ## Run the site with demo content on http://$(HOST):$(PORT)/ (SQLite unless DATABASE_URL is set)
	SITE_BASE_URL=$(SITE_BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

serve: demo ## Run the site under gunicorn behind Varnish on http://$(HOST):$(VARNISH_PORT) (production settings over plain HTTP; needs varnish)
	HOST=$(HOST) APP_PORT=$(PORT) VARNISH_PORT=$(VARNISH_PORT) PY=$(PY) deploy/varnish/serve.sh

test: compile-messages ## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set): in parallel, then the browser tests
	$(PY) -m pytest -m "not browser and not serial" -n $(TEST_WORKERS) --dist loadfile
	$(PY) -m pytest -m "serial and not browser"
ifeq ($(BROWSER_TESTS),yes)
	@# After the rest, since their live server empties the database between tests: each worker
	@# has a test database and a live server of its own, and runs its files in series.
	@if .ci/chromium; then echo "$(PY) -m pytest -m browser -n $(TEST_WORKERS) --dist loadfile"; \
		$(PY) -m pytest -m browser -n $(TEST_WORKERS) --dist loadfile; \
	elif [ "$${CI:-}" = true ]; then exit 1; fi
endif

test-browser: compile-messages ## Run only the browser tests (headless Chromium; screenshots in test-artifacts/)
	.ci/chromium
	$(PY) -m pytest -m browser -n $(TEST_WORKERS) --dist loadfile

lint: install ## ruff check, ruff format --check and the import layers (lint-imports)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

graph: install ## Redraw the imports between apps in docs/architecture.md (fails on a cycle)
	$(PY) -m bench.import_graph --write

format: install ## Reformat the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

check: install ## Django checks, missing migrations, English catalogue, deployment checks
	$(PY) manage.py check
	$(PY) manage.py check_messages
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=ess_site.settings.production SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=ess.example.org SITE_BASE_URL=https://ess.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

fuzz: install ## Send 10 000 generated hostile requests to every public URL of a demo database (FUZZ_CASES=…)
	$(PY) bench/fuzz.py

lighthouse: install ## Lighthouse 12.2.3 on every public page type, FR and EN, of the site `make run` serves (needs Node and npm); writes docs/benchmarks.md
	$(PY) bench/lighthouse.py --base http://$(HOST):$(PORT) --write

bench: compile-messages ## Measure every public page under gunicorn with wrk, cached and not, against a bare Django floor; writes docs/benchmarks.md (PostgreSQL *_bench DATABASE_URL)
	$(PY) bench/site_bench.py --write --port $(or $(BENCH_PORT),8131)
