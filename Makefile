# NAP Tracker: `make run` builds and serves the app, `make test` runs every test.
# Both install what they need first (see scripts/setup.sh) and skip what is already there.

SHELL := /bin/bash
# binaryen's wasm-opt (from npm) must come before any other wasm-opt on PATH.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test release test-rust test-end2end

# Everything the release build is made from: when none of it changed since the last build,
# `make run` starts the server at once instead of running cargo-leptos again.
SOURCES := Cargo.toml Cargo.lock .cargo/config.toml $(shell find app server migrations style -type f -not -path '*/tests/*')
RELEASE_STAMP := target/release/.nap-tracker-built

run:
	./scripts/setup.sh
	$(MAKE) release
	./target/release/nap-tracker demo --if-empty
	./target/release/nap-tracker serve

# Rust tests run on SQLite, and also on PostgreSQL when TEST_DATABASE_URL is set
# (for example postgres://postgres@127.0.0.1:5432/test). The browser tests need the
# release build: it is the one that goes through wasm-opt.
test:
	./scripts/setup.sh --browser
	$(MAKE) release test-rust test-end2end

release: $(RELEASE_STAMP)

$(RELEASE_STAMP): $(SOURCES)
	cargo leptos build --release
	touch $@

test-rust:
	cargo test --workspace

test-end2end:
	rm -rf target/end2end
	CHROMIUM_PATH=$${CHROMIUM_PATH:-$$(command -v chromium)} npm test --prefix end2end
