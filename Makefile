# The workshop's two commands are `make run` and `make test`; the rest is for maintainers.

SWIFT ?= swift
BUILD := .build/debug

.PHONY: run test build setup bench pristine clean postgres

## make run: install what is missing, build, prebuild your exercise (and the libraries every
## exercise shares, so the first check takes seconds), and start the workshop at your first
## unfinished exercise.
run: setup
	$(SWIFT) build --product workshop
	@$(BUILD)/workshop prebuild
	@$(BUILD)/workshop

## make test: every test — the libraries, the PostgreSQL store against a throw-away server the
## tests start themselves, the runner, the terminal UI in tmux, and `workshop verify` (every
## solution passes, every untouched exercise fails). WORKSHOP_TEST_POSTGRES=postgres://… runs the
## PostgreSQL tests against an existing server instead.
test:
	@scripts/setup --with-test-tools
	$(SWIFT) build --build-tests --traits Postgres
	$(BUILD)/workshop verify
	$(SWIFT) test --skip-build --traits Postgres

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

## make bench: the benchmarks in a release build (ratios against baselines measured in the same run).
bench: setup
	$(SWIFT) build -c release --product workshop
	.build/release/workshop bench store

## make pristine: regenerate the exercise copies compiled into the app (after editing Exercises/),
## which `workshop reset` restores without git or a network.
pristine:
	$(SWIFT) build --product workshop
	$(BUILD)/workshop pristine --write
	$(SWIFT) build --product workshop

## make postgres: the workshop with PostgreSQL support (`--store postgres://…`); postgres-nio
## takes a few minutes to build the first time, which is why `make run` leaves it out.
postgres: setup
	$(SWIFT) build --product workshop --traits Postgres

clean:
	rm -rf .build .build-*
