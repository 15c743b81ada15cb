# Everyday commands. Each target sets up .venv/ on first use (needs python3 >= 3.11 with venv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: chat test lint typecheck unit build check-build clean mutation

$(STAMP): pyproject.toml requirements.txt lambda/requirements.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 ou plus est nécessaire" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Node tools for the tests only (a DynamoDB-protocol server, a third-party Alexa client).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## Talk to the skill in the terminal, on the bundled content (Ctrl-D to quit).
chat: $(STAMP)
	$(BIN)/mairie chat

## The whole suite: lint, types, generated files up to date, tests.
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check lambda tests benchmarks
	$(BIN)/ruff format --check lambda tests benchmarks
	$(BIN)/mypy
	$(BIN)/mairie build --check
	$(BIN)/pytest -q

## Regenerate the compiled catalogue and the interaction model's slot values from content/.
build: $(STAMP)
	$(BIN)/mairie build

## Mutation testing of one file (minutes; not in CI): make mutation FILE=lambda/mairie/domain/hours.py
mutation: $(STAMP)
	$(BIN)/python benchmarks/mutation.py $(FILE) --max-children $(or $(JOBS),1)

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache .mutation
