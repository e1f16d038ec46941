# The two commands of the README: `make site` builds the site and PDFs, `make test` runs the tests.
# Both set up a virtual environment in .venv first; `make test` also installs the system packages
# the browser and PDF tests use (Debian's chromium and poppler-utils) when they are missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := chromium poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0

.PHONY: site test check system-deps lint

$(BIN)/rolebook: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

site: $(BIN)/rolebook
	$(BIN)/rolebook build

check: $(BIN)/rolebook
	$(BIN)/rolebook check

system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; then \
	  echo "installing $(APT_PACKAGES) with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); \
	fi

lint: $(BIN)/rolebook
	$(BIN)/ruff check generator tests $(wildcard benchmarks)
	$(BIN)/ruff format --check generator tests $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/lint-imports

test: system-deps $(BIN)/rolebook lint
	$(BIN)/rolebook check
	$(BIN)/rolebook lint --show warning
	$(BIN)/pytest
