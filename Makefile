# The two quick-start commands: `make run` (the workbench on a built-in task) and `make test`.
SWIFT ?= swift
DOJO := .build/debug/dojo

.PHONY: deps build setup setup-ray agents-venv run exec test test-all test-ray tasks-check release clean

deps:
	@.ci/install-deps

build: deps
	$(SWIFT) build

# The Python environment the tasks run in (built once, rebuilt when Tasks/requirements.txt changes).
setup: build
	$(DOJO) setup

# The small pinned environment `dojo eval --ray` drives a Ray cluster from (Agents/ray/requirements.txt).
setup-ray: build
	$(DOJO) setup ray

# The real clients the Gymnasium and MCP tests drive Dojo with (gymnasium, mcp; dojo_gym installed editable).
agents-venv:
	@.ci/agents-venv >/dev/null

# The workbench on titanic; `make exec` runs its starter headless instead.
run: setup
	$(DOJO) play titanic

exec: setup
	$(DOJO) exec titanic Tasks/titanic/starter.py

# Every test uses Swift Testing; without XCTest the run ends on one unambiguous summary line.
test: setup agents-venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-xctest

# The whole suite with the slowest checks at full width (Gymnasium's checker on every task, not the lite suite).
test-all: setup agents-venv
	$(SWIFT) build --build-tests
	DOJO_TEST_EVERY_TASK=1 $(SWIFT) test --disable-xctest

# dojo eval --ray on a real two-node Ray cluster started on this machine (minutes; docs/eval.md).
test-ray: setup setup-ray
	$(SWIFT) build --build-tests
	DOJO_TEST_RAY=1 $(SWIFT) test --disable-xctest --filter RayClusterTests
	DOJO_TEST_RAY=1 $(SWIFT) test --disable-xctest --filter RayEvalTests

# The slow check alone: every task prepared (through the cache), leak-checked, its starter scored.
tasks-check: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-xctest --filter EveryTaskTests

release: deps
	$(SWIFT) build -c release

clean:
	rm -rf .build
