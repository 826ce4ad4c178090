#!/usr/bin/env bash
# Prints the size of the shipped WebAssembly bundle, raw and compressed as the server sends it.
# Run after `make run` or `make release`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The release names the bundle after its content (nap-tracker.<hash>.wasm).
wasm=$(ls -t target/site/pkg/nap-tracker*.wasm 2>/dev/null | head -1 || true)
[ -n "$wasm" ] || { echo "no WebAssembly bundle in target/site/pkg: build the release first (make release)" >&2; exit 1; }

raw=$(stat -c %s "$wasm")
gzip_size=$(gzip -9 -c "$wasm" | wc -c)
if command -v brotli >/dev/null; then
  brotli_size=$(brotli -q 11 -c "$wasm" | wc -c)
else
  brotli_size="n/a (install brotli)"
fi
printf 'wasm raw:    %8s bytes\n' "$raw"
printf 'wasm gzip:   %8s bytes\n' "$gzip_size"
printf 'wasm brotli: %8s bytes\n' "$brotli_size"
