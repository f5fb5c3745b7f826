# SPDX-License-Identifier: MIT
# init's pure half on the host. user/user.mk builds /bin/init from every
# user/init/*.c; the files below are the ones that decide without acting
# (user/init/service.h), and tests/unit/test_init*.c are linked with them
# under ASan/UBSan, each providing its own init_log(). Included from the
# Makefile after tests/unit/unit.mk, user/user.mk and user/programs.mk.
#
#   test_init_conf    parsing, including the real user/initfs/etc/init.conf
#   test_init_policy  ordering, cycles, backoff, giving up, start/stop plans
#   test_init_getty   the host build of getty on a real pseudo-terminal

INIT_LOGIC      := $(addprefix user/init/,conf.c order.c restart.c plan.c)
INIT_HOST_LOGIC := $(patsubst %.c,$(BUILD)/host/%.o,$(INIT_LOGIC))

$(BUILD)/host/tests/test_init_conf $(BUILD)/host/tests/test_init_policy: $(INIT_HOST_LOGIC)

$(BUILD)/host/tests/unit/test_init_conf.o: \
	HOST_CFLAGS += -DINIT_CONF_FILE='"$(CURDIR)/user/initfs/etc/init.conf"'

# getty's test runs the host build of getty (order-only: not linked in).
$(BUILD)/host/tests/unit/test_init_getty.o: \
	HOST_CFLAGS += -DGETTY_BIN='"$(abspath $(HOST_BIN))/getty"'
$(BUILD)/host/tests/test_init_getty: | $(HOST_BIN)/getty

-include $(INIT_HOST_LOGIC:.o=.d)
