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

# Every host object's header dependencies (tests, daemons' logic, lib/),
# so a changed ABI header rebuilds what includes it.
-include $(LIB_HOST_OBJS:.o=.d) $(UNIT_FW_OBJ:.o=.d) \
	$(patsubst tests/unit/%.c,$(BUILD)/host/tests/unit/%.d,$(UNIT_SRCS)) \
	$(patsubst %.c,$(BUILD)/host/%.d,$(wildcard daemons/*/*.c drivers/*/*.c libscheme/*.c user/sh/*.c))

# tests/unit/test_libc_time.c compares libc's calendar code (libc/src/time,
# built freestanding against libc's headers with its public names renamed
# tt_*) with glibc's on random values.
LIBC_TIME_UNIT_SRCS   := calendar tz local strftime strptime
LIBC_TIME_UNIT_RENAME := $(foreach s,strftime strptime mktime timegm gmtime_r gmtime \
	localtime_r localtime tzset tzname timezone daylight asctime_r asctime ctime_r ctime \
	difftime,-D$(s)=tt_$(s))
LIBC_TIME_UNIT_OBJS   := $(patsubst %,$(BUILD)/host/libc_time/%.o,$(LIBC_TIME_UNIT_SRCS))
$(BUILD)/host/libc_time/%.o: libc/src/time/%.c tests/unit/unit.mk | $(BUILD)/user/include/bits/errno.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -ffreestanding -nostdinc \
		-isystem $(shell $(HOST_CC) -print-file-name=include) -Ilibc/include \
		-I$(BUILD)/user/include $(LIBC_TIME_UNIT_RENAME) -MMD -MP -c $< -o $@
$(BUILD)/host/tests/test_libc_time: $(LIBC_TIME_UNIT_OBJS)
-include $(LIBC_TIME_UNIT_OBJS:.o=.d)

# tests/unit/test_libm: libc/src/math built for the host as libc builds it
# (freestanding, against libc/include), every symbol it defines renamed
# tessera_*, so it links next to glibc's libm for comparison.
LIBM_SRCS     := $(sort $(wildcard libc/src/math/*.c))
LIBM_HOST_DIR := $(BUILD)/host/libm
LIBM_HOST_OBJ := $(LIBM_HOST_DIR)/libm_tessera.o

$(LIBM_HOST_DIR)/%.o: libc/src/math/%.c tests/unit/unit.mk | $(BUILD)/user/include/bits/errno.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -ffreestanding -fno-builtin -nostdinc \
		-isystem $(shell $(HOST_CC) -print-file-name=include) -Ilibc/include \
		-I$(BUILD)/user/include -MMD -MP -c $< -o $@

$(LIBM_HOST_OBJ): $(patsubst libc/src/math/%.c,$(LIBM_HOST_DIR)/%.o,$(LIBM_SRCS))
	ld -r -o $@.all $^
	nm --defined-only -g $@.all | awk '{ print $$3, "tessera_" $$3 }' > $@.syms
	objcopy --redefine-syms=$@.syms $@.all $@

$(BUILD)/host/tests/test_libm: $(BUILD)/host/tests/unit/test_libm.o $(UNIT_FW_OBJ) $(LIBM_HOST_OBJ)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $^ -lm -o $@

-include $(patsubst libc/src/math/%.c,$(LIBM_HOST_DIR)/%.d,$(LIBM_SRCS))

# tests/unit/test_malloc.c: libc/src/malloc.c built for the host with its
# entry points renamed tm_*, so it runs beside ASan's malloc, not instead.
MALLOC_UNIT_RENAME := $(foreach s,malloc free calloc realloc reallocarray posix_memalign \
	aligned_alloc memalign valloc pvalloc malloc_usable_size,-D$(s)=tm_$(s))
$(BUILD)/host/libc_malloc/malloc.o: libc/src/malloc.c tests/unit/unit.mk
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(MALLOC_UNIT_RENAME) -MMD -MP -c $< -o $@
$(BUILD)/host/tests/test_malloc: $(BUILD)/host/libc_malloc/malloc.o
-include $(BUILD)/host/libc_malloc/malloc.d
