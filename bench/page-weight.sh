#!/usr/bin/env bash
# What a first visit to public pages transfers, as a browser would fetch it: the HTML and the
# files it links (stylesheet, JavaScript, WebAssembly), each compressed as the server sends
# it for `Accept-Encoding: br, gzip`. Prints bytes per page, with and without the WebAssembly.
#   bench/page-weight.sh                 the small demo (4 countries)
# Builds the release (make release) when missing. The database is made once in
# target/bench-weight and kept.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh

dir=$PWD/target/bench-weight
port=$(free_port)
addr=127.0.0.1:$port

need_release
mkdir -p "$dir"
export DATABASE_URL="sqlite://$dir/demo.db?mode=rwc" RUST_LOG=warn
[ -s "$dir/demo.db" ] || "$binary" demo >&2

LEPTOS_SITE_ADDR=$addr LEPTOS_SITE_ROOT=target/site "$binary" serve &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_healthy "$addr"

# Bytes on the wire for one address (compressed body; headers are left out).
wire() {
  curl -s -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{size_download}' "http://$addr$1"
}

commitment=$(curl -s "http://$addr/api/v1/countries/KEN/commitments?per_page=1" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
printf '%-28s %10s %10s %10s %12s %12s\n' page html css js "total-wasm" "wasm"
for page in / /countries /countries/KEN "/commitments/$commitment" /coverage /recommendations; do
  html=$(curl -s -H 'Accept-Encoding: identity' "http://$addr$page")
  css=0 js=0 wasm=0
  for asset in $(grep -oE '/pkg/[^"]+\.(css|js|wasm)' <<<"$html" | sort -u); do
    bytes=$(wire "$asset")
    case $asset in
      *.css) css=$((css + bytes)) ;;
      *.js) js=$((js + bytes)) ;;
      *.wasm) wasm=$((wasm + bytes)) ;;
    esac
  done
  page_bytes=$(wire "$page")
  printf '%-28s %10d %10d %10d %12d %12d\n' "$page" "$page_bytes" "$css" "$js" \
    $((page_bytes + css + js)) "$wasm"
done
