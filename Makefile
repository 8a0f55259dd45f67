# beatsim - build, test, benchmark.  See README.md.
#
#   make run     set up (Debian packages), build, run the default scenario
#   make test    set up, build, run every test program
#   make bench   build optimised and print the benchmark figures
#   make asan    build with AddressSanitizer + UBSan and run the tests
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make clean

# The Debian packages beatsim needs to build, test and plot: the one list.
DEB_PACKAGES = gcc make pkg-config libgsl-dev libconfig-dev libcmocka-dev \
               gnuplot-nox

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   ?= build
BIN     ?= bin

PKGS     = gsl libconfig
# Recursively expanded on purpose: pkg-config runs when a recipe needs the
# flags, i.e. after `deps` has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lconfig)
TEST_LIBS  = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

WARN = -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings \
       -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition \
       -Wpointer-arith -Wcast-qual -Wformat=2 -Wvla -Wredundant-decls \
       -Wnested-externs -Wmissing-declarations
OPT      ?= -O2 -g
CFLAGS   += -std=c17 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -MMD -MP \
            -Isim -Imodels
LDLIBS   += -lm -lpthread

# Everything but the CLI's main goes into a static library that the
# tests and benchmarks link too.
LIB_SRC  = $(wildcard sim/*.c) $(filter-out models/main.c,$(wildcard models/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB      = $(BUILD)/libbeatsim.a
TEST_SRC = $(wildcard tests/test_*.c)
TESTS    = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH    = $(BUILD)/tests/bench/bench

# Keep intermediate objects (no rebuilds, no 'rm' lines).
.SECONDARY:

.PHONY: all run test check bench asan install clean deps FORCE

all: $(BIN)/beatsim

# ---- set-up ---------------------------------------------------------------
# Installs missing Debian packages when run as root; otherwise prints the
# exact command and stops with exit code 2.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "beatsim: installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	      || { echo "beatsim: apt-get failed" >&2; exit 2; }; \
	  else \
	    echo "beatsim: missing Debian packages:$$missing" >&2; \
	    echo "beatsim: run:  sudo apt-get install -y$$missing" >&2; \
	    exit 2; \
	  fi; \
	fi

# ---- the two user commands -------------------------------------------------
run: deps
	@$(MAKE) --no-print-directory all
	$(BIN)/beatsim run --force

test: deps
	@$(MAKE) --no-print-directory check

check: $(TESTS) $(BIN)/beatsim
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done
	@echo "== tests/test_cli.sh"; sh tests/test_cli.sh $(BIN)/beatsim

# ---- build ------------------------------------------------------------------
$(BIN)/beatsim: $(BUILD)/models/main.o $(LIB) | $(BIN)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(LDLIBS) $(LDFLAGS)

$(LIB): $(LIB_OBJ)
	$(AR) rcs $@ $^

# Objects depend on the flags they were built with: changing OPT (or any
# flag) rebuilds them.
FLAGS_STAMP = $(BUILD)/.flags
$(FLAGS_STAMP): FORCE
	@mkdir -p $(BUILD)
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' > $@
FORCE:

$(BUILD)/%.o: %.c Makefile $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(TEST_LIBS) $(PKG_LIBS) $(LDLIBS) $(LDFLAGS)

BENCH_OBJ = $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/bench/*.c))
$(BUILD)/tests/bench/bench: $(BENCH_OBJ) $(LIB)
	$(CC) $(CFLAGS) -o $@ $(BENCH_OBJ) $(LIB) $(PKG_LIBS) $(LDLIBS) $(LDFLAGS)

$(BIN):
	mkdir -p $@

# ---- benchmarks, sanitizers, install -----------------------------------------
BENCH_OPT ?= -O2 -g -DNDEBUG
bench: deps
	@$(MAKE) --no-print-directory build/bench/tests/bench/bench \
	  BUILD=build/bench OPT="$(BENCH_OPT)"
	@build/bench/tests/bench/bench

asan: deps
	@$(MAKE) --no-print-directory check BUILD=build/asan BIN=build/asan/bin \
	  OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN)/beatsim $(DESTDIR)$(PREFIX)/bin/beatsim
	install -m 644 docs/beatsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/beatsim.1

clean:
	rm -rf build $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
