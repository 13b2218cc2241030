# RAZEM portal – the commands of PRODUCT.md. `make demo` and `make test` work on a fresh
# clone with Python 3.11+; everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install messages demo serve test test-postgres test-browser bench bench-logged-in bench-rush lint format ci clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

messages: install
	$(BIN)/python manage.py compilemessages -v 0 --ignore=.venv

demo: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
# DEBUG off like the real site (razem/settings/demo.py); DJANGO_DEBUG=1 turns it on.
demo: export DJANGO_SETTINGS_MODULE ?= razem.settings.demo
demo: messages
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_municipalities
	$(BIN)/python manage.py load_demo
	@echo "Demo: http://127.0.0.1:$(PORT)/  (logins in README.md, password razem-demo-2026)"
	$(BIN)/python manage.py db_worker --interval 1 & \
	  worker=$$!; $(BIN)/python manage.py run_scheduler & \
	  scheduler=$$!; trap "kill $$worker $$scheduler 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, browser and accessibility tests included (they skip with a message
# when chromium is missing; CI sets RAZEM_REQUIRE_BROWSER=1 so a skip fails instead).
test: messages
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-postgres: messages
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/razem} \
	  $(BIN)/python -m pytest -q -m "not browser" $(PYTEST_ARGS)

test-browser: messages
	$(BIN)/python -m pytest -q -m browser $(PYTEST_ARGS)

bench: messages
	$(BIN)/python bench/run.py

bench-logged-in: messages
	$(BIN)/python bench/logged_in.py

bench-rush: messages
	$(BIN)/python bench/rush.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles build db.sqlite3 db.sqlite3-shm db.sqlite3-wal
