# Khoa: build, run and test. `make run` and `make test` do all the set-up on
# a fresh Debian 12 machine: they install missing packages first.

PORT ?= 8080
STATE ?= $(CURDIR)/state
SITE ?= $(CURDIR)/site

CC ?= cc
PKGS := libcmark-gfm libgit2 sqlite3 libqrencode libpng \
	libsodium yaml-0.1 libutf8proc freetype2 jansson
WARN := -Wall -Wextra -Wpedantic -Wno-overlength-strings -Wshadow -Wstrict-prototypes
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Ilib -Icerts -Igenerator
CFLAGS ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# --as-needed keeps each program's run-time links to the libraries it uses:
# a CGI program that never renders Markdown does not load cmark-gfm.
PKG_LIBS = -Wl,--as-needed $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions

# Sanitizer build of the library and the unit tests.
SAN_CC := clang
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

LIB_SRC := $(wildcard lib/*.c) $(wildcard certs/*.c)
GEN_SRC := $(filter-out generator/main.c,$(wildcard generator/*.c))
CGI_SRC := $(wildcard cgi/*.c)
CGI_BIN := $(patsubst cgi/%.c,build/cgi-bin/%,$(CGI_SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
SAN_BIN := $(patsubst tests/unit/%.c,build/san/%,$(UNIT_SRC))

LIB_OBJ := $(patsubst %.c,build/obj/%.o,$(LIB_SRC))
GEN_OBJ := $(patsubst %.c,build/obj/%.o,$(GEN_SRC))
SAN_OBJ := $(patsubst %.c,build/san-obj/%.o,$(LIB_SRC) $(GEN_SRC))

# Keep the object files of the CGI programs and tests between runs.
.SECONDARY:

.PHONY: all binaries deps deps-check run test unit unit-san e2e browser fuzz bench clean

all:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory binaries

binaries: build/khoa $(CGI_BIN)

# Installs the Debian packages that are missing (through sudo unless root).
deps:
	@scripts/deps.sh

deps-check:
	@pkg-config --exists $(PKGS) || scripts/deps.sh

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -Werror $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/libkhoa.a: $(LIB_OBJ) $(GEN_OBJ)
	@rm -f $@
	@ar rcs $@ $^

build/khoa: build/obj/generator/main.o build/libkhoa.a
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $^ $(PKG_LIBS) -o $@

build/cgi-bin/%: build/obj/cgi/%.o build/libkhoa.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) $^ $(PKG_LIBS) -o $@

build/tests/%: tests/unit/%.c build/libkhoa.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -Werror -Itests/unit $(PKG_CFLAGS) $^ $(PKG_LIBS) -o $@

build/san-obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  $<"
	@$(SAN_CC) $(BASE_CFLAGS) $(SAN_FLAGS) -Werror $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/libkhoa-san.a: $(SAN_OBJ)
	@rm -f $@
	@ar rcs $@ $^

build/san/%: tests/unit/%.c build/libkhoa-san.a
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(SAN_CC) $(BASE_CFLAGS) $(SAN_FLAGS) -Werror -Itests/unit $(PKG_CFLAGS) $^ $(PKG_LIBS) -o $@

-include $(shell find build/obj build/san-obj -name '*.d' 2>/dev/null)

run: all
	@scripts/run.sh "$(STATE)" "$(SITE)" "$(PORT)"

unit: all $(UNIT_BIN)
	@scripts/run-tests.sh unit $(UNIT_BIN)

unit-san: deps-check $(SAN_BIN)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		scripts/run-tests.sh sanitizers $(SAN_BIN)

e2e: all
	@tests/e2e/run.sh

browser: all
	@tests/browser/run.sh

# Everything CI runs; the summary line of each suite is "N passed, N failed".
test: all
	@scripts/test-all.sh

fuzz: deps-check
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

bench: all
	@bench/run.sh
	@bench/cgi.sh

clean:
	rm -rf build
