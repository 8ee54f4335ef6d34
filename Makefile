# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip -q --disable-pip-version-check

.PHONY: run test bench install install-test clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: $(VENV)/.installed  ## open the app on its default TinyDB data directory
	$(VENV)/bin/facilitator

test: $(VENV)/.installed-test  ## run the whole suite (unit, TUI, real browser)
	$(PY) -m pytest -q

bench: $(VENV)/.installed-test  ## print ingest, latency and durability ratios
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache
