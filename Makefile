# The two commands a newcomer needs (see README.md):
#   make site   install what is missing, build mamori (not its tests), render the portal into site/
#   make test   install what is missing, build (also with ASan+UBSan), run every test
# Both are safe to run again. Then, to use mamori like any other program:
#   sudo make install                 into /usr/local (PREFIX=..., DESTDIR=... as usual)
#   make install PREFIX=$HOME/.local  just for you
#   make package                      a Debian package (build/dev/package/mamori_*.deb)

.DELETE_ON_ERROR:
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

MAMORI := build/dev/mamori
PREFIX ?= /usr/local
DESTDIR ?=
BROWSER_DIR := tests/browser

.PHONY: po site test install package program deps deps-test deps-bench build build-asan build-fuzz browser bench fuzz fuzz-smoke format lint clean

# Seconds each fuzz target runs in `make fuzz` (CI's smoke run uses FUZZ_SMOKE_SECONDS).
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 10

# Only the program, its messages and its manual page: the tests are built by make test.
site: program
	$(MAMORI) build
	@echo
	@echo "The portal is ready. Open it in a browser:"
	@echo "  file://$(CURDIR)/site/index.html"
	@echo
	@echo "To run mamori from any folder (with its manual page and TAB completion), install it:"
	@echo "  sudo make install                     into /usr/local"
	@echo '  make install PREFIX=$$HOME/.local      just for you (~/.local/bin on your PATH)'

# As a user, builds first. As root (sudo make install) only copies: a build as root would
# leave files in build/ that the user can no longer change.
install:
	@if [[ $$(id -u) -ne 0 ]]; then $(MAKE) --no-print-directory program; \
	elif [[ ! -x $(MAMORI) || ! -f build/dev/man/mamori.1 ]]; then \
	  echo "error: build mamori first, as yourself: make program (then sudo make install)" >&2; exit 1; fi
	DESTDIR="$(DESTDIR)" cmake --install build/dev --prefix "$(PREFIX)" --strip
	@echo
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/mamori; try: mamori --help, man mamori"

# What install and package need of the optimised build (not the tests).
program: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev --target mamori translations man_page

# The Debian package of the optimised build, installing under /usr (cmake/install.cmake).
package: program
	rm -f build/dev/package/mamori_*.deb
	cd build/dev && cpack -G DEB
	@echo
	@echo "The Debian package: $$(ls $(CURDIR)/build/dev/package/mamori_*.deb)"
	@echo "Install it with: sudo apt install $$(ls $(CURDIR)/build/dev/package/mamori_*.deb)"

test: deps-test build build-asan
	ctest --preset asan
	$(MAKE) --no-print-directory fuzz-smoke
	$(MAKE) --no-print-directory browser
	@echo "All tests passed."

deps:
	@scripts/install-deps build

deps-test:
	@scripts/install-deps test

deps-bench:
	@scripts/install-deps bench

build:
	cmake --preset dev >/dev/null
	cmake --build --preset dev

build-asan:
	cmake --preset asan >/dev/null
	cmake --build --preset asan

# libFuzzer targets (clang, ASan+UBSan): `make fuzz` runs each for FUZZ_SECONDS;
# `make fuzz FUZZ_SECONDS=60 FUZZ_TARGETS="markdown url"` runs some. The smoke run in
# `make test` is short: it proves the targets build and survive their seeds.
build-fuzz:
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz

fuzz: deps-test build-fuzz
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: build-fuzz
	tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS)

# Browser tests run against the optimised build; npm packages come from the lock file.
browser: build
	@cd $(BROWSER_DIR) && { [ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1 || npm ci --no-audit --no-fund; }
	MAMORI=$(CURDIR)/$(MAMORI) node --test --test-concurrency=1 $(BROWSER_DIR)/

bench: deps-bench build
	test -d tests/bench/node_modules/@pagefind || (cd tests/bench && npm ci --no-audit --no-fund)
	tests/bench/run.py
	tests/bench/links.py
	tests/bench/pathological.py --mamori $(MAMORI)
	tests/bench/results.py --mamori $(MAMORI)
	tests/bench/search.py

# po/ja.po gets the messages added to the source since it was last updated (empty
# translations that the unit-test build then asks for); translators fill them in.
po: build
	msgmerge --quiet --update --backup=none --no-location --no-wrap --sort-output po/ja.po build/dev/po/mamori.pot

format:
	clang-format -i generator/*/*.cc generator/*/*.h tests/unit/*.h tests/unit/*.cc tests/unit/*/*.cc tests/fuzz/*.cc tests/fuzz/*.h

lint: build
	clang-tidy -p build/dev --quiet generator/*/*.cc

clean:
	rm -rf build site
