#!/usr/bin/env bash
# Fuzzes the spreadsheet import: arbitrary bytes through the whole preview of an upload
# (fuzz/fuzz_targets/import.rs), for SECONDS (default 300), starting from the seed corpus in
# fuzz/corpus/import. Installs cargo-fuzz when missing. Works on stable Rust: the target is
# built without a sanitizer (`-s none`); libFuzzer's coverage guidance needs none.
#
#   scripts/fuzz.sh [--build-only | --no-build] [SECONDS] [libFuzzer options...]
#
# Inputs found interesting are added to fuzz/grown/import; a crash, a hang (over 10 s) or an
# allocation beyond 2 GB is written to fuzz/artifacts/import/ and its path printed. The run
# itself is niced, so a machine's other work goes first.
set -euo pipefail

cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }
fail() { printf 'fuzz: %s\n' "$*" >&2; exit 1; }

build=true
run=true
case "${1:-}" in
  --build-only) run=false; shift ;;
  --no-build) build=false; shift ;;
esac
seconds=${1:-300}
[ "$#" -gt 0 ] && shift
[[ "$seconds" =~ ^[0-9]+$ ]] || fail "SECONDS must be a number, not '$seconds'."

command -v cargo >/dev/null || fail "cargo not found: install the Rust toolchain (https://rustup.rs) first."
export PATH="$HOME/.cargo/bin:$PATH"

if $build; then
  if cargo fuzz --version >/dev/null 2>&1; then
    say "$(cargo fuzz --version): present"
  else
    say "installing cargo-fuzz (compiles for a few minutes, once)"
    cargo install cargo-fuzz --locked
  fi
  say "building the import target (optimised, with debug assertions; the first build takes long)"
  cargo fuzz build --sanitizer none --fuzz-dir fuzz import
fi
$run || exit 0

triple=$(rustc -vV | sed -n 's/^host: //p')
binary="${CARGO_TARGET_DIR:-$PWD/fuzz/target}/$triple/release/import"
[ -x "$binary" ] || fail "$binary is missing: run scripts/fuzz.sh without --no-build first."

grown=fuzz/grown/import
artifacts=fuzz/artifacts/import
mkdir -p "$grown" "$artifacts"
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT

say "fuzzing the import for $seconds s"
# New inputs go to the first directory; the seeds are only read.
status=0
nice -n 10 "$binary" "$grown" fuzz/corpus/import \
  -dict=fuzz/import.dict \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" \
  -print_final_stats=1 \
  "$@" || status=$?

found=$(find "$artifacts" -type f -newer "$stamp" | sort)
if [ -n "$found" ]; then
  say "the import failed on these inputs; reproduce one with: $binary FILE"
  printf '%s\n' "$found"
  exit 1
fi
[ "$status" -eq 0 ] || fail "the fuzzer stopped with status $status."
say "no failure found in $seconds s"
