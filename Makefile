# Everyday commands. Each target sets up .venv/ on first use (needs python3 >= 3.11 with venv);
# `make test` also needs Node.js 20 or newer with npm (test tools only). A missing prerequisite is
# said in one line (French / English) instead of a shell error.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: chat test lint typecheck unit build check-build clean lock bench-serve mutation

$(STAMP): pyproject.toml setup.cfg requirements.txt lambda/requirements.in
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) introuvable : installez Python 3.11 ou plus (avec venv) / $(PYTHON) not found: install Python 3.11 or newer (with venv)." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 ou plus est nécessaire / Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Node tools for the tests only (a DynamoDB-protocol server, a third-party Alexa client).
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 || { echo "npm introuvable : les outils de test demandent Node.js 20 ou plus, avec npm (https://nodejs.org) / npm not found: the test tools need Node.js 20 or newer, with npm." >&2; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || { echo "Node.js $$(node --version) est trop ancien : les outils de test demandent Node.js 20 ou plus / Node.js $$(node --version) is too old: the test tools need Node.js 20 or newer." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## Talk to the skill in the terminal, on the bundled content (Ctrl-D to quit).
chat: $(STAMP)
	$(BIN)/mairie chat

## The whole suite: lint, types, the CloudFormation template (AWS's cfn-lint), generated files up to date, tests.
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check lambda tests benchmarks
	$(BIN)/ruff format --check lambda tests benchmarks
	$(BIN)/mypy
	$(BIN)/cfn-lint infrastructure/cfn-deployer/skill-stack.yaml
	$(BIN)/mairie build --check
	$(BIN)/pytest -q

## Regenerate the compiled catalogue and the interaction model's slot values from content/.
build: $(STAMP)
	$(BIN)/mairie build

## Lock the Lambda's runtime dependencies (lambda/requirements.in) with hashes into lambda/requirements.txt.
lock: $(STAMP)
	cd lambda && ../$(BIN)/uv pip compile requirements.in --generate-hashes --universal --python-version 3.12 \
		--custom-compile-command "make lock" --quiet -o requirements.txt

## Mutation testing of one file (minutes; not in CI): make mutation FILE=lambda/mairie/domain/hours.py
mutation: $(STAMP)
	$(BIN)/python benchmarks/mutation.py $(FILE) --max-children $(or $(JOBS),1)

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache .mutation
