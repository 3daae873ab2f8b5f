# .venv from the pinned requirements: shared by the course Makefile and the student distribution's Makefile.
# Reinstalls only when requirements.txt or pyproject.toml change (the stamp name is their hash).
PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
REQ_HASH := $(shell cat requirements.txt pyproject.toml 2>/dev/null | $(PYTHON) -c "import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
STAMP := $(VENV)/.installed-$(REQ_HASH)

$(STAMP): requirements.txt pyproject.toml
	@echo "==> .venv 설치 (requirements.txt 가 바뀌었거나 처음입니다)"
	@rm -f $(VENV)/.installed-*
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@start=$$(date +%s); \
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt && \
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e . && \
	echo "==> 설치 완료: $$(( $$(date +%s) - start )) s" && \
	mkdir -p build && echo "$$(( $$(date +%s) - start ))" > build/install_seconds.txt
	@touch $@

install: $(STAMP) ## create/update .venv from requirements.txt (skipped when unchanged)
