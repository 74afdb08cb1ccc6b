#!/usr/bin/env bash
# Instructions per report of the layout engine + rules (valgrind's callgrind): a figure that a
# busy machine cannot skew. PASSES (default 4) passes over the labelled reports minus 0 passes,
# over PASSES x their number (PASSES=1: a quicker figure).
#   eval/count_instructions.sh                 # this checkout
#   PYTHONPATH=/tmp/old eval/count_instructions.sh   # another checkout
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
PASSES=${PASSES:-4}
run() {
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PY" -c "
import sys
from extractor.bench import load_all
from extractor.engines import get_engine
from extractor.pipeline import extract_document
docs, _ = load_all(['eval/real'])
eng = get_engine('layout')
for d in docs: extract_document(d, eng)
for _ in range($1):
    for d in docs: extract_document(d, eng)
" 2>&1 | awk '/Collected/ {print $4}'
}
a=$(run 0)
b=$(run "$PASSES")
n=$("$PY" -c "from extractor.bench import load_all; print(len(load_all(['eval/real'])[0]))")
"$PY" -c "print(f'{($b - $a) / ($PASSES * $n) / 1e6:.2f} M instructions per report ($n reports)')"
