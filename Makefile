# Two entry points for a fresh Linux machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/facilitator run

# Two workers per core (pytest-xdist): many tests wait on a program they started (tmux, kill -9,
# the HR run), and with one worker per core a core sat idle meanwhile (4 min 37 s with 2
# workers here, 3 min 53 s to 4 min 04 s with 4). Tmux tests use private sockets, and every
# test has its own tmp_path.
WORKERS ?= $(shell $(PYTHON) -c "import os; print(2 * (os.cpu_count() or 1))")
# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set: without it every worker
# re-compiles and re-rewrites all test modules (about 6 s of CPU each), and every program the
# end-to-end tests start compiles facilitator again.
test: export PYTHONDONTWRITEBYTECODE :=
# One test at a time per worker with the slowest first (tests/conftest.py): a worker that is
# free takes the next test, so none waits on the others at the end. `loadgroup` hands out
# single tests too, except those marked `xdist_group` (the packaging tests share one wheel).
test: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider -n $(WORKERS) --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff format --check facilitator tests benchmarks
	$(BIN)/ruff check facilitator tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
