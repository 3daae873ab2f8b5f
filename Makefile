# 파이토치 딥러닝 과정 — every target installs what it needs into .venv first (skipped when unchanged).
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
REQ_HASH := $(shell cat requirements.txt pyproject.toml 2>/dev/null | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(REQ_HASH)
PORT ?= 8888
ASSIGNMENTS := $(sort $(notdir $(wildcard source/[0-9]*)))
PYTEST_NB := -n 2 --dist loadscope --durations=15
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: help install lab test test-fast test-gpu release grade feedback export doctor sync freeze clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

$(STAMP): requirements.txt pyproject.toml
	@echo "==> .venv 설치 (requirements.txt 가 바뀌었거나 처음입니다)"
	@rm -f $(VENV)/.installed-*
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@start=$$(date +%s); \
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt && \
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e . && \
	echo "==> 설치 완료: $$(( $$(date +%s) - start )) s"
	@touch $@

install: $(STAMP) ## create/update .venv from requirements.txt (skipped when unchanged)

lab: install ## JupyterLab with nbgrader formgrader, from the course root (prints the URL with its token)
	@$(BIN)/python -m tools.lab --port $(PORT)

test: install ## everything CI runs: unit tests, notebooks (nbval), grading round trips, mutants, hygiene
	$(BIN)/python -m pytest $(PYTEST_NB)

test-fast: install ## unit tests and hygiene only (no notebooks, no nbgrader)
	$(BIN)/python -m pytest tests -m "not slow" -p no:xdist

test-gpu: install ## the notebook suite with COURSE_DEVICE=cuda (helpers.setup() fails unless CUDA is used)
	COURSE_DEVICE=cuda $(BIN)/python -m pytest $(PYTEST_NB) course source tests/test_helpers_device.py

release: install ## nbgrader generate_assignment for every unit into release/
	@for a in $(ASSIGNMENTS); do $(BIN)/nbgrader generate_assignment $$a --force || exit 1; done
	@$(BIN)/python -c "import pathlib; [p.chmod(0o644) for p in pathlib.Path('release').rglob('*') if p.is_file()]"

grade: install ## autograde everything in submitted/<student>/<unit>/
	@test -d submitted || { echo "submitted/ 가 없습니다: 학생 제출물을 submitted/<학생>/<단원>/ 에 두세요."; exit 1; }
	@for a in $(ASSIGNMENTS); do \
	  if ls submitted/*/$$a >/dev/null 2>&1; then $(BIN)/nbgrader autograde $$a --force || true; fi; done
	@$(BIN)/python -m tools.grades summary

feedback: install ## HTML feedback into feedback/<student>/<unit>/ (no hidden tests)
	@for a in $(ASSIGNMENTS); do \
	  if ls autograded/*/$$a >/dev/null 2>&1; then $(BIN)/nbgrader generate_feedback $$a --force || true; fi; done

export: install ## grades.csv from the gradebook
	$(BIN)/nbgrader export --to grades.csv
	@echo "==> grades.csv"

doctor: install ## check versions, data checksums, Korean font and device
	@$(BIN)/python -m helpers doctor

sync: install ## regenerate the Colab badge + bootstrap cells of every notebook from course.toml
	$(BIN)/python -m tools.nbsync

freeze: install ## rewrite requirements.txt from the current .venv
	@{ head -1 requirements.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e'; } > requirements.tmp && mv requirements.tmp requirements.txt

clean: ## remove grading output (keeps .venv)
	rm -rf autograded/*/ feedback/ grades.csv .pytest_cache
