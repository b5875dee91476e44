# The project's verbs. `make help` lists them. A fresh clone needs only `make run` / `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PYTHON  := $(BIN)/python
STAMP   := $(VENV)/.installed
MO      := resources/locale/ko/LC_MESSAGES/forms.mo

.PHONY: help venv run test lint i18n catalogs bench screenshots packet-pages bundle bundle-check clean

help:  ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

# The pinned dependencies of pyproject.toml (runtime and dev), installed without the project
# itself: the app always runs from this folder, so no package copy or import hook is needed.
DEPS = $(PYTHON) -c "import sys, tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
	print('\n'.join(p['dependencies'] + [d for x in sys.argv[1:] for d in p['optional-dependencies'][x]]))"

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(DEPS) dev > $(VENV)/requirements.txt
	$(PYTHON) -m pip install --quiet -r $(VENV)/requirements.txt
	touch $(STAMP)

venv: $(STAMP)  ## create .venv with the pinned dependencies

# Each catalog and font face is compiled only when its source changed (or the venv did: a face is
# valid for one ReportLab version), so `make run` starts at once when nothing did.
MOS     := $(patsubst %.po,%.mo,$(wildcard resources/locale/*/LC_MESSAGES/*.po))
FACES   := $(patsubst %.ttf,%.face,$(wildcard resources/fonts/*.ttf))
SOURCES := $(shell find forms storage reports ui cli -name '*.py' 2>/dev/null) main.py

resources/locale/%.mo: resources/locale/%.po $(STAMP)
	@$(PYTHON) -m babel.messages.frontend -q compile -i $< -o $@

resources/fonts/%.face: resources/fonts/%.ttf reports/facecache.py $(STAMP)
	@$(PYTHON) -m reports.facecache $<

catalogs: $(STAMP) $(MOS) $(FACES)  ## compile the catalogs (.mo) and the parsed font faces (.face)

# Byte-compiled sources, so the first start is as fast as the bundle's; again only after a change.
$(VENV)/.compiled: $(SOURCES) $(STAMP)
	@$(PYTHON) -m compileall -q forms storage reports ui cli main.py
	@touch $@

# The shared libraries Qt needs to open a window on Linux (tools/qtdeps.py): installed, or named
# with the exact command to install them, before the app is started. Checked again after the venv changes.
$(VENV)/.qtdeps: $(STAMP) tools/qtdeps.py
	@$(PYTHON) tools/qtdeps.py
	@touch $@

run: catalogs $(VENV)/.compiled $(VENV)/.qtdeps  ## open the app (checks first for the libraries Qt needs)
	$(PYTHON) main.py

# The suite runs in one process per core, at most 4 (each starts its own PostgreSQL test server and
# lays out its own shared packets); tests marked with one xdist_group share a process and its layouts.
JOBS    ?= $(shell $(PY) -c "import os; print(min(4, len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count() or 1))")

test: catalogs  ## run the test suite (GUI tests offscreen, JOBS=n processes: one per core, at most 4)
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -n $(JOBS) --dist loadgroup

lint: $(STAMP)  ## ruff (names, annotations, imports) and mypy (the types of forms/)
	$(BIN)/ruff check .
	$(BIN)/mypy

i18n: $(STAMP)  ## extract strings, update both catalogs, fill English, compile, report gaps
	$(PYTHON) tools/i18n.py extract update english compile
	-$(PYTHON) tools/i18n.py check

screenshots: catalogs  ## the window pictures the docs show, in docs/screenshots; checks every step (ko, en, qps) for cut-off text
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m tools.screenshots

# The pages of the sample's packet that the docs show (README.md, docs/packet.md), as printed at 60 dpi:
# language-page. Pages are counted from 1, as the packet's `- n -` numbers them.
PACKET_PAGES := ko-1 ko-18 ko-21 ko-22 en-1 en-17

packet-pages: catalogs  ## the packet pages the docs show, in docs/packet (the sample's packet, 60 dpi)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) main.py sample --type super_regional --out "$$tmp/sample.json" >/dev/null && \
	for lang in ko en; do \
	  $(PYTHON) main.py export "$$tmp/sample.json" --lang $$lang --out "$$tmp/sample-$$lang.pdf" >/dev/null || exit 1; \
	done && \
	$(PYTHON) -c "import sys, pypdfium2; \
	  [pypdfium2.PdfDocument(f'{sys.argv[1]}/sample-{lang}.pdf')[int(page) - 1].render(scale=60 / 72).to_pil() \
	   .save(f'docs/packet/sample-{lang}-{page}.png', optimize=True) or print(f'docs/packet/sample-{lang}-{page}.png') \
	   for lang, page in (name.split('-') for name in sys.argv[2:])]" "$$tmp" $(PACKET_PAGES)

bench: catalogs  ## measure speed (prints a table)
	QT_QPA_PLATFORM=offscreen $(PYTHON) bench/run.py

bundle: catalogs  ## build the app for this system with pyinstaller.spec (dist/)
	$(DEPS) bundle > $(VENV)/requirements-bundle.txt
	$(PYTHON) -m pip install --quiet -r $(VENV)/requirements-bundle.txt
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build pyinstaller.spec
	@if [ -n "$$WINDOWS_SIGN_CERT" ]; then \
	  signtool sign /f "$$WINDOWS_SIGN_CERT" /p "$$WINDOWS_SIGN_PASSWORD" /fd sha256 /tr "$$WINDOWS_TIMESTAMP_URL" /td sha256 \
	    dist/regional-proposal-studio/RegionalProposalStudio.exe dist/regional-proposal-studio/rps.exe; fi
	@du -sh dist/regional-proposal-studio

bundle-check:  ## run the built bundle: --smoke, sample, validate, export; print size and times
	tools/bundle_smoke.sh

clean:  ## remove the virtual environment and build output
	rm -rf $(VENV) build dist
