#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds a partitioned disk image from partition images.

GPT (the default): a protective MBR, the primary header at LBA 1 with a
128-entry array after it, the backup array and header at the end, CRC32s
of headers and arrays as the UEFI specification defines them.
Partitions start on 1 MiB boundaries and are rounded up to whole MiB.
GUIDs are derived from the output's file name and the partition's
name and index (uuid5), so the same command makes the same image;
`guid=` overrides one.

    tools/mkdisk.py out.img --part name=tessera-root,type=linux,image=root.ext2 [--size MiB]

`--mbr` writes an MBR table instead (for tests of MBR parsing): the
partitions marked `logical` go, in order, into one extended partition
(type 05) as a chain of EBRs, each 1 MiB before its partition.

    tools/mkdisk.py t.img --mbr --part type=0x83,size=2 --part type=0x83,size=1,logical

Partition options (comma-separated key=value):
  name=TEXT    GPT partition name (UTF-16, at most 36 units)
  type=T       linux | efi | swap | a GUID (GPT) | 0xNN (MBR type byte)
  image=PATH   contents (the partition is at least this big)
  size=MiB     the partition's size (default: the image's, rounded up)
  guid=GUID    the unique partition GUID (GPT)
  logical      (MBR) a logical partition inside the extended one
"""
import argparse
import os
import struct
import sys
import uuid
import zlib

MIB = 1 << 20
SECTOR = 512
ENTRIES = 128
ENTRY_SIZE = 128
ENTRY_SECTORS = ENTRIES * ENTRY_SIZE // SECTOR    # 32

TYPES = {
    "linux": ("0fc63daf-8483-4772-8e79-3d69d8477de4", 0x83),
    "efi": ("c12a7328-f81f-11d2-ba4b-00a0c93ec93b", 0xEF),
    "swap": ("0657fd6d-a4ab-43c4-84e5-0933c84b4f4f", 0x82),
}


def die(msg):
    print(f"mkdisk: {msg}", file=sys.stderr)
    sys.exit(1)


def parse_part(text, index):
    part = {"name": "", "type": "linux", "image": None, "size": None, "guid": None,
            "logical": False, "index": index}
    for item in filter(None, text.split(",")):
        key, eq, value = item.partition("=")
        if key == "logical" and not eq:
            part["logical"] = True
        elif key in ("name", "type", "image", "guid") and eq:
            part[key] = value
        elif key == "size" and eq:
            part["size"] = int(value) * MIB
        else:
            die(f"bad partition option '{item}'")
    image_len = os.path.getsize(part["image"]) if part["image"] else 0
    want = part["size"] if part["size"] is not None else image_len
    if image_len > want:
        die(f"{part['image']} ({image_len} bytes) does not fit in {want} bytes")
    part["bytes"] = max(MIB, (want + MIB - 1) // MIB * MIB)
    return part


def gpt_type(t):
    if t in TYPES:
        return uuid.UUID(TYPES[t][0])
    try:
        return uuid.UUID(t)
    except ValueError:
        die(f"'{t}' is not a GPT type (linux, efi, swap or a GUID)")


def mbr_type(t):
    if t in TYPES:
        return TYPES[t][1]
    try:
        v = int(t, 16)
    except ValueError:
        die(f"'{t}' is not an MBR type (linux, efi, swap or 0xNN)")
    if not 0 < v < 256 or v in (0x05, 0x0F, 0x85, 0xEE):
        die(f"MBR type {t} is reserved or out of range")
    return v


def mbr_entry(type_byte, first, count, boot=False):
    # CHS fields are the "too big" marker: every reader uses the LBA fields.
    return struct.pack("<B3sB3sII", 0x80 if boot else 0, b"\xfe\xff\xff", type_byte,
                       b"\xfe\xff\xff", first, count)


def mbr_sector(entries):
    body = bytearray(SECTOR)
    for i, e in enumerate(entries):
        body[446 + 16 * i:446 + 16 * (i + 1)] = e
    body[510:512] = b"\x55\xaa"
    return bytes(body)


def gpt_entry(p):
    name = p["name"].encode("utf-16-le")
    if len(name) > 72:
        die(f"partition name '{p['name']}' is longer than 36 UTF-16 units")
    return (gpt_type(p["type"]).bytes_le + p["uuid"].bytes_le +
            struct.pack("<QQQ", p["first"], p["first"] + p["bytes"] // SECTOR - 1, 0) +
            name.ljust(72, b"\0"))


def gpt_header(my_lba, alt_lba, first_usable, last_usable, disk_guid, entries_lba, entries_crc):
    def pack(crc):
        return (b"EFI PART" + struct.pack("<IIII", 0x00010000, 92, crc, 0) +
                struct.pack("<QQQQ", my_lba, alt_lba, first_usable, last_usable) +
                disk_guid.bytes_le + struct.pack("<QIII", entries_lba, ENTRIES, ENTRY_SIZE,
                                                 entries_crc))
    head = pack(0)
    return pack(zlib.crc32(head)).ljust(SECTOR, b"\0")


def layout(parts, mbr):
    """Places partitions on 1 MiB boundaries; returns the end (bytes)."""
    pos = MIB
    for p in parts:
        if mbr and p["logical"]:
            p["ebr"] = pos // SECTOR
            pos += MIB          # the EBR's own MiB
        p["first"] = pos // SECTOR
        pos += p["bytes"]
    return pos


def write_gpt(f, parts, total, disk_guid):
    sectors = total // SECTOR
    last = sectors - 1
    array = b"".join(gpt_entry(p) for p in parts).ljust(ENTRIES * ENTRY_SIZE, b"\0")
    crc = zlib.crc32(array)
    first_usable, last_usable = 2 + ENTRY_SECTORS, last - 1 - ENTRY_SECTORS
    f.seek(0)
    f.write(mbr_sector([mbr_entry(0xEE, 1, min(last, 0xFFFFFFFF))]))
    f.write(gpt_header(1, last, first_usable, last_usable, disk_guid, 2, crc))
    f.write(array)
    f.seek((last - ENTRY_SECTORS) * SECTOR)
    f.write(array)
    f.write(gpt_header(last, 1, first_usable, last_usable, disk_guid, last - ENTRY_SECTORS, crc))


def write_mbr(f, parts):
    primaries = [p for p in parts if not p["logical"]]
    logicals = [p for p in parts if p["logical"]]
    if len(primaries) + (1 if logicals else 0) > 4:
        die("an MBR holds at most 4 primary partitions (extended included)")
    entries = [mbr_entry(mbr_type(p["type"]), p["first"], p["bytes"] // SECTOR)
               for p in primaries]
    if logicals:
        ext_first = logicals[0]["ebr"]
        ext_end = logicals[-1]["first"] + logicals[-1]["bytes"] // SECTOR
        entries.append(mbr_entry(0x05, ext_first, ext_end - ext_first))
        for i, p in enumerate(logicals):
            links = [mbr_entry(mbr_type(p["type"]), p["first"] - p["ebr"],
                               p["bytes"] // SECTOR)]
            if i + 1 < len(logicals):
                n = logicals[i + 1]
                n_end = n["first"] + n["bytes"] // SECTOR
                links.append(mbr_entry(0x05, n["ebr"] - ext_first, n_end - n["ebr"]))
            f.seek(p["ebr"] * SECTOR)
            f.write(mbr_sector(links))
    f.seek(0)
    f.write(mbr_sector(entries))


def copy_image(f, p):
    if not p["image"]:
        return
    f.seek(p["first"] * SECTOR)
    with open(p["image"], "rb") as src:
        while True:
            block = src.read(MIB)
            if not block:
                break
            if block.count(0) == len(block):
                f.seek(len(block), os.SEEK_CUR)   # keep the output sparse
            else:
                f.write(block)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--part", action="append", default=[], help="a partition (see --help)")
    ap.add_argument("--size", type=int, help="disk size in MiB (default: what the parts need)")
    ap.add_argument("--mbr", action="store_true", help="an MBR table instead of GPT")
    ap.add_argument("--disk-guid", help="the GPT disk GUID")
    args = ap.parse_args()

    parts = [parse_part(t, i) for i, t in enumerate(args.part)]
    if not parts:
        die("no --part given")
    if len(parts) > ENTRIES:
        die(f"at most {ENTRIES} partitions")
    if not args.mbr and any(p["logical"] for p in parts):
        die("'logical' is for --mbr tables")
    flags = [p["logical"] for p in parts]
    if True in flags and not all(flags[flags.index(True):]):
        die("logical partitions must come last")
    end = layout(parts, args.mbr)
    total = end + MIB            # room for the backup GPT, and alignment
    if args.size is not None:
        if args.size * MIB < total:
            die(f"--size {args.size} MiB is too small (needs {(total + MIB - 1) // MIB} MiB)")
        total = args.size * MIB
    if args.mbr and total // SECTOR > 0xFFFFFFFF:
        die("an MBR cannot describe a disk of 2 TiB or more")

    name = os.path.basename(args.out)
    disk_guid = uuid.UUID(args.disk_guid) if args.disk_guid else \
        uuid.uuid5(uuid.NAMESPACE_URL, f"tessera-mkdisk:{name}")
    for p in parts:
        p["uuid"] = uuid.UUID(p["guid"]) if p["guid"] else \
            uuid.uuid5(disk_guid, f"{p['index']}:{p['name']}")

    with open(args.out, "wb") as f:
        f.truncate(total)
        for p in parts:
            copy_image(f, p)
        if args.mbr:
            write_mbr(f, parts)
        else:
            write_gpt(f, parts, total, disk_guid)


if __name__ == "__main__":
    main()
