#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Packs a directory tree into a Tessera initfs image, or lists one.

The initfs is the boot module GRUB loads as "initfs"; the kernel starts
/bin/init from it. The format is described in lib/initfs.h and
docs/initfs.md: a header, a table of entries sorted by path, a string table
of NUL-terminated paths, then file data at 4096-byte-aligned offsets.

    mkinitfs.py OUT.img SRC_DIR    pack SRC_DIR (its contents become /)
    mkinitfs.py --list IMG         print mode, size and path of each entry

Regular files, directories and symlinks go in with their permission bits;
uid, gid and mtime are recorded as 0, so the same tree always gives the
same bytes. Anything else (sockets, devices, FIFOs), paths over 255 bytes
and files over 1 GiB are errors. Python 3 standard library only.
"""
import argparse
import os
import stat
import struct
import sys

MAGIC = b"TSRINITF"
VERSION = 1
HEADER = struct.Struct("<8sIIQQQ")  # magic version count total strtab_off strtab_size
ENTRY = struct.Struct("<QIIQQIIQ")  # name_off name_len mode data_off data_size uid gid mtime
ALIGN = 4096
PATH_MAX = 255
SYMLINK_MAX = 4095
FILE_MAX = 1 << 30
IMAGE_MAX = (1 << 32) - 1  # GRUB module addresses are 32-bit

S_IFDIR, S_IFREG, S_IFLNK = 0o040000, 0o100000, 0o120000


class InitfsError(Exception):
    pass


def align(n):
    return (n + ALIGN - 1) // ALIGN * ALIGN


def scan(src):
    """Yields (path bytes, mode, data) for everything under src, unsorted."""
    for dirpath, dirnames, filenames in os.walk(src, onerror=raise_walk_error):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.fsencode(os.path.relpath(full, src)).replace(os.sep.encode(), b"/")
            if len(rel) > PATH_MAX:
                raise InitfsError(f"{full}: path is {len(rel)} bytes inside the image, max {PATH_MAX}")
            yield (rel,) + read_entry(full)


def raise_walk_error(err):
    raise InitfsError(f"{err.filename}: {err.strerror}")


def read_entry(full):
    """Returns (mode, data) for one file, directory or symlink."""
    st = os.lstat(full)
    perm = stat.S_IMODE(st.st_mode)
    if stat.S_ISDIR(st.st_mode):
        return S_IFDIR | perm, b""
    if stat.S_ISLNK(st.st_mode):
        target = os.fsencode(os.readlink(full))
        if not 0 < len(target) <= SYMLINK_MAX:
            raise InitfsError(f"{full}: symlink target is {len(target)} bytes, want 1 to {SYMLINK_MAX}")
        return S_IFLNK | perm, target
    if stat.S_ISREG(st.st_mode):
        if st.st_size > FILE_MAX:
            raise InitfsError(f"{full}: file too large ({st.st_size} bytes, max {FILE_MAX})")
        with open(full, "rb") as f:
            return S_IFREG | perm, f.read()
    kind = {stat.S_IFSOCK: "socket", stat.S_IFIFO: "FIFO", stat.S_IFCHR: "character device",
            stat.S_IFBLK: "block device"}.get(stat.S_IFMT(st.st_mode), "file of unknown type")
    raise InitfsError(f"{full}: unsupported file type: {kind}")


def build(entries):
    """Lays out sorted (path, mode, data) entries; returns the image bytes."""
    strtab = bytearray()
    names = []
    for path, _, _ in entries:
        names.append((len(strtab), len(path)))
        strtab += path + b"\0"
    strtab_off = HEADER.size + ENTRY.size * len(entries)
    data_off = align(strtab_off + len(strtab))
    table = bytearray()
    chunks = []
    for (path, mode, data), (name_off, name_len) in zip(entries, names):
        off = data_off if data else 0
        table += ENTRY.pack(name_off, name_len, mode, off, len(data), 0, 0, 0)
        if data:
            chunks.append((off, data))
            data_off = align(off + len(data))
    total = data_off
    if total > IMAGE_MAX:
        raise InitfsError(f"image too large ({total} bytes, max {IMAGE_MAX})")
    image = bytearray(total)
    image[:HEADER.size] = HEADER.pack(MAGIC, VERSION, len(entries), total, strtab_off, len(strtab))
    image[HEADER.size:strtab_off] = table
    image[strtab_off:strtab_off + len(strtab)] = strtab
    for off, data in chunks:
        image[off:off + len(data)] = data
    return bytes(image)


def pack(out, src):
    if not os.path.isdir(src):
        raise InitfsError(f"{src}: not a directory")
    entries = sorted(scan(src), key=lambda e: e[0])
    image = build(entries)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(image)
    os.replace(tmp, out)


def list_image(path):
    with open(path, "rb") as f:
        image = f.read()
    if len(image) < HEADER.size:
        raise InitfsError(f"{path}: too short for an initfs header")
    magic, version, count, total, strtab_off, strtab_size = HEADER.unpack_from(image)
    if magic != MAGIC or version != VERSION:
        raise InitfsError(f"{path}: not an initfs version {VERSION} image")
    if total > len(image) or HEADER.size + ENTRY.size * count > total:
        raise InitfsError(f"{path}: truncated ({len(image)} bytes, header says {total})")
    strtab = image[strtab_off:strtab_off + strtab_size]
    for i in range(count):
        name_off, name_len, mode, data_off, size, _, _, _ = \
            ENTRY.unpack_from(image, HEADER.size + ENTRY.size * i)
        name = os.fsdecode(strtab[name_off:name_off + name_len])
        line = f"{mode:07o} {size:10d} /{name}"
        if mode & 0o170000 == S_IFLNK:
            line += " -> " + os.fsdecode(image[data_off:data_off + size])
        print(line)


def main():
    ap = argparse.ArgumentParser(
        description="Pack a directory into a Tessera initfs image, or list one.",
        usage="%(prog)s OUT.img SRC_DIR\n       %(prog)s --list IMG")
    ap.add_argument("--list", metavar="IMG", help="print the entries of IMG")
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if (opts.list is not None and opts.args) or (opts.list is None and len(opts.args) != 2):
        ap.error("want OUT.img SRC_DIR, or --list IMG")
    try:
        if opts.list is not None:
            list_image(opts.list)
        else:
            pack(*opts.args)
    except (InitfsError, OSError) as e:
        print(f"mkinitfs: error: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
