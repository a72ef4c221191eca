# rvx: one Makefile, build modes under build/$(MODE).
#   make            release build, ./rvx
#   make MODE=dbg   debug build (DCHECKs on)
#   make asan       AddressSanitizer + UBSan build, ./rvx-asan
#   make check      build everything and run every test (ASan run included;
#                   RVX_CHECK_ASAN=0 make check skips it)
#   make bench      rvx vs qemu-riscv64 vs native
MODE ?= rel
CC ?= cc
BUILD := build/$(MODE)

SRCS := $(shell find src -name '*.c' | LC_ALL=C sort)
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/src/main.o,$(OBJS))

CFLAGS_COMMON := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Isrc -MMD -MP -fno-strict-aliasing
CFLAGS_rel := -O2 -g
CFLAGS_dbg := -O0 -g -DRVX_DEBUG
CFLAGS_asan := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -DRVX_DEBUG
CFLAGS := $(CFLAGS_COMMON) $(CFLAGS_$(MODE)) $(EXTRA_CFLAGS)
LDFLAGS_asan := -fsanitize=address,undefined
LDLIBS := -lm
LDFLAGS := $(LDFLAGS_$(MODE))

ifeq ($(MODE),rel)
OUT := rvx
else
OUT := rvx-$(MODE)
endif

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)

.PHONY: all asan check check-asan unit bench clean demo
all: $(OUT)

$(OUT): $(BUILD)/rvx
	cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/rvx: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(LIBOBJS) $(LDFLAGS) $(LDLIBS)

unit: $(UNIT_BINS)

asan:
	$(MAKE) MODE=asan

# The whole suite: installs missing Debian packages when run as root,
# then runs every tests/*/run.sh and prints "N passed, N failed".
check: all unit
	tests/check.sh

# Every suite once under ASan + UBSan (tests/asan, also part of make
# check unless RVX_CHECK_ASAN=0).
check-asan:
	CHECK_SUITES=tests/asan/run.sh tests/check.sh

bench: all
	bench/run.sh

demo: all
	./rvx demo/hello

clean:
	rm -rf build rvx rvx-dbg rvx-asan

-include $(OBJS:.o=.d) $(UNIT_BINS:%=%.d)

# Tools (issue 5): a static rvx and installation.
#   make static            ./rvx-static, linked with -static: copy it into
#                          containers and chroots, register it with
#                          binfmt_misc (scripts/binfmt.sh)
#   make install           $(DESTDIR)$(PREFIX)/bin/rvx and the man page
#   make uninstall
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man

.PHONY: static install uninstall clean-tools
static: rvx-static

rvx-static: $(OBJS)
	$(CC) -static $(LDFLAGS) -o $@ $^ $(LDLIBS)

install: $(BUILD)/rvx
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/rvx $(DESTDIR)$(BINDIR)/rvx
	install -m 644 rvx.1 $(DESTDIR)$(MANDIR)/man1/rvx.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rvx $(DESTDIR)$(MANDIR)/man1/rvx.1

clean: clean-tools
clean-tools:
	rm -f rvx-static

# Fuzzing (issue 6): libFuzzer targets tests/fuzz/fuzz_*.c, built with
# clang in MODE=fuzz (ASan + UBSan + DCHECKs, build/fuzz/).
#   make fuzz                 every target for FUZZ_SECONDS (default 60)
#   make fuzz-bins MODE=fuzz CC=clang   just build them
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
CFLAGS_fuzz := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined -DRVX_DEBUG
LDFLAGS_fuzz := -fsanitize=address,undefined
ifeq ($(MODE),fuzz)
CFLAGS += $(CFLAGS_fuzz)
LDFLAGS += $(LDFLAGS_fuzz)
endif
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

.PHONY: fuzz fuzz-bins
$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBOBJS) $(LDFLAGS) $(LDLIBS)

fuzz-bins: $(FUZZ_BINS)

fuzz:
	$(MAKE) MODE=fuzz CC=$(FUZZ_CC) fuzz-bins
	BUILD=build/rel tests/fuzz/seed.sh build/fuzz/corpus
	FUZZ_SECONDS=$(FUZZ_SECONDS) BUILD=build/fuzz tests/fuzz/fuzz.sh

# Real software (issue 3): Debian trixie riscv64 busybox, bash,
# coreutils, python3.13, lua5.4, sqlite3, perl and compressors under
# rvx, timed against qemu-riscv64; the packages are downloaded once
# into build/real-root (RVX_REAL_CACHE). See tests/real/run.sh.
.PHONY: check-real
check-real: all
	RVX_REAL_FULL=1 tests/real/run.sh
