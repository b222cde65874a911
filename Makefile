# Two commands do everything on a fresh machine:
#   make site   install what is missing, build the example site (site/) and the offline bundle (dist/)
#   make test   install what is missing, run the whole test suite
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
AS_OF  ?=

.PHONY: site test check serve bundle system-deps deps bench clean

site: deps
	$(PY) build.py build $(if $(AS_OF),--as-of $(AS_OF))
	$(PY) build.py bundle $(if $(AS_OF),--as-of $(AS_OF))

test: deps
	$(PY) -m pytest -n auto --dist loadfile --durations=15

check: deps
	$(PY) build.py check

serve: deps
	$(PY) build.py serve

bundle: deps
	$(PY) build.py bundle

bench: deps
	$(PY) benchmarks/run.py

deps: system-deps $(STAMP)

system-deps:
	@bash .ci/install-system.sh

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

clean:
	rm -rf site dist .cache
