# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck contracts unit all-tests bench schema clean system-deps \
	screenshots figures desktop-check package test-package icons

# Opens the window (installing what it needs first).
run: system-deps $(STAMP)
	$(BIN)/hamtimer

# Every check and every test, the slow and end-to-end ones too (what CI runs, about 2 minutes).
test: system-deps $(STAMP) desktop-check lint typecheck contracts all-tests

# ruff's lint rules and its formatting, checked (`ruff format hamtimer tests packaging` fixes it).
lint: $(STAMP)
	$(BIN)/ruff check hamtimer tests packaging
	$(BIN)/ruff format --check hamtimer tests packaging

# mypy, strict on every module of hamtimer.
typecheck: $(STAMP)
	$(BIN)/mypy

# The import layers and Qt-free packages (import-linter, [tool.importlinter] in pyproject.toml).
contracts: $(STAMP)
	$(BIN)/lint-imports

# The fast tier while you work (under 30 s): every test not marked slow or e2e.
unit: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m "not slow and not e2e" -n auto

# Every test, offscreen: the fast tier, the slow tests and the end-to-end ones (real PulseAudio,
# espeak-ng and the app as a subprocess; system-deps installs them).
all-tests: system-deps $(STAMP)
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

# Every figure the README quotes, measured on this machine (long; not part of `test`).
bench: $(STAMP)
	$(BIN)/python -m tests.bench.run_benchmarks

# The JSON Schema of template files, written from the model (commit it).
schema: $(STAMP)
	$(BIN)/python -m hamtimer.core.schema > hamtimer/data/template.schema.json

# The Debian packages Qt, speech and audio need (packaging/debian-packages.txt), when missing.
# Checked every time (a dpkg query, well under a second): packages can go missing.
system-deps:
	bash packaging/system-deps.sh

# The virtualenv with hamtimer and its dev tools; made again when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# Removes the virtualenv and the build output.
clean:
	rm -rf $(VENV) build dist *.egg-info

# The README's screenshots, from a real window under Xvfb (commit them).
screenshots: system-deps $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m tests.ui.make_screenshots docs/screenshots

# Contact sheets of every exercise figure's keyframes (docs/figures.md; commit them).
figures: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.ui.make_figure_sheet docs/figures
