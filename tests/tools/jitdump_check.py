#!/usr/bin/env python3
"""Checks rvx's -jitdump and -perfmap files against each other and
against perf's jitdump format: the header, every JIT_CODE_LOAD record
(sizes, NUL-terminated name, code bytes), host addresses inside the code
cache [LO, HI), and one perf map line per record with the same address,
size and name. Also requires a translation named after FUNC.
usage: jitdump_check.py DUMP MAP PID LO HI FUNC  (LO, HI hex)"""
import struct
import sys


def fail(why):
    print(why)
    sys.exit(1)


def main():
    dump, mapf, pid, lo, hi, func = sys.argv[1:7]
    pid, lo, hi = int(pid), int(lo, 16), int(hi, 16)
    data = open(dump, "rb").read()
    if len(data) < 40:
        fail("jitdump shorter than its header")
    magic, version, size, mach, _pad, hpid, _ts, flags = struct.unpack_from("<6I2Q", data, 0)
    if (magic, version, size, mach, hpid, flags) != (0x4A695444, 1, 40, 62, pid, 0):
        fail("bad jitdump header %x %d %d %d %d %d" % (magic, version, size, mach, hpid, flags))
    recs, off, last_ts, index = [], 40, 0, 0
    while off < len(data):
        if off + 16 > len(data):
            fail("truncated record header at %d" % off)
        rid, total, ts = struct.unpack_from("<IIQ", data, off)
        if rid != 0 or total < 56 or off + total > len(data):
            fail("bad record at %d: id %d size %d" % (off, rid, total))
        rpid, _tid, vma, addr, csize, cidx = struct.unpack_from("<IIQQQQ", data, off + 16)
        name_end = data.index(b"\0", off + 56)
        name = data[off + 56:name_end].decode()
        if rpid != pid or vma != addr or cidx != index or ts < last_ts:
            fail("record %d: pid %d vma %x addr %x index %d" % (index, rpid, vma, addr, cidx))
        if name_end + 1 + csize != off + total:
            fail("record %d (%s): size %d does not hold name and %d code bytes"
                 % (index, name, total, csize))
        if not (lo <= addr and addr + csize <= hi):
            fail("record %d (%s): %x+%x outside the code cache %x-%x"
                 % (index, name, addr, csize, lo, hi))
        recs.append((addr, csize, name))
        off, last_ts, index = off + total, ts, index + 1
    lines = []
    for line in open(mapf):
        a, s, n = line.rstrip("\n").split(" ", 2)
        lines.append((int(a, 16), int(s, 16), n))
    if not recs or lines != recs:
        fail("perf map (%d lines) and jitdump (%d records) differ" % (len(lines), len(recs)))
    if not any(n == func or n.startswith(func + "+") for _, _, n in recs):
        fail("no translation named %s" % func)
    print("%d translations" % len(recs))


main()
