# Two commands: `make demo` sets everything up and checks fixtures/balloon/;
# `make test` sets everything up and runs the whole test suite (as CI does).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
# Extra pip arguments for torch, e.g. TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu"
# on machines where the default torch wheel is a CUDA build.
TORCH_PIP_ARGS ?=

.PHONY: demo test setup lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0 $(TORCH_PIP_ARGS)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	HF_HUB_OFFLINE=1 $(VENV)/bin/crosscheck check fixtures/balloon/

test: setup
	$(VENV)/bin/ruff check src tests bench training
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check src tests bench training
	$(VENV)/bin/ruff format --check src tests bench training

bench: setup
	HF_HUB_OFFLINE=1 $(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
