# Restore — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DJANGO_DEBUG=1 DJANGO_SECRET_KEY=dev-only-insecure-key-make-run
# Where `make run` serves (bench/startup.py runs it on a port of its own).
RUN_ADDRESS ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core of our 2-core machines. PYTEST_WORKERS=0 runs the
# suite in one process (for a debugger or -x). Browser tests and their live servers are safe
# side by side: each worker has its own test database and server port.
PYTEST_WORKERS ?= 2
# Bytecode caches on, even where the environment turns them off: each worker otherwise compiles
# the project and rewrites every test module's asserts again (~6 s of CPU per process).
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: run test quick lint suite check-deploy gates setup messages clean-venv help

help:
	@echo "make run   — set up everything, load demo data, serve on http://127.0.0.1:8000"
	@echo "make test  — lint and the whole test suite"
	@echo "make quick — lint and the suite without the slow tests (browser, PDFs, heavy Hypothesis)"
	@echo "make gates — bandit and pip-audit security gates"

$(VENV)/.created:
	@bin/system-deps core
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.runtime: requirements.txt $(VENV)/.created
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@bin/system-deps core
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.runtime node_modules/.installed messages
	@bin/system-deps core

# Translations: each locale/<language>/LC_MESSAGES/*.po compiled to its .mo (never committed),
# again whenever the .po changes. msgfmt comes from gettext (bin/system-deps core).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
messages: $(MO_FILES)
%.mo: %.po
	@bin/system-deps core
	msgfmt --check -o $@ $<

run: setup
	@# The server runs the system checks as it starts; migrate and seed_demo need not run them
	@# first (each would import every URL module). A second run skips the seed (demo/fingerprint.py).
	$(DEV_ENV) $(PY) manage.py migrate --noinput --skip-checks
	@$(DEV_ENV) $(PY) manage.py seed_demo --skip-checks
	@echo ""
	@echo "Restore is running at http://$(RUN_ADDRESS) with its background worker — press Ctrl+C to stop both."
	$(DEV_ENV) PY=$(PY) exec bin/run-dev $(RUN_ADDRESS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/vulture clinic programs pages demo interop config vulture_whitelist.py --min-confidence 80 --exclude "*/migrations/*"

suite: $(VENV)/.dev node_modules/.installed messages
	@bin/system-deps core browser
	$(PYTEST) $(PYTEST_ARGS)

test: lint suite

# The everyday loop: everything but the tests marked slow; `make test` is still the gate.
quick: lint node_modules/.installed messages
	@bin/system-deps core browser
	$(PYTEST) -m "not slow" $(PYTEST_ARGS)

# Security gates (CI runs them after the suites): bandit fails on medium or higher findings,
# pip-audit on any known vulnerability in requirements.txt (and says loudly when its
# vulnerability service cannot be reached; PIP_AUDIT_STRICT=1 makes that fail too).
gates: $(VENV)/.dev
	$(VENV)/bin/bandit -r clinic programs config -ll -q
	$(PY) bin/audit-dependencies -r requirements.txt

check-deploy: $(VENV)/.runtime
	set -a && . ./.env.example && set +a && $(PY) manage.py check --deploy --fail-level WARNING

clean-venv:
	rm -rf $(VENV) node_modules
