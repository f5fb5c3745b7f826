# SPDX-License-Identifier: MIT
# The sysroot: what a compiler needs to build ordinary C programs for
# Tessera, laid out like any Unix one, under $(BUILD)/sysroot —
#
#   usr/include      libc's headers, abi/ (which they include) and the
#                    generated bits/errno.h
#   usr/lib/crt0.o   the start-up object (also as crt1.o)
#   usr/lib/libc.a   the whole C library, maths and threads included;
#                    libm.a, libpthread.a, librt.a, libdl.a, libutil.a,
#                    libcrypt.a are empty, so -lm and friends link as on Linux
#
# tools/x86_64-tessera-gcc compiles and links against it (docs/porting.md).

SYSROOT      := $(BUILD)/sysroot
SYSROOT_LIBS := m pthread rt dl util crypt
SYSROOT_STAMP := $(SYSROOT)/.stamp

.PHONY: sysroot
sysroot: $(SYSROOT_STAMP)

$(SYSROOT_STAMP): $(LIBC) $(CRT0) $(USER_GEN_HEADERS) $(shell find libc/include abi -name '*.h') \
		libc/sysroot.mk
	rm -rf $(SYSROOT)
	mkdir -p $(SYSROOT)/usr/include/abi $(SYSROOT)/usr/include/bits $(SYSROOT)/usr/lib
	cp -R libc/include/. $(SYSROOT)/usr/include/
	cp abi/*.h $(SYSROOT)/usr/include/abi/
	cp $(USER_GEN)/bits/errno.h $(SYSROOT)/usr/include/bits/
	cp $(LIBC) $(SYSROOT)/usr/lib/libc.a
	cp $(CRT0) $(SYSROOT)/usr/lib/crt0.o
	cp $(CRT0) $(SYSROOT)/usr/lib/crt1.o
	$(foreach l,$(SYSROOT_LIBS),ar rcs $(SYSROOT)/usr/lib/lib$(l).a &&) true
	touch $@
