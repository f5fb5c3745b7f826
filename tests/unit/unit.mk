# SPDX-License-Identifier: MIT
# Host unit tests: every tests/unit/test_*.c becomes one binary, linked with
# the framework and with all of lib/ built for the host under ASan and UBSan.

HOST_CC     ?= gcc
HOST_CFLAGS := -std=gnu17 -O1 -g -Wall -Wextra -Werror -I. \
               -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer

LIB_SRCS      := $(sort $(wildcard lib/*.c))
LIB_HOST_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(LIB_SRCS))
UNIT_SRCS     := $(sort $(wildcard tests/unit/test_*.c))
UNIT_TESTS    := $(patsubst tests/unit/%.c,$(BUILD)/host/tests/%,$(UNIT_SRCS))
UNIT_FW_OBJ   := $(BUILD)/host/tests/unit/unit.o

$(BUILD)/host/%.o: %.c tests/unit/unit.mk
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/host/tests/%: $(BUILD)/host/tests/unit/%.o $(UNIT_FW_OBJ) $(LIB_HOST_OBJS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $^ -o $@

-include $(LIB_HOST_OBJS:.o=.d) $(UNIT_FW_OBJ:.o=.d)
