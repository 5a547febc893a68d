# Two commands do all the set-up on a fresh machine (Python 3.11+, Node 20 for the emulator):
#   make demo   - the main job: bulk-create users on the built-in fake WorkOS (or real WorkOS
#                 when WORKOS_API_KEY is set), read them back, print a summary
#   make test   - lint, typecheck (package + tests), generated-code freshness, the test suite,
#                 the docs site and the emulator conformance suite
#   make docs   - the documentation site (mkdocs --strict) into site/
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs conformance bench clean redis

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/workos-async demo

# The checks themselves are defined once, in noxfile.py; make runs them in .venv.
NOX := PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/nox --no-venv --no-install --no-error-on-external-run

test: lint typecheck unit docs conformance

lint: $(STAMP)
	$(NOX) -s lint

typecheck: $(STAMP)
	$(NOX) -s typecheck

unit: $(STAMP) redis
	$(NOX) -s tests

docs: $(STAMP)
	$(NOX) -s docs

# The coordination tests run a real redis-server (Debian's package), installed when missing.
redis:
	@command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)
	@command -v redis-server >/dev/null || { echo "redis-server is required (apt-get install redis-server)" >&2; exit 1; }

conformance: $(STAMP)
	$(NOX) -s conformance

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_client.py

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache .nox site
