# NAP Tracker: `make run` builds and serves the app, `make test` runs every test.
# Both install what they need first (see scripts/setup.sh) and skip what is already there.

SHELL := /bin/bash
# binaryen's wasm-opt (from npm) must come before any other wasm-opt on PATH.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test release test-rust test-end2end

run:
	./scripts/setup.sh
	$(MAKE) release
	./target/release/nap-tracker serve

# Rust tests run on SQLite, and also on PostgreSQL when TEST_DATABASE_URL is set
# (for example postgres://postgres@127.0.0.1:5432/test). The browser tests need the
# release build: it is the one that goes through wasm-opt.
test:
	./scripts/setup.sh --browser
	$(MAKE) release test-rust test-end2end

release:
	cargo leptos build --release

test-rust:
	cargo test --workspace

test-end2end:
	rm -rf target/end2end
	CHROMIUM_PATH=$${CHROMIUM_PATH:-$$(command -v chromium)} npm test --prefix end2end
