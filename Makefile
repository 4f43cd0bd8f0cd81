# The README's commands. Every target sets itself up first, so any order works on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages: Pango for WeasyPrint's PDF and HarfBuzz's subsetter for its fonts (a PDF
# in ~70 % of the time fontTools takes; WeasyPrint will require it), fonts with every
# Vietnamese diacritic.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core fonts-liberation2
# LibreOffice Writer renders the DOCX once, Calc opens Biểu II.06a; Chromium drives the HTML tests
TEST_SYSTEM_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui chromium

# $(call debian_packages,PACKAGES,WHAT-IF-MISSING): install what is missing when root, else
# print the exact apt-get line; never fails the build.
define debian_packages
missing=""; \
if ! command -v dpkg >/dev/null; then echo "Not Debian: install the equivalents of: $(1)"; exit 0; fi; \
for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -z "$$missing" ]; then exit 0; fi; \
if [ "$$(id -u)" = 0 ]; then \
  echo "Installing Debian packages:$$missing"; \
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null) \
    || echo "WARNING: apt-get failed ($(2))."; \
else \
  echo "Missing Debian packages:$$missing"; \
  echo "Install them with: sudo apt-get install -y$$missing"; \
  echo "($(2))"; \
fi
endef

.DEFAULT_GOAL := help
.PHONY: help setup system-deps test-deps report test test-fast bench lab lint format sample clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# strip notebook outputs at commit time (a test also refuses a notebook with outputs)
	@if [ -d .git ]; then $(BIN)/nbstripout --install 2>/dev/null || true; fi
	@touch $(STAMP)

setup: $(STAMP) system-deps ## create .venv and install the project, its tools and system packages

system-deps: ## install the Debian packages for PDF and fonts (as root), or say which are missing
	@$(call debian_packages,$(SYSTEM_PACKAGES),the HTML report is produced without them; the PDF needs them)

test-deps: ## the Debian packages the tests use (LibreOffice renders the DOCX once)
	@$(call debian_packages,$(TEST_SYSTEM_PACKAGES),the DOCX rendering test is skipped without them)

report: setup ## produce the sample report in outputs/phu-lien/2026-Q1/
	$(BIN)/workbook run --unit phu-lien --quarter 2026-Q1

test: setup test-deps ## run the whole test suite
	$(BIN)/python -m pytest

test-fast: setup ## the suite without kernels, browser and slow tests: the loop while editing
	$(BIN)/python -m pytest -m "not kernel and not browser and not slow"

bench: setup ## run the read and render benchmarks (benchmarks/README.md)
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_render.py

lab: setup ## open the report notebook in JupyterLab on the project's kernel
	$(BIN)/jupyter lab notebooks/bao_cao_quy.ipynb

lint: setup ## ruff lint and format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: setup ## ruff format and autofix
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

sample: setup ## regenerate data/phu-lien/2026-Q1.xlsx from its plain sources in data/nguon/phu-lien/2026-Q1/
	$(BIN)/python data/make_phu_lien_2026q1.py

clean: ## remove outputs (keeps .venv)
	rm -rf outputs/*/ outputs/index.html
