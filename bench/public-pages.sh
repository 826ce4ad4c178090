#!/usr/bin/env bash
# Public pages under load: NAP Tracker with the 193-country demo (about 60,000 commitments and
# 520,000 updates) against nginx serving the same HTML as static files, in one run, with wrk
# at 64 connections. Prints requests per second (ours as a share of static) and p50/p99
# latency for the country page, the coverage matrix and the API's list endpoint, and the time
# the coverage matrix takes to render when nothing is kept.
#   bench/public-pages.sh                 10 s per measurement
#   BENCH_SECONDS=30 bench/public-pages.sh
# Builds the release (make release) when missing; installs wrk and nginx from the distribution's
# packages when missing. The database is made once in target/bench-public and kept.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh

seconds=${BENCH_SECONDS:-10}
connections=64
dir=$PWD/target/bench-public
ours=127.0.0.1:3200
static=127.0.0.1:3201

need_release
need_commands wrk:wrk nginx:nginx-light
nginx=$(command -v nginx || echo /usr/sbin/nginx)

mkdir -p "$dir/html" "$dir/nginx"
export DATABASE_URL="sqlite://$dir/demo.db?mode=rwc" RUST_LOG=warn
if [ ! -s "$dir/demo.db" ]; then
  echo "loading the 193-country demo (once)" >&2
  "$binary" demo --scale 193 >&2
fi

LEPTOS_SITE_ADDR=$ours LEPTOS_SITE_ROOT=target/site "$binary" serve &
server=$!
cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  server {
    listen $static;
    root $dir/html;
  }
}
EOF
"$nginx" -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -g "daemon off;" &
web=$!
trap 'kill $server $web 2>/dev/null || true; wait 2>/dev/null || true' EXIT

wait_healthy "$ours"

# The pages, saved as the server sends them, for nginx to serve as they are.
pages=("country:/countries/KEN" "matrix:/coverage" "api-list:/api/v1/countries/KEN/commitments")
for entry in "${pages[@]}"; do
  name=${entry%%:*}
  curl -sf "http://$ours${entry#*:}" -o "$dir/html/$name.html"
done

# The matrix drawn afresh: each address differs, so nothing kept can answer.
render=()
for n in 1 2 3 4 5; do
  render+=("$(curl -sf -o /dev/null -w '%{time_total}' "http://$ours/coverage?fresh=$n")")
done
render_median=$(printf '%s\n' "${render[@]}" | sort -n | sed -n 3p)

measure() {
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1" >"$dir/wrk.out"
  wrk_figures "$dir/wrk.out"
}

printf '\npublic pages, 193 countries, wrk %d connections, %d s each\n' "$connections" "$seconds"
printf '%-10s %10s %10s %7s %9s %9s %9s %9s  %s\n' page "ours r/s" "static r/s" share "ours p50" "ours p99" "stat p50" "stat p99" errors
for entry in "${pages[@]}"; do
  name=${entry%%:*}
  IFS='|' read -r our_rps our_p50 our_p99 our_errors <<<"$(measure "http://$ours${entry#*:}")"
  IFS='|' read -r web_rps web_p50 web_p99 _ <<<"$(measure "http://$static/$name.html")"
  share=$(awk -v a="$our_rps" -v b="$web_rps" 'BEGIN { printf "%.1f%%", 100 * a / b }')
  printf '%-10s %10s %10s %7s %9s %9s %9s %9s  %s\n' "$name" "$our_rps" "$web_rps" "$share" \
    "$our_p50" "$our_p99" "$web_p50" "$web_p99" "$our_errors"
done
printf '\ncoverage matrix rendered afresh (median of 5): %.0f ms (%s bytes)\n' \
  "$(awk -v s="$render_median" 'BEGIN { print s * 1000 }')" "$(wc -c <"$dir/html/matrix.html")"
printf 'targets: country page >= 25%% of static with p99 <= 50 ms; matrix <= 200 ms\n'
