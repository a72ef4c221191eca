#!/usr/bin/env python3
"""Compares rvx's disassembly with objdump's, instruction by instruction.

compare.py NAME OBJDUMP_OUT RVX_OUT
  OBJDUMP_OUT  riscv64-linux-gnu-objdump -d/-D -M no-aliases output
  RVX_OUT      test_disasm output, "<hex addr>\\t<text>" per line
Prints "PASS NAME: counts" or "FAIL NAME: reason" and the first
disagreements. Each objdump instruction falls in one class:
  same           identical text
  both-illegal   objdump prints data (.4byte/.2byte/unimp), rvx OP_ILLEGAL
  unsupported    objdump decodes an extension rvx does not implement
                 (UNSUPPORTED below) and rvx says OP_ILLEGAL
  accepted       a known, deliberate difference (ACCEPTED below)
  anything else is a failure.
"""
import re
import sys

# Mnemonic families of extensions rvx does not implement. rvx must say
# OP_ILLEGAL (SIGILL) for all of them.
UNSUPPORTED = [
    ('V', r'^v'),
    ('Zfh/Zfhmin', r'^(flh|fsh|f[a-z]+\.h|f[a-z]+\.h\.[a-z]+|fcvt\.[a-z]+\.h|fmv\.(x\.h|h\.x))$'),
    ('Zba', r'^(sh[123]add(\.uw)?|add\.uw|slli\.uw)$'),
    ('Zbb/Zbkb', r'^(andn|orn|xnor|clzw?|ctzw?|cpopw?|max|maxu|min|minu|sext\.[bh]|zext\.h|'
                 r'rolw?|rorw?|roriw?|orc\.b|rev8|brev8|pack[hw]?|zip|unzip)$'),
    ('Zbc/Zbkc', r'^clmul[hr]?$'),
    ('Zbs', r'^b(clr|ext|inv|set)i?$'),
    ('Zbkx', r'^xperm[48]$'),
    ('Zk*', r'^(aes|sha|sm3|sm4)'),
    ('Zicbom/Zicboz', r'^cbo\.'),
    ('Zawrs', r'^wrs\.'),
    ('privileged', r'^(uret|sret|mret|dret|hret|wfi|sfence\.|hfence\.|hinval\.|sinval\.|hlvx?\.|hsv\.)'),
]

DATA = re.compile(r'^(\.(2|4)?byte|\.word|\.short|\.half|0x|unimp$|c\.unimp$)')


def mnemonic(text):
    return text.split('\t')[0]


def accepted(word, width, obj, rvx):
    """Deliberate differences: the reason, or None."""
    if width == 4 and word & 0x707f == 0x000f and DATA.match(obj) and rvx.startswith('fence'):
        return 'fence with nonzero fm/rs1/rd (spec: fields reserved, must be ignored)'
    if width == 4 and word & 0x707f == 0x100f and DATA.match(obj) and rvx == 'fence.i':
        return 'fence.i with nonzero imm/rs1/rd (spec: fields ignored)'
    if DATA.match(obj) and mnemonic(rvx) in ('fcvt.d.s', 'fcvt.d.w', 'fcvt.d.wu'):
        return 'fcvt.d.s/d.w/d.wu with rm != 0 (spec: valid; rm checked at execution)'
    if width == 2 and word == 0x6101 and obj.startswith('c.addi16sp') and DATA.match(rvx):
        return 'c.addi16sp with imm 0 (spec: reserved)'
    if mnemonic(obj) == 'pause' and rvx == 'fence\tw,unknown':
        return 'pause: a FENCE hint, executed as fence'
    if mnemonic(obj).startswith('prefetch.') and mnemonic(rvx) == 'ori':
        return 'prefetch.*: ORI hints with rd=0, executed as ori'
    return None


def classify(word, width, obj, rvx):
    rvx_illegal = rvx.startswith('.2byte') or rvx.startswith('.4byte')
    if DATA.match(obj) and rvx_illegal:
        return 'both-illegal'
    if obj == rvx:
        return 'same'
    why = accepted(word, width, obj, rvx)
    if why:
        return 'accepted: ' + why
    if rvx_illegal:
        for fam, rx in UNSUPPORTED:
            if re.match(rx, mnemonic(obj)):
                return 'unsupported: ' + fam
    return None


LINE = re.compile(r'^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$')


def parse_objdump(path):
    for line in open(path):
        m = LINE.match(line.rstrip('\n'))
        if not m:
            continue
        addr, raw, text = int(m.group(1), 16), m.group(2).replace(' ', ''), m.group(3)
        text = re.sub(r'\s*#.*$', '', text)          # "# 0x..." value comments
        text = re.sub(r'\b([0-9a-f]+) <[^>]*>', r'0x\1', text)  # "target <sym+off>"
        yield addr, raw, text.rstrip()


def main():
    name, obj_path, rvx_path = sys.argv[1:4]
    rvx = {}
    for line in open(rvx_path):
        a, _, t = line.rstrip('\n').partition('\t')
        rvx[int(a, 16)] = t
    counts, fails = {}, []
    for addr, raw, text in parse_objdump(obj_path):
        if len(raw) not in (4, 8):
            fails.append('%x: objdump unit of %d bytes: %s' % (addr, len(raw) // 2, text))
            continue
        mine = rvx.get(addr)
        cls = None if mine is None else classify(int(raw, 16), len(raw) // 2, text, mine)
        if cls is None:
            fails.append('%x %s: objdump "%s" rvx "%s"' % (addr, raw, text, mine))
            continue
        counts[cls] = counts.get(cls, 0) + 1
    seen = {addr for addr, _, _ in parse_objdump(obj_path)}
    extra = sorted(set(rvx) - seen)
    for a in extra[:5]:
        fails.append('%x: rvx "%s", objdump printed nothing there' % (a, rvx[a]))
    total = sum(counts.values()) + len(fails)
    if total == 0:
        print('FAIL %s: objdump printed no instructions' % name)
        return 1
    summary = ', '.join('%s %d' % (k, v) for k, v in sorted(counts.items()))
    for f in fails[:15]:
        print('  ' + f)
    if fails:
        print('FAIL %s: %d of %d differ (%s)' % (name, len(fails), total, summary))
        return 1
    print('PASS %s: %d compared (%s)' % (name, total, summary))
    return 0


sys.exit(main())
