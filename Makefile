# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test check serve clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	# Make `generator` importable from anywhere in the venv (MkDocs loads generator/hooks.py by path).
	$(PY) -c "import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()['purelib'], 'overenskommelser.pth').write_text('$(CURDIR)\n')"
	touch $(STAMP)

site: $(STAMP)
	$(PY) -m generator build

check: $(STAMP)
	$(PY) -m generator check

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf site .site-* dist docs/avtal docs/samverkansregler docs/tidsfrister docs/jamforelse docs/_generated
