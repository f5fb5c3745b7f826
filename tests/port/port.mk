# SPDX-License-Identifier: MIT
# Ported programs: each tests/port/NAME/ is an ordinary project with its
# own Makefile, built the way docs/porting.md tells users to —
# `make CC=tools/x86_64-tessera-gcc DESTDIR=... install` — from a copy
# under $(BUILD)/port/NAME, and installed into $(PORT_ROOT), which the
# initfs includes (so /usr/bin/NAME exists in Tessera). user/tests/
# test_port.c runs them inside Tessera.

PORT_NAMES := $(notdir $(patsubst %/Makefile,%,$(wildcard tests/port/*/Makefile)))
PORT_ROOT  := $(BUILD)/port-root
PORT_STAMP := $(BUILD)/port/.stamp
PORT_SRCS  := $(shell find tests/port -type f)

$(PORT_STAMP): $(PORT_SRCS) $(SYSROOT_STAMP) tools/x86_64-tessera-gcc
	rm -rf $(BUILD)/port $(PORT_ROOT)
	mkdir -p $(BUILD)/port $(PORT_ROOT)
	$(foreach p,$(PORT_NAMES),cp -R tests/port/$(p) $(BUILD)/port/$(p) && \
		$(MAKE) -s -C $(BUILD)/port/$(p) CC=$(abspath tools/x86_64-tessera-gcc) \
			DESTDIR=$(abspath $(PORT_ROOT)) install &&) true
	touch $@

$(INITFS): $(PORT_STAMP)
