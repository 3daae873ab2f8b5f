# 파이토치 딥러닝 과정 — every target installs what it needs into .venv first (skipped when unchanged).
SHELL := /bin/bash
.DEFAULT_GOAL := help
include tools/make/install.mk
PORT ?= 8888
# The units, in course order, from course.toml (the registry; never a folder glob). Expanded when a recipe runs,
# i.e. after `install`.
ASSIGNMENTS = $(shell $(BIN)/python -m tools.config names)
PYTEST_NB := -n 2 --dist loadscope --durations=15
export PATH := $(CURDIR)/$(BIN):$(PATH)
# Two test workers and the graders' kernels share 2 cores: one BLAS/OpenMP thread each avoids oversubscription
# (which made a 4 s training take 35 s). Notebooks opened with `make lab` keep torch's default.
TEST_ENV := OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

.PHONY: help install sandbox browser-install submit lab test test-fast test-gpu build unit release grade feedback export doctor sync freeze clean student-dist

help: ## list targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | column -t -s $$'\t'

sandbox: ## install bubblewrap (bwrap) for the grading sandbox when missing (Debian/Ubuntu, as root)
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "==> bubblewrap 설치 (grading sandbox)"; \
	    (apt-get install -y -qq bubblewrap >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq bubblewrap >/dev/null 2>&1; }) \
	      || echo "⚠️ bubblewrap 을 설치하지 못했습니다: 채점은 프로세스 격리로만 실행됩니다."; \
	  else echo "⚠️ bwrap 이 없습니다 (sudo apt-get install bubblewrap). 채점은 프로세스 격리로만 실행됩니다."; fi; }

browser-install: ## Chromium + a Hangul font for tests/test_browser.py (Debian/Ubuntu, as root; never Playwright's browser download)
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=ko family 2>/dev/null | grep -q .; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "==> chromium, fonts-nanum 설치 (브라우저 테스트)"; \
	    (apt-get install -y -qq --no-install-recommends chromium fonts-nanum >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends chromium fonts-nanum >/dev/null 2>&1; }) \
	      || echo "⚠️ chromium 을 설치하지 못했습니다: 브라우저 테스트는 건너뜁니다."; \
	  else echo "⚠️ chromium 이 없습니다 (sudo apt-get install chromium fonts-nanum). 브라우저 테스트는 건너뜁니다."; fi; }

lab: install ## JupyterLab (Korean UI) with formgrader: prints the token URL once ready (also build/lab_url.txt), logs in build/lab.log, PORT=…
	@$(BIN)/python -m tools.lab --port $(PORT)

test: install sandbox ## everything CI runs: unit tests, notebooks (nbval), grading round trips, mutants, adversaries, hygiene
	@status=0; $(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_NB) || status=$$?; rm -f build/install_seconds.txt; exit $$status

test-fast: install ## unit tests and hygiene only (no notebooks, no nbgrader)
	$(BIN)/python -m pytest tests -m "not slow" -p no:xdist

GPU_PYTHON ?= $(BIN)/python
test-gpu: $(if $(filter $(BIN)/python,$(GPU_PYTHON)),install) ## every notebook with COURSE_DEVICE=cuda (helpers.setup() fails unless CUDA is really used); GPU_PYTHON=python3 uses an existing env
	COURSE_DEVICE=cuda OMP_NUM_THREADS=$${GPU_THREADS:-2} MKL_NUM_THREADS=$${GPU_THREADS:-2} $(GPU_PYTHON) -m pytest -n $${GPU_WORKERS:-4} --dist loadscope --durations=15 -v course source tests/helpers/test_device.py tests/helpers/test_setup.py

build: install ## notebooks course/ and source/ from the unit text sources units/NN_slug/*.py (+ README units table)
	@$(BIN)/python -m tools.build

unit: install ## scaffold a unit: make unit NUM=08 SLUG=data_augmentation TITLE="데이터 증강" (units/NN_slug/ + course.toml, built)
	@test -n "$(NUM)" -a -n "$(SLUG)" -a -n "$(TITLE)" || { echo 'usage: make unit NUM=08 SLUG=data_augmentation TITLE="데이터 증강"'; exit 2; }
	@$(BIN)/python -m tools.build --new "$(NUM)" "$(SLUG)" "$(TITLE)"

release: build ## nbgrader generate_assignment for every unit into release/ (after make build)
	@for a in $(ASSIGNMENTS); do $(BIN)/nbgrader generate_assignment $$a --force || exit 1; done
	@$(BIN)/python -c "import pathlib; [p.chmod(0o644) for p in pathlib.Path('release').rglob('*') if p.is_file()]"

grade: install sandbox ## autograde submitted/<student>/<unit>/: each in a sandbox, 2 in parallel (reports/ has status + integrity)
	@test -d submitted || { echo "submitted/ 가 없습니다: 학생 제출물을 submitted/<학생>/<단원>/ 에 두세요."; exit 1; }
	@test -f gradebook.db || $(MAKE) --no-print-directory release
	@$(BIN)/python -m grading.sandbox grade
	@$(BIN)/python -m grading.report summary

feedback: install ## HTML feedback into feedback/<student>/<unit>/ (no hidden tests) + per-exercise overview plot
	@for a in $(ASSIGNMENTS); do \
	  if ls autograded/*/$$a >/dev/null 2>&1; then $(BIN)/nbgrader generate_feedback $$a --force || true; fi; done
	@$(BIN)/python -m grading.report overview

export: install ## grades.csv from the gradebook (+ reports/exercise_summary.csv, exercise_failures.png)
	$(BIN)/nbgrader export --to grades.csv
	@$(BIN)/python -m grading.report overview >/dev/null
	@echo "==> grades.csv, reports/exercise_summary.csv, reports/exercise_failures.png"

student-dist: install ## the tree students get, from the last commit (no source/, solutions, hidden tests) -> build/student-dist (its .git is kept)
	@$(BIN)/python -m tools.student_dist

doctor: install ## check versions, data checksums, Korean font (matplotlib and browser) and device
	@$(BIN)/python -m helpers doctor

submit: install ## hand in a unit: make submit UNIT=04 -> runs it, packs build/submit/04_<slug>.zip (FILE=path.ipynb to choose)
	@test -n "$(UNIT)" || { echo "단원 번호를 주세요: make submit UNIT=04"; exit 2; }
	@$(BIN)/python -m helpers submit $(UNIT) $(if $(FILE),--file "$(FILE)")

sync: build ## old name of `make build` (the Colab badge + bootstrap cells come from course.toml at build time)

freeze: install ## rewrite requirements.txt from the current .venv
	@{ head -1 requirements.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e'; } > requirements.tmp && mv requirements.tmp requirements.txt

clean: ## remove grading output (keeps .venv)
	rm -rf autograded/*/ feedback/ grades.csv .pytest_cache
