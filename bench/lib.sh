# Shell functions shared by the bench scripts; source it from the repository's root.

binary=target/release/nap-tracker

# Builds the release (make release) when its binary is missing.
need_release() {
  if [ ! -x "$binary" ]; then
    echo "building the release first (make release)" >&2
    make release >&2
  fi
}

# Installs from the distribution's packages whatever is missing, each given as
# command:package (a command may also be in /usr/sbin, off an ordinary user's PATH).
need_commands() {
  local entry name missing=()
  for entry in "$@"; do
    name=${entry%%:*}
    command -v "$name" >/dev/null || [ -x "/usr/sbin/$name" ] || missing+=("${entry#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

# A TCP port nothing listens on now, on the loopback address.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Waits up to 20 s for the server at host:port $1 to answer /healthz.
wait_healthy() {
  for _ in $(seq 100); do
    curl -sf "http://$1/healthz" >/dev/null && return 0
    sleep 0.2
  done
  echo "the server at $1 did not become healthy" >&2
  return 1
}

# The figures of a wrk --latency report in file $1, as requests/s|p50|p99|errors (wrk prints
# "Requests/sec: N", "50% Xms", "99% Yms" and, when there were any, "Non-2xx or 3xx
# responses: N" and "Socket errors: connect N, read N, write N, timeout N").
wrk_figures() {
  local errors
  errors=$(grep -E 'Non-2xx|Socket errors' "$1" | tr -s ' ' | paste -sd ';' || true)
  printf '%s|%s|%s|%s\n' \
    "$(awk '/^Requests\/sec:/ {print $2}' "$1")" \
    "$(awk '$1 == "50%" {print $2}' "$1")" \
    "$(awk '$1 == "99%" {print $2}' "$1")" \
    "${errors:-none}"
}
