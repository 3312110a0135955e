# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck contracts unit bench schema clean system-deps screenshots \
	desktop-check package test-package icons

run: system-deps $(STAMP)
	$(BIN)/hamtimer

test: system-deps $(STAMP) desktop-check lint typecheck contracts unit

lint: $(STAMP)
	$(BIN)/ruff check hamtimer tests packaging
	$(BIN)/ruff format --check hamtimer tests packaging

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

# The .desktop entry and the AppStream metainfo, as software centres and desktops read them.
DESKTOP_ID := io.github.hamtimer.HamTimer
desktop-check: system-deps
	desktop-file-validate packaging/linux/$(DESKTOP_ID).desktop
	appstreamcli validate --no-net packaging/linux/$(DESKTOP_ID).metainfo.xml

# The one-folder bundle in dist/hamtimer (PyInstaller, packaging/hamtimer.spec).
package: system-deps $(STAMP)
	bash packaging/build_bundle.sh

# Builds the bundle, then runs it as a user would: CLI, no display, doctor, window under Xvfb.
test-package: system-deps $(STAMP)
	bash packaging/test_package.sh

# The PNG icons from assets/icons/hamtimer.svg (commit them).
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

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
	rm -rf $(VENV) build dist *.egg-info

screenshots: system-deps $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m tests.ui.make_screenshots docs/screenshots
