#!/usr/bin/env bash
# Reliability under load (issue 8): public pages under wrk at 64 connections while focal points
# and coordinators write at the same time, some importing small progress spreadsheets through
# the API with a token, the others recording single updates through the browser's progress
# form (bench/load_writes.py). Then, with the server stopped, every accepted write is looked up
# in the SQLite file. Prints pages requests/s and p50/p99 latency, page errors, writes
# accepted/refused/lost and the integrity check; exits 1 on any error or lost write.
#   bench/load.sh                         60 s
#   BENCH_SECONDS=10 bench/load.sh
# Builds the release (make release) when missing; installs wrk from the distribution's packages
# when missing. The demo database is made afresh in target/load each run.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh

seconds=${BENCH_SECONDS:-60}
connections=64
dir=$PWD/target/load

need_release
need_commands wrk:wrk

rm -rf "$dir"
mkdir -p "$dir"
export DATABASE_URL="sqlite://$dir/load.db?mode=rwc" RUST_LOG=warn
"$binary" demo >/dev/null
for email in health.ken education.ken coordinator.chl coordinator.fin coordinator.npl; do
  email=$email@demo.nap-tracker.example
  echo "$email $("$binary" token create --email "$email" --label load-bench)"
done >"$dir/tokens"

# The limits per client address, made high enough for every writer on the loopback address.
address=127.0.0.1:$(free_port)
NAP_API_PER_MINUTE=1000000 NAP_API_BURST=100000 \
  NAP_SIGN_IN_PER_MINUTE=1000 NAP_SIGN_IN_BURST=1000 \
  LEPTOS_SITE_ADDR=$address LEPTOS_SITE_ROOT=target/site \
  "$binary" serve 2>"$dir/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true' EXIT
wait_healthy "$address"

base=http://$address
python3 bench/load_writes.py paths "$base" >"$dir/paths.txt"
while read -r path; do
  curl -sf -o /dev/null "$base$path" || { echo "$path does not answer 2xx" >&2; exit 1; }
done <"$dir/paths.txt"

python3 bench/load_writes.py write "$base" "$seconds" "$dir/tokens" "$dir/writes.json" &
writers=$!
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/load-pages.lua "$base" \
  -- "$dir/paths.txt" >"$dir/wrk.out"
wait $writers

# Stopped before the check: the database is then read as a restart would find it.
kill -TERM $server
wait $server || true
trap - EXIT

IFS='|' read -r rps p50 p99 _ <<<"$(wrk_figures "$dir/wrk.out")"
page_errors=$(awk -F': ' '$1 == "page errors" {print $2}' "$dir/wrk.out")
socket_errors=$(awk -F': ' '$1 == "socket errors" {print $2}' "$dir/wrk.out")
printf '\nload: %d s, wrk %d connections over %d public addresses, writers at the same time\n' \
  "$seconds" "$connections" "$(wc -l <"$dir/paths.txt")"
printf 'pages: %s requests/s, p50 %s, p99 %s; errors: %s non-2xx/3xx (%s), %s socket\n' \
  "$rps" "$p50" "$p99" "$page_errors" \
  "$(awk -F': ' '$1 == "page error statuses" {print $2}' "$dir/wrk.out")" "$socket_errors"
status=0
python3 bench/load_writes.py verify "$dir/load.db" "$dir/writes.json" "$dir/server.log" || status=1
[ "$page_errors" = 0 ] && [ "$socket_errors" = 0 ] || status=1
[ $status -eq 0 ] && echo "result: no error, no lost write" || echo "result: FAILED (see above)"
exit $status
