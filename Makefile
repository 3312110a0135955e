# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck contracts unit bench schema clean system-deps screenshots

run: system-deps $(STAMP)
	$(BIN)/hamtimer

test: system-deps $(STAMP) lint typecheck contracts unit

lint: $(STAMP)
	$(BIN)/ruff check hamtimer tests
	$(BIN)/ruff format --check hamtimer tests

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m tests.bench.run_benchmarks

schema: $(STAMP)
	$(BIN)/python -m hamtimer.core.schema > hamtimer/data/template.schema.json

system-deps:
	bash packaging/system-deps.sh

# Checked every time (a dpkg query, well under a second): packages can go missing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info

screenshots: system-deps $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m tests.ui.make_screenshots docs/screenshots
