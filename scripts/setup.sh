#!/usr/bin/env bash
# Installs what building and testing NAP Tracker needs, skipping whatever is already there:
#   the wasm32 Rust target, cargo-leptos, wasm-bindgen-cli (at the version in Cargo.lock),
#   npm packages (Playwright and binaryen's wasm-opt) and, with --browser, Chromium.
set -euo pipefail

cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

say() { printf '==> %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo not found: install the Rust toolchain (https://rustup.rs) first."
command -v rustup >/dev/null || fail "rustup not found: the wasm32 target is added with rustup."
command -v npm >/dev/null || fail "npm not found: install Node.js 18 or later (for example: apt-get install nodejs npm)."
export PATH="$HOME/.cargo/bin:$PATH"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null || true)" = "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
  say "cargo-leptos $CARGO_LEPTOS_VERSION: present"
else
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (compiles for a quarter of an hour, once)"
  # Its own release profile asks for fat LTO in one codegen unit, which makes the final link
  # take several minutes on small machines; a tool run a few times a day does not need it.
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# cargo-leptos runs whatever wasm-bindgen is on PATH; it must match the library in Cargo.lock.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wasm_bindgen_version" ] || fail "cannot find the wasm-bindgen version in Cargo.lock."
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $wasm_bindgen_version" ]; then
  say "wasm-bindgen-cli $wasm_bindgen_version: present"
else
  say "installing wasm-bindgen-cli $wasm_bindgen_version"
  cargo install wasm-bindgen-cli --version "=$wasm_bindgen_version"
fi

# npm packages: Playwright, and the wasm-opt of binaryen 132 (Debian's older wasm-opt
# produces bundles that fail to hydrate).
if [ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ]; then
  say "npm packages: present"
else
  say "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix end2end --no-audit --no-fund
fi

if $want_browser; then
  chromium=${CHROMIUM_PATH:-$(command -v chromium || true)}
  if [ -n "$chromium" ]; then
    say "Chromium: $chromium"
  else
    say "installing Chromium from the distribution's packages"
    command -v apt-get >/dev/null || fail "Chromium not found and apt-get unavailable: install Chromium and set CHROMIUM_PATH."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
  fi
fi
