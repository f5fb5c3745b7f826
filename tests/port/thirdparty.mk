# SPDX-License-Identifier: MIT
# Real third-party programs: unmodified Debian sources (the upstream
# tarballs, tools/port-fetch.sh) built with tools/x86_64-tessera-gcc the
# way their own build systems expect, and staged into
# $(THIRDPARTY_ROOT) for INITFS_EXTRA:
#
#   make port-thirdparty
#   make test INITFS_EXTRA=build/thirdparty-root     # test_thirdparty runs them
#
#   lua5.4  Lua 5.4: `make posix`             /usr/bin/lua, /usr/bin/luac
#   zlib    zlib: ./configure --static        /usr/bin/minigzip, /usr/bin/zlib-example
#   bc      GNU bc/dc: autoconf cross build   /usr/bin/bc, /usr/bin/dc
#   sed     GNU sed (gnulib): autoconf        /usr/bin/sed
#
# Only `make port-thirdparty` needs the Debian archive, and only until the
# sources are in $(BUILD)/port-src; `make test` never fetches, and
# user/tests/test_thirdparty.c skips what the image lacks. Included from
# the top Makefile after libc/sysroot.mk.

THIRDPARTY_ROOT  := $(BUILD)/thirdparty-root
THIRDPARTY_WORK  := $(BUILD)/thirdparty
THIRDPARTY_SRC   := $(BUILD)/port-src
THIRDPARTY_NAMES := lua zlib bc sed
THIRDPARTY_DEPS  := $(SYSROOT_STAMP) tools/x86_64-tessera-gcc tests/port/thirdparty.mk

TP_TOOLS := $(abspath tools)
TP_CC    := $(TP_TOOLS)/x86_64-tessera-gcc
TP_CROSS := CC=$(TP_CC) AR=$(TP_TOOLS)/x86_64-tessera-ar RANLIB=$(TP_TOOLS)/x86_64-tessera-ranlib
# autoconf: a cross build (--build and --host both given, so configure
# never runs what it compiles); the wrapper, not the triplet, decides.
TP_CONFIGURE = --build=$(shell $(HOST_CC) -dumpmachine 2>/dev/null || echo x86_64-pc-linux-gnu) \
	--host=x86_64-linux-musl --prefix=/usr $(TP_CROSS)
TP_BIN   := $(THIRDPARTY_ROOT)/usr/bin
TP_SHARE := $(THIRDPARTY_ROOT)/usr/share/thirdparty
TP_STRIP := $(TP_TOOLS)/x86_64-tessera-strip

.PHONY: port-thirdparty port-thirdparty-fetch
port-thirdparty: $(addprefix $(THIRDPARTY_WORK)/.stamp-,$(THIRDPARTY_NAMES))

port-thirdparty-fetch:
	$(foreach p,lua5.4 zlib bc sed,PORT_SRC=$(abspath $(THIRDPARTY_SRC)) tools/port-fetch.sh $(p) >/dev/null &&) true

# $(call tp_fresh,NAME,PACKAGE): a clean copy of PACKAGE's sources in
# $(THIRDPARTY_WORK)/NAME, fetched first if need be (-p: with their
# times, or automake would want to remake configure).
define tp_fresh
	PORT_SRC=$(abspath $(THIRDPARTY_SRC)) tools/port-fetch.sh $(2) >/dev/null
	rm -rf $(THIRDPARTY_WORK)/$(1)
	mkdir -p $(THIRDPARTY_WORK) $(TP_BIN) $(TP_SHARE)
	cp -Rp $(THIRDPARTY_SRC)/$(2)/src $(THIRDPARTY_WORK)/$(1)
endef

$(THIRDPARTY_WORK)/.stamp-lua: $(THIRDPARTY_DEPS)
	$(call tp_fresh,lua,lua5.4)
	$(MAKE) -s -C $(THIRDPARTY_WORK)/lua posix CC=$(TP_CC) \
		AR="$(TP_TOOLS)/x86_64-tessera-ar rc" RANLIB=$(TP_TOOLS)/x86_64-tessera-ranlib
	$(TP_STRIP) -o $(TP_BIN)/lua $(THIRDPARTY_WORK)/lua/src/lua
	$(TP_STRIP) -o $(TP_BIN)/luac $(THIRDPARTY_WORK)/lua/src/luac
	touch $@

# zlib's configure only compiles; example and minigzip are its tests.
# sample.txt(.gz) is a text the host's gzip compressed, for minigzip -d.
$(THIRDPARTY_WORK)/.stamp-zlib: $(THIRDPARTY_DEPS)
	$(call tp_fresh,zlib,zlib)
	cd $(THIRDPARTY_WORK)/zlib && CHOST=x86_64-tessera $(TP_CROSS) ./configure --static >/dev/null
	$(MAKE) -s -C $(THIRDPARTY_WORK)/zlib libz.a example minigzip
	$(TP_STRIP) -o $(TP_BIN)/minigzip $(THIRDPARTY_WORK)/zlib/minigzip
	$(TP_STRIP) -o $(TP_BIN)/zlib-example $(THIRDPARTY_WORK)/zlib/example
	cp $(THIRDPARTY_WORK)/zlib/deflate.c $(TP_SHARE)/sample.txt
	gzip -9 -n -c $(TP_SHARE)/sample.txt >$(TP_SHARE)/sample.txt.gz
	touch $@

# bc generates libmath.h by running the bc it builds (fbc); a host build
# of the same sources provides it, and -o keeps make from remaking it.
$(THIRDPARTY_WORK)/.stamp-bc: $(THIRDPARTY_DEPS)
	$(call tp_fresh,bc,bc)
	rm -rf $(THIRDPARTY_WORK)/bc-host
	cp -Rp $(THIRDPARTY_SRC)/bc/src $(THIRDPARTY_WORK)/bc-host
	cd $(THIRDPARTY_WORK)/bc-host && CC=$(HOST_CC) ./configure >/dev/null
	$(MAKE) -s -C $(THIRDPARTY_WORK)/bc-host/lib
	$(MAKE) -s -C $(THIRDPARTY_WORK)/bc-host/bc libmath.h
	cd $(THIRDPARTY_WORK)/bc && ./configure $(TP_CONFIGURE) >/dev/null
	cp $(THIRDPARTY_WORK)/bc-host/bc/libmath.h $(THIRDPARTY_WORK)/bc/bc/libmath.h
	$(MAKE) -s -C $(THIRDPARTY_WORK)/bc/lib
	$(MAKE) -s -C $(THIRDPARTY_WORK)/bc/bc -o libmath.h bc
	$(MAKE) -s -C $(THIRDPARTY_WORK)/bc/dc dc
	$(TP_STRIP) -o $(TP_BIN)/bc $(THIRDPARTY_WORK)/bc/bc/bc
	$(TP_STRIP) -o $(TP_BIN)/dc $(THIRDPARTY_WORK)/bc/dc/dc
	touch $@

$(THIRDPARTY_WORK)/.stamp-sed: $(THIRDPARTY_DEPS)
	$(call tp_fresh,sed,sed)
	cd $(THIRDPARTY_WORK)/sed && ./configure $(TP_CONFIGURE) --disable-nls \
		--without-selinux --disable-acl >/dev/null
	$(MAKE) -s -C $(THIRDPARTY_WORK)/sed MAKEINFO=true
	$(TP_STRIP) -o $(TP_BIN)/sed $(THIRDPARTY_WORK)/sed/sed/sed
	touch $@
