# SPDX-License-Identifier: MIT
#
# Tessera's one build. Non-recursive: every target is named from here, so
# `make -j` sees the whole graph. Everything built goes under build/.
#
#   make run      build the ISO and boot it in QEMU on this terminal
#   make test     host unit tests, then system tests that boot the ISO
#   make debug    QEMU halted, waiting for gdb (see tools/gdbinit)
#   make iso      just the bootable image (build/tessera.iso)
#   make bench    benchmarks in QEMU and on the host (docs/performance.md)
#   make bench-compare  the same benchmarks, Tessera against Linux in QEMU
#
# Variables: SMP=N MEM=512M FIRMWARE=bios|uefi ACCEL=kvm|tcg CMDLINE="..."

BUILD     ?= build
SMP       ?= 1
MEM       ?= 512M
FIRMWARE  ?= bios
ACCEL     ?=
CMDLINE   ?=
PYTHON    ?= python3

export SMP MEM FIRMWARE ACCEL CMDLINE

.PHONY: all iso run debug test unit-test system-test deps clean
# Keep intermediate objects, so make neither rebuilds nor deletes them.
.SECONDARY:
all: iso

deps:
	@tools/install-deps.sh

include kernel/kernel.mk
include tests/unit/unit.mk
include user/user.mk
include user/programs.mk
include user/init/init.mk
include daemons/daemons.mk
include drivers/lib/drivers_lib.mk
include drivers/pcid/pcid.mk
include user/disk.mk
include libc/sysroot.mk
include bench/bench.mk
include tests/port/port.mk
include tests/port/thirdparty.mk

# The libc conformance tests' host builds run with the unit tests.
UNIT_TESTS += $(LIBC_TEST_HOST) $(SCRIPT_SUITE_TESTS)

# The benchmark table, CSV and chart code (tools/benchcmp.py) is tested on
# made-up results with the unit tests; a wrapper runs the Python test.
BENCHCMP_TEST := $(BUILD)/host/tests/benchcmp
UNIT_TESTS += $(BENCHCMP_TEST)
$(BENCHCMP_TEST): tools/test_benchcmp.py tools/benchcmp.py tools/pngchart.py Makefile
	@mkdir -p $(dir $@)
	@printf '#!/bin/sh\nexec %s %s\n' "$(PYTHON)" "$(abspath tools/test_benchcmp.py)" > $@
	@chmod +x $@

ISO := $(BUILD)/tessera.iso

iso: $(ISO)

$(ISO): $(KERNEL_ELF) $(INITFS) tools/grub.cfg tools/mkiso.sh | deps
	tools/mkiso.sh $(KERNEL_ELF) $(INITFS) $@

# make run boots with the root file system on a disk: a copy of the built
# image that keeps what you write until the tree is rebuilt. DISK=IMG boots
# on another image, DISK= (empty) on the RAM root; CMDLINE= replaces the
# root=tessera-root that goes with a disk.
RUN_DISK := $(BUILD)/run-disk.img
DISK     ?= $(RUN_DISK)
$(RUN_DISK): $(DISK_IMG)
	cp $< $@

run: $(ISO) $(filter $(RUN_DISK),$(DISK))
	@DISK="$(DISK)" CMDLINE="$(if $(CMDLINE),$(CMDLINE),$(if $(DISK),root=tessera-root))" \
		$(PYTHON) tools/qemu.py --iso $(ISO) -- $(QEMU_EXTRA)

debug: $(ISO)
	@$(PYTHON) tools/qemu.py --iso $(ISO) --debug --kernel-elf $(KERNEL_ELF)

test: $(ISO) $(DISK_IMG) $(UNIT_TESTS)
	@$(PYTHON) tools/testrun.py --iso $(ISO) --disk $(DISK_IMG) --unit $(UNIT_TESTS)

unit-test: $(UNIT_TESTS)
	@$(PYTHON) tools/testrun.py --unit $(UNIT_TESTS)

system-test: $(ISO) $(DISK_IMG)
	@$(PYTHON) tools/testrun.py --iso $(ISO) --disk $(DISK_IMG)

.PHONY: bench
bench: $(ISO) $(DISK_IMG) $(BENCH_LINUX_PROGRAMS)
	@$(PYTHON) tools/bench.py --iso $(ISO) --disk $(DISK_IMG) --linux-dir $(BENCH_LINUX) \
		--out $(BUILD)/bench $(BENCH_NAMES)

# The same benchmarks on Linux, booted from Debian's kernel package in the
# same virtual machine (tools/linuxvm.py): $(BUILD)/bench/linux-results.txt.
# bench/bench.mk gives this target its prerequisites, the Linux programs.
bench-linux: tools/linuxvm.py tools/linux/init.c
	@$(PYTHON) tools/linuxvm.py --out $(BUILD)/bench --disk-users "$(BENCH_DISK_NAMES)" \
		$(BENCH_NAMES)

# Tessera (make bench), then Linux in the same QEMU configuration (make
# bench-linux), one after the other so neither slows the other, then one
# table of both with ratios, build/bench/compare.csv and compare.png
# (tools/benchcmp.py, docs/performance.md). RUNS=N does that N times,
# the two systems alternately so that the host's load falls on both
# alike, keeps each run's results as results-runI.txt and
# linux-results-runI.txt, and the table gives each figure's median and
# spread. A failed run still gets its table from what it did produce; the
# status says it failed.
RUNS ?= 1
.PHONY: bench-compare
bench-compare:
	@status=0; runs='$(RUNS)'; tessera=; linux=; dir='$(BUILD)/bench'; \
	case "$$runs" in ''|*[!0-9]*|0) echo "make: RUNS must be a number >= 1, not '$$runs'"; exit 2;; esac; \
	for i in $$(seq 1 $$runs); do \
		[ "$$runs" = 1 ] || echo "== bench-compare: run $$i of $$runs"; \
		$(MAKE) --no-print-directory bench || status=1; \
		$(MAKE) --no-print-directory bench-linux || status=1; \
		[ "$$runs" = 1 ] && continue; \
		mv "$$dir/results.txt" "$$dir/results-run$$i.txt" && \
			tessera="$$tessera $$dir/results-run$$i.txt"; \
		mv "$$dir/linux-results.txt" "$$dir/linux-results-run$$i.txt" && \
			linux="$$linux $$dir/linux-results-run$$i.txt"; \
	done; \
	[ "$$runs" = 1 ] || set -- --tessera $$tessera --linux $$linux; \
	$(PYTHON) tools/benchcmp.py --out "$$dir" "$$@" || status=1; \
	exit $$status

clean:
	rm -rf $(BUILD)
