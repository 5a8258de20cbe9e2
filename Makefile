# Backoffice — the commands the README names. Each installs what it needs first.
#   make run    install, build, create the demo company in data/backoffice.db, serve it
#   make test   install, build, run every test on SQLite and on a throw-away PostgreSQL
#   make bench  install, build, run the benchmarks and print their figures
BUILD ?= build
JOBS ?= $(shell nproc)
DB ?= sqlite:data/backoffice.db
LISTEN ?= 127.0.0.1:8080
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: deps configure build run test test-fast fuzz bench asan format clean
FUZZ_SECONDS ?= 60

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@mkdir -p data
	$(BUILD)/bin/backoffice seed-demo --db $(DB)
	$(BUILD)/bin/backoffice serve --db $(DB) --listen $(LISTEN)

# Every test, both backends: scripts/with-postgres starts a throw-away PostgreSQL 15 cluster
# and exports BO_TEST_POSTGRES_URL; BO_REQUIRE_POSTGRES makes a missing one a failure.
# The fuzzers run first (bounded), so that ctest's summary is the last line printed.
test: build
	@scripts/run-fuzzers $(FUZZ_SECONDS)
	@BO_REQUIRE_POSTGRES=1 scripts/with-postgres \
		ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) --timeout 600

fuzz: deps
	@scripts/run-fuzzers $(FUZZ_SECONDS)

test-fast: build
	@scripts/with-postgres ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -L fast

bench: build
	@scripts/run-benchmarks $(BUILD)

# AddressSanitizer + UndefinedBehaviorSanitizer build and tests, in build-asan/.
asan:
	@$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DBO_SANITIZE=ON -DBO_BUILD_BENCH=OFF"

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD) build-asan
