# SPDX-License-Identifier: MIT
# Scheme daemons. Each daemons/NAME/ is one program, /bin/NAME in the
# initfs: main.c is its Tessera entry point, every other .c file is its
# logic, which also builds on the host — tests/unit/test_NAME.c, if it
# exists, is linked with that logic and libscheme's pure half
# (libscheme/dispatch.c) and runs under ASan/UBSan with the unit tests.
# libscheme/*.c is linked into every daemon (and into the test programs
# that serve schemes of their own).

# drivers/NAME/ (userspace drivers) are built the same way.
DAEMON_DIRS  := $(patsubst %/main.c,%,$(wildcard daemons/*/main.c drivers/*/main.c))
DAEMON_NAMES := $(notdir $(DAEMON_DIRS))
DAEMON_BINS  := $(addprefix $(BUILD)/user/bin/,$(DAEMON_NAMES))

daemon_dir = $(filter %/$(1),$(DAEMON_DIRS))
daemon_logic = $(filter-out $(call daemon_dir,$(1))/main.c,$(sort $(wildcard $(call daemon_dir,$(1))/*.c)))

define daemon_rules
$(BUILD)/user/bin/$(1): $(patsubst %,$(USER_OBJ)/%.o,$(sort $(wildcard $(call daemon_dir,$(1))/*.c))) \
		$(LIBSCHEME_OBJS) $(CRT0) $(LIBC)
	$$(user_link)

$(BUILD)/host/tests/test_$(1): $(patsubst %.c,$(BUILD)/host/%.o,$(call daemon_logic,$(1)) \
		libscheme/dispatch.c)
endef
$(foreach d,$(DAEMON_NAMES),$(eval $(call daemon_rules,$(d))))

# The console drivers share their terminal handling (drivers/console/).
$(BUILD)/user/bin/seriald $(BUILD)/user/bin/vtd: $(USER_OBJ)/drivers/console/console_pty.c.o

# ramfsd reads the boot archive with lib/initfs.c (shared with the kernel).
$(BUILD)/user/bin/ramfsd: $(USER_OBJ)/lib/initfs.c.o

USER_PROGRAMS += $(DAEMON_BINS)
user: $(DAEMON_BINS)
$(INITFS): $(DAEMON_BINS)

-include $(patsubst %,$(USER_OBJ)/%.d,$(foreach d,$(DAEMON_DIRS),$(wildcard $(d)/*.c)))
