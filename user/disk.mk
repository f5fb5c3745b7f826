# SPDX-License-Identifier: MIT
# The disk image: a GPT disk whose partition `tessera-root` is an ext2
# file system made by mke2fs -d from the same tree as the initfs (bin/,
# etc/, share/ ...). Booted with the kernel command line word
# root=tessera-root, init mounts it as file: (docs/boot.md).
#
#   make disk      $(BUILD)/disk.img
#
# mke2fs needs no privileges with -d; it lives in /usr/sbin, which is not
# on every user's PATH.

DISK_IMG       := $(BUILD)/disk.img
DISK_ROOT_EXT2 := $(BUILD)/disk-root.ext2
DISK_ROOT_MIB  ?= 128
MKE2FS         := $(shell command -v mke2fs 2>/dev/null || echo /usr/sbin/mke2fs)

.PHONY: disk
disk: $(DISK_IMG)

DISK_ROOT_TREE := $(BUILD)/disk-root

# The initfs rule fills $(INITFS_ROOT); the image is made from that tree
# plus the directories ramfsd makes at boot (/tmp, /home, /root) and /var.
$(DISK_ROOT_EXT2): $(INITFS) user/disk.mk
	@rm -rf $@ $(DISK_ROOT_TREE)
	cp -a $(INITFS_ROOT) $(DISK_ROOT_TREE)
	mkdir -p $(DISK_ROOT_TREE)/tmp $(DISK_ROOT_TREE)/home $(DISK_ROOT_TREE)/root \
		$(DISK_ROOT_TREE)/var
	chmod 1777 $(DISK_ROOT_TREE)/tmp
	chmod 0700 $(DISK_ROOT_TREE)/root
	$(MKE2FS) -q -F -t ext2 -b 4096 -L tessera-root -E root_owner=0:0 \
		-d $(DISK_ROOT_TREE) $@ $(DISK_ROOT_MIB)M

$(DISK_IMG): $(DISK_ROOT_EXT2) tools/mkdisk.py
	$(PYTHON) tools/mkdisk.py $@ --part name=tessera-root,type=linux,image=$<
