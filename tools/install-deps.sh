#!/usr/bin/env bash
# Installs the host packages Tessera's build and tests need, through apt-get.
# Only what is missing is installed; when not root, the exact command is
# printed instead, so a user can run it themselves.
set -euo pipefail

packages=(
  build-essential binutils make gcc python3
  qemu-system-x86 qemu-utils
  grub-common grub-pc-bin grub-efi-amd64-bin
  xorriso mtools ovmf e2fsprogs gdisk fdisk
  gdb
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Tessera needs these host packages: ${missing[*]}" >&2
  echo "Run as root:  apt-get update && $cmd" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd -qq
