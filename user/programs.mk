# SPDX-License-Identifier: MIT
# The programs a person uses: the shell, the everyday commands, getty.
#
#   user/lib/*.c        $(BUILD)/user/libuser.a — what commands share
#                       (cmd.h: --help, `cmd: path: reason` errors, ...)
#   user/cmd/NAME.c     /bin/NAME, one file per command (test.c is also /bin/[)
#   user/NAME/main.c    /bin/NAME from every .c in user/NAME/ (sh, getty, ...)
#
# Every one of them is portable POSIX C and also builds for the host,
# against glibc under ASan/UBSan, as $(BUILD)/host/bin/NAME: the shell and
# command tests (tests/sh, tests/commands) run there with the unit tests,
# and the same scripts run inside Tessera (/share/tests/...). Programs that
# read Tessera's own schemes (ps, free, dmesg...) test only inside Tessera;
# their host build still has to compile.

USERLIB_SRCS := $(sort $(wildcard user/lib/*.c))
USERLIB      := $(BUILD)/user/libuser.a
CMD_NAMES    := $(patsubst user/cmd/%.c,%,$(sort $(wildcard user/cmd/*.c)))
PROG_NAMES   := $(filter-out init,$(notdir $(patsubst %/main.c,%,$(wildcard user/*/main.c))))
CMD_BINS     := $(addprefix $(BUILD)/user/bin/,$(CMD_NAMES) $(PROG_NAMES))

$(USERLIB): $(patsubst %,$(USER_OBJ)/%.o,$(USERLIB_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(patsubst %,$(BUILD)/user/bin/%,$(CMD_NAMES)): $(BUILD)/user/bin/%: $(USER_OBJ)/user/cmd/%.c.o \
		$(USERLIB) $(CRT0) $(LIBC)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $(CRT0) $< $(USERLIB) $(LIBC) -lgcc

define prog_rules
$(BUILD)/user/bin/$(1): $(patsubst %,$(USER_OBJ)/%.o,$(sort $(wildcard user/$(1)/*.c))) \
		$(USERLIB) $(CRT0) $(LIBC)
	@mkdir -p $$(dir $$@)
	$$(USER_CC) $$(USER_LDFLAGS) -o $$@ $$(CRT0) $$(filter %.c.o,$$^) $$(USERLIB) $$(LIBC) -lgcc
endef
$(foreach p,$(PROG_NAMES),$(eval $(call prog_rules,$(p))))

$(USER_OBJ)/user/cmd/%.c.o $(USER_OBJ)/user/lib/%.c.o: USER_EXTRA_CFLAGS := -Iuser/lib
$(foreach p,$(PROG_NAMES),$(eval $(USER_OBJ)/user/$(p)/%.c.o: USER_EXTRA_CFLAGS := -Iuser/lib))

USER_PROGRAMS += $(CMD_BINS)
user: $(CMD_BINS)

# --- host builds ----------------------------------------------------------

PROG_HOST_CFLAGS := -std=gnu17 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -Iuser/lib \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_BIN := $(BUILD)/host/bin
HOST_CMD_BINS := $(addprefix $(HOST_BIN)/,$(CMD_NAMES) $(PROG_NAMES))
HOST_USERLIB_OBJS := $(patsubst %.c,$(BUILD)/host/prog/%.o,$(USERLIB_SRCS))

$(BUILD)/host/prog/%.o: %.c user/programs.mk
	@mkdir -p $(dir $@)
	$(HOST_CC) $(PROG_HOST_CFLAGS) -MMD -MP -c $< -o $@

$(patsubst %,$(HOST_BIN)/%,$(CMD_NAMES)): $(HOST_BIN)/%: $(BUILD)/host/prog/user/cmd/%.o \
		$(HOST_USERLIB_OBJS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(PROG_HOST_CFLAGS) $^ -lm -lpthread -o $@

define prog_host_rules
$(HOST_BIN)/$(1): $(patsubst %.c,$(BUILD)/host/prog/%.o,$(sort $(wildcard user/$(1)/*.c))) \
		$(HOST_USERLIB_OBJS)
	@mkdir -p $$(dir $$@)
	$$(HOST_CC) $$(PROG_HOST_CFLAGS) $$^ -lm -lpthread -o $$@
endef
$(foreach p,$(PROG_NAMES),$(eval $(call prog_host_rules,$(p))))

# `[` is test under another name.
$(HOST_BIN)/[: $(HOST_BIN)/test
	cp $< '$@'

.PHONY: host-programs
host-programs: $(HOST_CMD_BINS) $(if $(filter test,$(CMD_NAMES)),$(HOST_BIN)/[)

# The script suites: tests/NAME/run.sh BINDIR runs every tests/NAME/*.t
# with BINDIR first on PATH and prints "N passed, N failed". On the host
# a generated wrapper runs it like any unit test binary, with SIGINT and
# SIGQUIT back to their defaults: a shell started in the background of a
# non-interactive one (a CI runner's `cmd &`) inherits them ignored, and
# then neither Ctrl-C nor `trap ... INT` could work in the shell tested.
SCRIPT_SUITES := $(notdir $(patsubst %/run.sh,%,$(wildcard tests/*/run.sh)))
SCRIPT_SUITE_TESTS := $(addprefix $(BUILD)/host/tests/suite_,$(SCRIPT_SUITES))
$(BUILD)/host/tests/suite_%: tests/%/run.sh host-programs user/programs.mk
	@mkdir -p $(dir $@)
	@printf '#!/bin/sh\ncd %s && exec env --default-signal=INT,QUIT sh tests/%s/run.sh %s\n' \
		"$(CURDIR)" "$*" \
		"$(abspath $(HOST_BIN))" > $@
	@chmod +x $@

-include $(patsubst %.o,%.d,$(HOST_USERLIB_OBJS)) \
	$(patsubst %,$(BUILD)/host/prog/user/cmd/%.d,$(CMD_NAMES)) \
	$(patsubst %.c,$(BUILD)/host/prog/%.d,$(foreach p,$(PROG_NAMES),$(wildcard user/$(p)/*.c))) \
	$(patsubst %.c,$(USER_OBJ)/%.c.d,$(USERLIB_SRCS) $(wildcard user/cmd/*.c) \
		$(foreach p,$(PROG_NAMES),$(wildcard user/$(p)/*.c)))

$(INITFS): $(CMD_BINS) $(wildcard tests/*/run.sh tests/*/*.t)

# Host unit tests of the shell's pure parts: tests/unit/test_sh*.c are
# linked with every user/sh/*.c but main.c (built with the unit tests'
# flags by tests/unit/unit.mk's rules).
SH_HOST_LOGIC := $(patsubst %.c,$(BUILD)/host/%.o,$(filter-out user/sh/main.c,$(sort $(wildcard user/sh/*.c))))
$(filter $(BUILD)/host/tests/test_sh%,$(UNIT_TESTS)): $(SH_HOST_LOGIC)
# The shell is POSIX code that uses a few GNU/BSD additions (pipe2).
$(SH_HOST_LOGIC) $(patsubst tests/unit/%.c,$(BUILD)/host/tests/unit/%.o,$(wildcard tests/unit/test_sh*.c)): \
	HOST_CFLAGS += -D_GNU_SOURCE
