# dateline: `make run` analyses the bundled examples, `make test` runs the test suite.
VENV ?= .venv
INPUT ?= examples/articles
OUTPUT ?= output
BIN = $(VENV)/bin

.PHONY: run test bench clean venv

venv: $(BIN)/dateline

$(BIN)/dateline: setup.py constraints.txt
	@PY=$$(sh .ci/find-python) || exit 1; \
	 echo "Using $$PY"; \
	 test -x $(BIN)/python || $$PY -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,s3]"
	@touch $(BIN)/dateline

run: venv
	$(BIN)/dateline run --input $(INPUT) --output $(OUTPUT)

test: venv
	$(BIN)/python -m pytest -q tests

bench: venv
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(OUTPUT) build *.egg-info
