# SPDX-License-Identifier: MIT
# libc conformance tests: each tests/libc/test_AREA.c is built twice from
# the same source, and both must pass —
#
#   on the host   $(BUILD)/host/libc/libc_AREA, against glibc under ASan and
#                 UBSan, run with the unit tests: the expectations are
#                 checked against a libc everyone trusts
#   in Tessera    /bin/tests/test_libc_AREA, against our libc, run by init
#                 with the other test programs
#
# Both link user/tests/utest.c, which is plain POSIX. Included from
# user/user.mk before the list of test programs is written.

LIBC_TEST_SRCS  := $(sort $(wildcard tests/libc/test_*.c))
LIBC_TEST_AREAS := $(patsubst tests/libc/test_%.c,%,$(LIBC_TEST_SRCS))
LIBC_TEST_NAMES := $(addprefix test_libc_,$(LIBC_TEST_AREAS))
LIBC_TEST_HOST  := $(addprefix $(BUILD)/host/libc/libc_,$(LIBC_TEST_AREAS))

LIBC_TEST_HOST_CFLAGS := -std=gnu17 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Iuser/tests

$(BUILD)/host/libc/%.o: %.c tests/libc/libc.mk
	@mkdir -p $(dir $@)
	$(HOST_CC) $(LIBC_TEST_HOST_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/host/libc/libc_%: $(BUILD)/host/libc/tests/libc/test_%.o \
		$(BUILD)/host/libc/user/tests/utest.o
	$(HOST_CC) $(LIBC_TEST_HOST_CFLAGS) $^ -lm -lpthread -o $@

$(BUILD)/user/bin/tests/test_libc_%: $(USER_OBJ)/tests/libc/test_%.c.o $(UTEST_OBJ) \
		$(CRT0) $(LIBC)
	$(user_link)

-include $(patsubst %,$(BUILD)/host/libc/tests/libc/test_%.d,$(LIBC_TEST_AREAS)) \
	$(BUILD)/host/libc/user/tests/utest.d \
	$(patsubst %,$(USER_OBJ)/tests/libc/test_%.c.d,$(LIBC_TEST_AREAS))

$(USER_OBJ)/tests/libc/%.c.o: USER_EXTRA_CFLAGS := -Iuser/tests
