#!/usr/bin/env bash
# Import benchmark: a 100,000-row progress workbook checked and committed by NAP Tracker,
# against Python's openpyxl reading the same file (read-only mode). Prints the figures.
#   bench/import.sh                 100,000 rows, medians of 3 runs
#   BENCH_ROWS=20000 BENCH_RUNS=5 bench/import.sh
# openpyxl is installed into target/bench-venv on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/bench-venv
if ! "$venv/bin/python" -c 'import openpyxl' 2>/dev/null; then
  echo "installing openpyxl into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet openpyxl
fi
echo "openpyxl $("$venv/bin/python" -c 'import openpyxl; print(openpyxl.__version__)')" >&2

BENCH_PYTHON="$PWD/$venv/bin/python" cargo bench -p server --bench import
