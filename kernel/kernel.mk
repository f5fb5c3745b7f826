# SPDX-License-Identifier: MIT
# The kernel: every .c and .S under kernel/ (the x86_64 arch tree included)
# plus lib/, built freestanding and linked twice — the second link embeds
# the symbol table of the first (tools/gen-ksyms.py) for symbolized
# backtraces. The table sits after .bss, so no other address moves; the
# build checks that.

ARCH        := x86_64
KERNEL_ELF  := $(BUILD)/kernel/tessera.elf
KERNEL_CC   ?= gcc
KERNEL_CFLAGS := -std=gnu17 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pie -fno-pic -mcmodel=kernel -mno-red-zone \
	-mno-sse -mno-sse2 -mno-mmx -mno-80387 -mgeneral-regs-only \
	-fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-optimize-sibling-calls -fno-schedule-insns2 \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-I. -Ikernel/include -Ikernel/arch/$(ARCH)/include
KERNEL_ASFLAGS := -D__ASSEMBLY__ -I. -Ikernel/include -Ikernel/arch/$(ARCH)/include
KERNEL_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 \
	-z noexecstack -Wl,--build-id=none -Wl,--fatal-warnings -T kernel/arch/$(ARCH)/kernel.ld

KERNEL_SRCS := $(sort $(shell find kernel -name '*.c' -o -name '*.S') $(wildcard lib/*.c))
KERNEL_OBJS := $(patsubst %,$(BUILD)/kernel/obj/%.o,$(KERNEL_SRCS)) $(BUILD)/kernel/obj/font8x16.c.o

$(BUILD)/kernel/obj/%.c.o: %.c kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/kernel/obj/%.S.o: %.S kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(KERNEL_CC) $(KERNEL_ASFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/kernel/font8x16.c: kernel/console/font8x16.txt tools/gen-font.py
	@mkdir -p $(dir $@)
	$(PYTHON) tools/gen-font.py $< $@

$(BUILD)/kernel/obj/font8x16.c.o: $(BUILD)/kernel/font8x16.c
	$(KERNEL_CC) $(KERNEL_CFLAGS) -c $< -o $@

# Pass 1: an empty symbol table. Pass 2: the real one.
$(BUILD)/kernel/ksyms-empty.S: tools/gen-ksyms.py
	@mkdir -p $(dir $@)
	$(PYTHON) tools/gen-ksyms.py --empty $@

$(BUILD)/kernel/pass1.elf: $(KERNEL_OBJS) $(BUILD)/kernel/ksyms-empty.o kernel/arch/$(ARCH)/kernel.ld
	$(KERNEL_CC) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/kernel/ksyms-empty.o -lgcc

$(BUILD)/kernel/ksyms.S: $(BUILD)/kernel/pass1.elf tools/gen-ksyms.py
	$(PYTHON) tools/gen-ksyms.py $< $@

$(BUILD)/kernel/%.o: $(BUILD)/kernel/%.S
	$(KERNEL_CC) $(KERNEL_ASFLAGS) -c $< -o $@

$(KERNEL_ELF): $(KERNEL_OBJS) $(BUILD)/kernel/ksyms.o $(BUILD)/kernel/pass1.elf
	$(KERNEL_CC) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/kernel/ksyms.o -lgcc
	$(PYTHON) tools/gen-ksyms.py --verify $(BUILD)/kernel/pass1.elf $@

-include $(KERNEL_OBJS:.o=.d)
