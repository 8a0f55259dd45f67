# beatsim - build, test, benchmark.  See README.md.
#
#   make run     set up (Debian packages), build, run the default scenario
#   make test    set up, build, run every test program
#   make bench   build optimised and print the benchmark figures
#   make asan    build with AddressSanitizer + UBSan (gcc, then clang) and run
#                the tests
#   make fuzz [FUZZ_SECONDS=60]   run the libFuzzer targets of tests/fuzz/
#   make same-results REF=<commit>   are every library scenario's results
#                byte-identical to those of commit REF? (for refactoring)
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make clean

# The Debian packages beatsim needs to build, test and plot: the one list
# (fonts-wqy-microhei: a CJK font, 1.6 MB, so that Chinese names show in
# the figures and report.html of a stock machine).
DEB_PACKAGES = gcc make pkg-config libgsl-dev libconfig-dev libcmocka-dev \
               gnuplot-nox fonts-wqy-microhei libgdal-dev libcsv-dev
# ... and, for `make test` only, a browser to check report.html in, and
# ogr2ogr (gdal-bin) to make a shapefile and a GeoPackage of the test layer.
DEB_TEST_PACKAGES = chromium gdal-bin
# ... and, for the developer targets `make asan` and `make fuzz` only, clang
# (its sanitizers and libFuzzer).
DEB_DEV_PACKAGES = clang

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   ?= build
BIN     ?= bin

PKGS     = gsl libconfig gdal
# Recursively expanded on purpose: pkg-config runs when a recipe needs the
# flags, i.e. after `deps` has installed the packages. The libraries'
# headers are system headers (-isystem): -Wundef and friends are for our
# code, and GDAL's cpl_port.h tests compiler macros that gcc lacks.
PKG_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lgsl -lgslcblas -lconfig -lgdal)
TEST_LIBS  = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

WARN = -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings \
       -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition \
       -Wpointer-arith -Wcast-qual -Wformat=2 -Wvla -Wredundant-decls \
       -Wnested-externs -Wmissing-declarations
OPT      ?= -O2 -g
CFLAGS   += -std=c17 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -MMD -MP \
            -Isim -Imodels
LDLIBS   += -lcsv -lm -lpthread

# Everything but the CLI's main goes into a static library that the
# tests and benchmarks link too.
LIB_SRC  = $(wildcard sim/*.c) $(filter-out models/main.c,$(wildcard models/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/models/builtin_cfg.o \
           $(BUILD)/models/plots_gp.o $(BUILD)/models/settings_doc.o
PLOT_GP  = $(sort $(wildcard plots/*.gp))
LIB      = $(BUILD)/libbeatsim.a
TEST_SRC = $(wildcard tests/test_*.c)
TESTS    = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH    = $(BUILD)/tests/bench/bench
FUZZ_TARGETS = scenario set beatmap csvlog
REPLAY   = $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/replay_%)
FUZZ_SEEDS = $(BUILD)/fuzz-seeds

# Keep intermediate objects (no rebuilds, no 'rm' lines).
.SECONDARY:

.PHONY: all run test check bench asan fuzz same-results install clean deps docs-img FORCE

all: $(BIN)/beatsim

# ---- set-up ---------------------------------------------------------------
# Installs missing Debian packages when run as root; otherwise prints the
# exact command and stops with exit code 2.
DEPS = $(DEB_PACKAGES)
test asan: DEPS += $(DEB_TEST_PACKAGES)
asan fuzz: DEPS += $(DEB_DEV_PACKAGES)
deps:
	@missing=""; for p in $(DEPS); do \
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

check: $(TESTS) $(BIN)/beatsim $(REPLAY) $(FUZZ_SEEDS)/.made
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done
	@set -e; for t in $(FUZZ_TARGETS); do echo "== fuzz replay: $$t (seeds, regressions)"; \
	  $(BUILD)/tests/fuzz/replay_$$t $(FUZZ_SEEDS)/$$t tests/fuzz/regressions/$$t; done
	@echo "== tests/test_cli.sh"; sh tests/test_cli.sh $(BIN)/beatsim
	@echo "== tests/test_report.sh"; sh tests/test_report.sh $(BIN)/beatsim
	@echo "== tests/test_report_page.sh"; sh tests/test_report_page.sh $(BIN)/beatsim
	@echo "== tests/test_figures.sh"; sh tests/test_figures.sh $(BIN)/beatsim
	@echo "== tests/test_calls.sh"; sh tests/test_calls.sh $(BIN)/beatsim

# ---- build ------------------------------------------------------------------
$(BIN)/beatsim: $(BUILD)/models/main.o $(LIB) | $(BIN)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(LDLIBS) $(LDFLAGS)

# Made anew each time: `ar r` never drops a member, so an object whose
# source was removed or renamed would stay in the archive.
$(LIB): $(LIB_OBJ)
	rm -f $@
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

# scenarios/default.cfg compiled in as scenario_builtin_text: its bytes as
# a NUL-terminated array of '\xNN' characters, written with od and sed
# (POSIX tools only, no xxd).
$(BUILD)/models/builtin_cfg.c: scenarios/default.cfg Makefile
	@mkdir -p $(dir $@)
	{ echo '/* Generated by the Makefile from scenarios/default.cfg; do not edit. */'; \
	  echo '#include "scenario.h"'; \
	  echo 'const char scenario_builtin_text[] = {'; \
	  od -An -v -tx1 scenarios/default.cfg | sed "s/[0-9a-f][0-9a-f]/'\\\\x&',/g"; \
	  echo '0 };'; } > $@.tmp && mv $@.tmp $@

$(BUILD)/models/builtin_cfg.o: $(BUILD)/models/builtin_cfg.c $(FLAGS_STAMP)
	$(CC) $(CFLAGS) -c -o $@ $<

# plots/*.gp compiled in as figure_scripts[] (figures.h), the same way.
$(BUILD)/models/plots_gp.c: $(PLOT_GP) Makefile
	@mkdir -p $(dir $@)
	{ echo '/* Generated by the Makefile from the plots/ scripts; do not edit. */'; \
	  echo '#include "figures.h"'; \
	  for f in $(PLOT_GP); do n=$$(basename $$f .gp); \
	    echo "static const char s_$$n[] = {"; \
	    od -An -v -tx1 $$f | sed "s/[0-9a-f][0-9a-f]/'\\\\x&',/g"; echo '0 };'; done; \
	  echo 'const figure_script figure_scripts[] = {'; \
	  for f in $(PLOT_GP); do n=$$(basename $$f .gp); echo "    {\"$$n\", s_$$n},"; done; \
	  echo '    {0, 0}};'; \
	  echo 'const size_t figure_nscripts = sizeof figure_scripts / sizeof figure_scripts[0] - 1;'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/models/plots_gp.o: $(BUILD)/models/plots_gp.c $(FLAGS_STAMP)
	$(CC) $(CFLAGS) -c -o $@ $<

# The settings tables of docs/scenarios.md (| setting | type | unit | ...)
# compiled in as setting_docs[] (report_internal.h): each setting's path as
# written there (list entries [i], land types <type>; a path starting with
# "." continues the list above it, or the cell's first path) and its unit,
# so that the sweep figure's axis names the unit the documentation gives.
$(BUILD)/models/settings_doc.c: docs/scenarios.md Makefile
	@mkdir -p $(dir $@)
	{ echo '/* Generated by the Makefile from docs/scenarios.md; do not edit. */'; \
	  echo '#include "report_internal.h"'; \
	  echo 'const setting_doc setting_docs[] = {'; \
	  awk ' \
	    BEGIN { FS = "|" } \
	    /^\| `/ && NF == 8 { \
	        cell = $$2; unit = $$4; type = $$3; \
	        gsub(/`/, "", unit); gsub(/^[ \t]+|[ \t]+$$/, "", unit); gsub(/\\/, "\\\\", unit); gsub(/"/, "\\\"", unit); \
	        if (unit == "—") unit = ""; \
	        gsub(/^[ \t]+|[ \t]+$$/, "", type); first = ""; \
	        while (match(cell, /`[^`]*`/)) { \
	            tok = substr(cell, RSTART + 1, RLENGTH - 2); cell = substr(cell, RSTART + RLENGTH); \
	            if (first == "") { if (substr(tok, 1, 1) == ".") tok = list tok; first = tok } else if (substr(tok, 1, 1) == ".") { pre = first; sub(/\.[^.]*$$/, "", pre); tok = pre tok } else continue; \
	            printf "    {\"%s\", \"%s\"},\n", tok, unit; \
	        } \
	        if (type == "list") list = first; \
	    } \
	  ' docs/scenarios.md; \
	  echo '    {0, 0}};'; \
	  echo 'const size_t setting_ndocs = sizeof setting_docs / sizeof setting_docs[0] - 1;'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/models/settings_doc.o: $(BUILD)/models/settings_doc.c $(FLAGS_STAMP)
	$(CC) $(CFLAGS) -Imodels $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(TEST_LIBS) $(PKG_LIBS) $(LDLIBS) $(LDFLAGS)

# The fuzz targets' entry points (tests/fuzz/fuzz_*.c) fed by replay.c:
# any compiler replays the seeds and the regression inputs (make test).
$(BUILD)/tests/fuzz/replay_%: $(BUILD)/tests/fuzz/replay.o $(BUILD)/tests/fuzz/fuzz_%.o $(LIB)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS) $(LDFLAGS)

$(FUZZ_SEEDS)/.made: tests/fuzz/seeds.sh tests/bad_input.table scenarios/default.cfg tests/fit_example_log.sh \
                     $(wildcard scenarios/*.cfg scenarios/*/*.cfg tests/data/*.geojson)
	@sh tests/fuzz/seeds.sh $(FUZZ_SEEDS)

BENCH_OBJ = $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/bench/*.c))
$(BUILD)/tests/bench/bench: $(BENCH_OBJ) $(LIB)
	$(CC) $(CFLAGS) -o $@ $(BENCH_OBJ) $(LIB) $(PKG_LIBS) $(LDLIBS) $(LDFLAGS)

$(BIN):
	mkdir -p $@

# ---- the README's figures ----------------------------------------------------
# Regenerates docs/img/ (committed, small PNGs) from the worked example of
# README.md: the staffing-ratio scenario, as the README shows it, and beatsim staff
# on the default city.
docs-img: all
	$(BIN)/beatsim run scenarios/staffing_ratio.cfg --quiet --force \
	  --out $(BUILD)/docs-img
	mkdir -p docs/img
	cp $(BUILD)/docs-img/figures/cdf.png docs/img/staffing_ratio_cdf.png
	cp $(BUILD)/docs-img/figures/response_hour.png docs/img/staffing_ratio_response_hour.png
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	  --user-data-dir=$(BUILD)/docs-img-profile --window-size=1400,900 \
	  --screenshot=docs/img/staffing_ratio_report.png \
	  file://$(CURDIR)/$(BUILD)/docs-img/report.html
	$(BIN)/beatsim run scenarios/worsened_order.cfg --quiet --force \
	  --out $(BUILD)/docs-img-order
	cp $(BUILD)/docs-img-order/figures/prevention.png docs/img/worsened_order_prevention.png
	$(BIN)/beatsim staff scenarios/default.cfg --targets p90_p1=15 --quiet --force \
	  --out $(BUILD)/docs-img-staff; test $$? -le 3
	cp $(BUILD)/docs-img-staff/figures/staffing.png docs/img/staff_default.png

# ---- benchmarks, sanitizers, install -----------------------------------------
BENCH_OPT ?= -O2 -g -DNDEBUG
bench: deps
	@$(MAKE) --no-print-directory build/bench/tests/bench/bench \
	  BUILD=build/bench OPT="$(BENCH_OPT)"
	@build/bench/tests/bench/bench

# The sanitizer build runs the whole suite twice: with gcc and with clang,
# whose UBSan also catches what gcc's does not (e.g. arithmetic on a null
# pointer). Needs clang (DEB_DEV_PACKAGES).
# tests/lsan.supp holds the one leak of libconfig's that beatsim cannot free.
SAN_OPT = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_ENV = LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
asan: deps
	@$(SAN_ENV) $(MAKE) --no-print-directory check BUILD=build/asan BIN=build/asan/bin CC=gcc \
	  OPT="$(SAN_OPT)" LDFLAGS="-fsanitize=address,undefined"
	@$(SAN_ENV) $(MAKE) --no-print-directory check BUILD=build/asan-clang BIN=build/asan-clang/bin \
	  CC=clang OPT="$(SAN_OPT)" LDFLAGS="-fsanitize=address,undefined"

# Continuous fuzzing (libFuzzer, clang): each target of tests/fuzz/ runs
# for FUZZ_SECONDS, both at once, from the seeds (the library and the
# bad-input table) and tests/fuzz/regressions/; the corpus grows in
# build/fuzz/corpus/, crashers land in build/fuzz/crashes/ (copy each into
# tests/fuzz/regressions/TARGET/ once fixed: make test replays them).
# Needs clang (DEB_DEV_PACKAGES).
FUZZ_SECONDS ?= 60
FUZZ_OPT = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	  OPT="$(FUZZ_OPT) -fsanitize=fuzzer-no-link" LDFLAGS="-fsanitize=fuzzer,address,undefined" \
	  $(FUZZ_TARGETS:%=build/fuzz/tests/fuzz/fuzz_%) build/fuzz/fuzz-seeds/.made
	@$(SAN_ENV) sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

REF ?= HEAD
same-results: all
	sh tests/same_results.sh $(REF) $(BIN)/beatsim

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN)/beatsim $(DESTDIR)$(PREFIX)/bin/beatsim
	install -m 644 docs/beatsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/beatsim.1

clean:
	rm -rf build $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
