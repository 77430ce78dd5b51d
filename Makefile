# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
WORKSPACE ?= reviews

.PHONY: run test check bench bench-plain bench-serve check-quality system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[docx,timeline]'
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

run: $(STAMP)
	@mkdir -p -m 700 $(WORKSPACE)
	$(BIN)/imr --workspace $(WORKSPACE)

system-deps:
	@./scripts/system-deps.sh

test: $(TEST_STAMP) system-deps
	$(BIN)/python -m pytest

check: $(TEST_STAMP)
	$(BIN)/ruff format --check imr_tui tests benchmarks
	$(BIN)/ruff check imr_tui tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# Figures against baselines measured in the same run; writes benchmarks/RESULTS.md.
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py

# Plain mode alone: one scripted whole review typed into the questionary asker (the
# baseline) and the line asker, in the same run (also section 8 of `make bench`).
bench-plain: $(TEST_STAMP)
	$(BIN)/python benchmarks/plain_bench.py

# Serve mode under load: imr serve --training with 1 trainee, then 20 at once (websocket
# clients sending what the page sends), typing at 5 characters a second; key echo, screen
# changes, failures, files, processor and memory per session, MET/MISSED against the
# targets. COMPARE=1 runs the same with the sessions' settings off first (web/tuning.py).
bench-serve: $(TEST_STAMP)
	$(BIN)/python benchmarks/serve_load.py $(if $(COMPARE),--compare)

# Precision and recall of each quality check on the labelled corpus in tests/quality_corpus/
# (a measurement, not a gate). FOLDER=... measures a board's catalogue and word lists;
# SHOW=dev lists the development set's misses.
check-quality: $(TEST_STAMP)
	$(BIN)/python benchmarks/check_quality.py $(if $(FOLDER),--prompts $(FOLDER)) $(if $(SHOW),--show $(SHOW))

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
