#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the bootable ISO: GRUB (BIOS and UEFI, from grub-mkrescue) with
# tools/grub.cfg, the kernel and the initfs boot module.
#   mkiso.sh KERNEL.elf INITFS.img OUT.iso
set -euo pipefail

kernel=$1
initfs=$2
out=$3
stage=$(dirname "$out")/iso-root

rm -rf "$stage"
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/tessera.elf"
cp "$initfs" "$stage/boot/initfs"
cp tools/grub.cfg "$stage/boot/grub/grub.cfg"
if ! grub-mkrescue -o "$out" "$stage" >"$out.log" 2>&1; then
  cat "$out.log" >&2
  echo "mkiso: grub-mkrescue failed (are grub-pc-bin, grub-efi-amd64-bin, xorriso and mtools installed? run tools/install-deps.sh)" >&2
  exit 1
fi
