# cookiecutter-secure-flask-ai: the two commands are `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DEMO := demo

.PHONY: demo test test-fast bench soak docs lint lock clean

$(BIN)/cookiecutter: pyproject.toml
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# The dev group through uv (its pin is in the group): the same packages in seconds, not a minute;
	# compiled as pip does, since the test servers run with PYTHONDONTWRITEBYTECODE (no .pyc written).
	$(BIN)/python -m pip install -q "$$(grep -o 'uv==[0-9.]*' pyproject.toml)"
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python --group dev
	touch $@

demo: $(BIN)/cookiecutter  ## Bake the defaults into demo/, install, create a demo user, serve on :5000
	rm -rf $(DEMO)
	$(BIN)/cookiecutter --no-input -o $(DEMO) . init_git=false use_pre_commit=false
	$(MAKE) -C $(DEMO)/secure-ai-app install migrate PYTHON=$(abspath $(BIN)/python)
	@cd $(DEMO)/secure-ai-app && pw=$$($(abspath $(BIN)/python) -c 'import secrets; print(secrets.token_urlsafe(12))') \
	  && printf '%s\n%s\n' "$$pw" "$$pw" | .venv/bin/flask users create demo@example.com >/dev/null \
	  && printf '\n  Demo login: http://127.0.0.1:5000/auth/login  demo@example.com / %s\n' "$$pw" \
	  && printf '  Mail (password-reset links, security notices): cd $(DEMO)/secure-ai-app && .venv/bin/flask mail outbox\n\n'
	$(MAKE) -C $(DEMO)/secure-ai-app run PYTHON=$(abspath $(BIN)/python)

# The tests bake projects and start Python processes by the hundred: they write bytecode even where
# the environment says not to (PYTHONDONTWRITEBYTECODE=1, as on CI machines), so each bake's modules,
# each fresh project virtualenv's imports and pytest's rewritten plugins compile once per run, not
# once per process. An empty value is "unset" to Python.
test test-fast: export PYTHONDONTWRITEBYTECODE :=

test: $(BIN)/cookiecutter  ## The template's full test suite
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=25

test-fast: $(BIN)/cookiecutter  ## Hooks, docs and the default bake only
	$(BIN)/python -m pytest -m "not slow" -n 2

bench: $(BIN)/cookiecutter  ## Benchmarks (not tests): overhead vs bare Flask, per-layer cost, flood; < 10 min
	$(BIN)/python bench/run.py

soak: $(BIN)/cookiecutter  ## Scaled soak with faults: 2 instances x 2 workers, Redis + PostgreSQL, >= 10 min
	$(BIN)/python bench/soak.py

docs: $(BIN)/cookiecutter  ## Build the documentation site into site/
	$(BIN)/mkdocs build --strict

lock: $(BIN)/cookiecutter  ## Re-resolve the generated project's lock files for every option combination
	$(BIN)/python scripts/lock_template.py

lint: $(BIN)/cookiecutter
	$(BIN)/ruff check hooks tests

clean:
	rm -rf $(VENV) $(DEMO) site
