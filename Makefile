# Herald's commands. `make run` serves the demo network; `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO := DJANGO_SETTINGS_MODULE=herald.settings.demo HERALD_DEMO_PORT=$(PORT)

.PHONY: run test test-quick lint format check-deploy install clean bench bench-profile

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed

## Serve the demo network at http://localhost:$(PORT)/ (news) and http://sport.localhost:$(PORT)/.
run: install
	$(DEMO) $(PY) manage.py migrate --noinput -v0
	$(DEMO) $(PY) manage.py collectstatic --noinput -v0
	$(DEMO) $(PY) manage.py demo_content --if-empty
	@echo
	@echo "Herald News:  http://localhost:$(PORT)/   Herald Sport: http://sport.localhost:$(PORT)/"
	@echo "Admin:        http://localhost:$(PORT)/admin/  sign in with:"
	@sed 's/^/              /' $${HERALD_VAR_DIR:-var}/demo-admin.txt
	@echo
	$(DEMO) $(VENV)/bin/granian --interface asginl --host 127.0.0.1 --port $(PORT) \
		--workers 1 --workers-kill-timeout 3 herald.asgi:application

## The whole suite, browser tests included (what CI runs).
test: install
	$(VENV)/bin/pytest

## Daily work: no browser or multi-process tests, database kept between runs.
test-quick: install
	$(VENV)/bin/pytest -m "not browser and not integration" --reuse-db -q

## The benchmark suite (docs/performance.md): wrk against Herald at 10k and 1M articles on
## PostgreSQL and nginx. Needs PostgreSQL, Redis, wrk and nginx; the 1M build takes about 45 min once.
bench: install
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) bench/suite.py $(BENCH_ARGS)

## Profiles of rendered pages (pyinstrument call trees in bench/results/profile-*.txt; HTML flame views beside them, not in git).
bench-profile: install
	$(PY) -m pip install --quiet -e ".[test,bench]"
	$(PY) bench/profile_pages.py $(BENCH_ARGS)

## Style, and the layers of docs/architecture.md (import-linter contracts in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: install
	DJANGO_SETTINGS_MODULE=herald.settings.production SECRET_KEY=$${SECRET_KEY:-ci-only-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=')} \
		ALLOWED_HOSTS=news.example.org $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
