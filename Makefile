# The README's two commands, `make run` and `make test`, set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench reliability lint bundle clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/peelviewer

test: $(STAMP)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m tests.bench

reliability: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.reliability

lint: $(STAMP)
	$(BIN)/ruff check .

# A one-folder PyInstaller bundle of the app in dist/peelviewer/ (PEEL Viewer.app on macOS),
# for the platform this runs on. See packaging/ for the installers that wrap it.
bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build packaging/peelviewer.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
