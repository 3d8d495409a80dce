# Mutasi ASN — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PEGAWAI ?= 6000

.PHONY: run test lint deps demo serve fmt bench clean

$(VENV)/.terpasang: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.terpasang: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.terpasang node_modules/.terpasang

demo: deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --pegawai $(PEGAWAI)

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

run: demo serve

test: deps
	$(PY) -m pytest

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=mutasi_asn.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=mutasi_asn.settings.test $(PY) manage.py makemigrations --check --dry-run

fmt: deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: deps
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
