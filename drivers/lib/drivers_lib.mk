# SPDX-License-Identifier: MIT
# drivers/lib/: code shared by the userspace drivers (the disk library,
# hw.c, pcidev.c). Every driver binary (drivers/NAME/main.c) links all of
# it; host tests link it as an archive, so a test pulls in only the files
# it uses: test_NAME of every driver, and test_disk* (the disk library's
# own tests). Include after daemons/daemons.mk and tests/unit/unit.mk.

DRIVERS_LIB_SRCS      := $(sort $(wildcard drivers/lib/*.c))
DRIVERS_LIB_OBJS      := $(patsubst %,$(USER_OBJ)/%.o,$(DRIVERS_LIB_SRCS))
# Files that cannot build on the host can be filtered out here.
DRIVERS_LIB_HOST_SRCS ?= $(DRIVERS_LIB_SRCS)
DRIVERS_LIB_HOST_A    := $(BUILD)/host/drivers_lib.a

DRIVER_NAMES := $(notdir $(patsubst %/main.c,%,$(wildcard drivers/*/main.c)))
$(addprefix $(BUILD)/user/bin/,$(DRIVER_NAMES)): $(DRIVERS_LIB_OBJS)

$(DRIVERS_LIB_HOST_A): $(patsubst %.c,$(BUILD)/host/%.o,$(DRIVERS_LIB_HOST_SRCS))
	@rm -f $@
	ar rcs $@ $^

# A driver's host test, and the disk library's tests (with libscheme's pure half).
$(addprefix $(BUILD)/host/tests/test_,$(DRIVER_NAMES)): $(DRIVERS_LIB_HOST_A)
$(filter $(BUILD)/host/tests/test_disk%,$(UNIT_TESTS)): $(DRIVERS_LIB_HOST_A) \
	$(BUILD)/host/libscheme/dispatch.o

-include $(patsubst %,$(USER_OBJ)/%.d,$(DRIVERS_LIB_SRCS)) \
	$(patsubst %.c,$(BUILD)/host/%.d,$(DRIVERS_LIB_HOST_SRCS))
