#!/usr/bin/env python3
"""Writes random RISC-V encodings for tests/disasm/run.sh.

gen_random.py INSN_DEF OUT32 COUNT SEED
  OUT32: COUNT random 32-bit words (little-endian), every one with low bits
  11 and not a >32-bit length prefix (bits 4:0 != 11111), biased so every
  major opcode and funct field is well covered:
    40%  an insn.def match with the bits outside its mask randomised
    15%  the same with one or two mask bits flipped (near misses)
    15%  a random major opcode, other bits random
    10%  the same with sparse other bits (mostly zero: reaches the
         rd=0/rs1=0 forms such as cbo.*, pause, wrs.*)
    20%  fully random
The 16-bit space is tested exhaustively, so it needs no generator.
"""
import random
import re
import struct
import sys


def main():
    insn_def, out32, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    lines = re.findall(r'^INSN\(\s*\w+,\s*"[^"]*",\s*(0x[0-9a-fA-F]+),\s*(0x[0-9a-fA-F]+)',
                       open(insn_def).read(), re.M)
    table = [(int(m, 16), int(k, 16)) for m, k in lines]
    words = []
    while len(words) < count:
        r = rng.random()
        if r < 0.55:
            match, mask = rng.choice(table)
            w = match | (rng.getrandbits(32) & ~mask & 0xffffffff)
            if r >= 0.40:
                for _ in range(rng.randint(1, 2)):
                    w ^= 1 << rng.choice([b for b in range(2, 32) if mask >> b & 1] or [2])
        elif r < 0.70:
            w = (rng.getrandbits(25) << 7) | (rng.getrandbits(5) << 2) | 3
        elif r < 0.80:
            sparse = rng.getrandbits(25) & rng.getrandbits(25) & rng.getrandbits(25)
            w = (sparse << 7) | (rng.getrandbits(5) << 2) | 3
        else:
            w = rng.getrandbits(32) | 3
        if (w & 0x1f) == 0x1f:
            continue
        words.append(w & 0xffffffff)
    with open(out32, 'wb') as f:
        f.write(struct.pack('<%dI' % len(words), *words))


main()
