# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test bench setup messages migrate clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

messages: $(VENV)/.installed
	./scripts/ensure-debian-packages /usr/bin/msgfmt gettext
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

setup: $(VENV)/.installed messages

migrate: setup
	$(BIN)/python manage.py migrate --no-input -v 0

run: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_demo_accounts
	$(BIN)/python manage.py runserver $(HOST)

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	./scripts/ensure-debian-packages /usr/bin/chromium chromium chromium-driver
	$(BIN)/python -m pytest

# The scale figures of docs/PERFORMANCE.md, on DATABASE_URL (default the sip_scale database).
bench: setup
	$(BIN)/python scripts/bench.py $(BENCH_OPTIONS)

clean:
	rm -rf $(VENV) staticfiles
