# Two set-up commands: `make build` and `make test`. Each makes its own
# virtual environment (.venv) and installs what it needs on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test tools clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## build: convert every text in sources/ into output/ (TEI now; HTML and EPUB as they land)
build: $(STAMP)
	$(BIN)/tei-pipeline build sources -o output

## tools: install the real checkers the tests use (jing, EPUBCheck, Nu Html Checker, Chromium)
tools: $(STAMP)
	bash tools/install-checkers.sh

## test: install everything the tests need, then run the whole suite
test: $(STAMP) tools
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output/tei output/html output/epub
