/* x64 encoding layer: the code buffer, legacy prefixes, REX, VEX, ModRM,
 * SIB and displacements. Every addressing special case lives here:
 *   - rm=100 means "SIB follows", so an RSP/R12 base always takes a SIB;
 *   - mod=00 rm=101 means RIP-relative, so an RBP/R13 base with no
 *     displacement takes mod=01 with disp8 = 0;
 *   - SIB index=100 means "no index", so RSP can never be an index;
 *   - SIB base=101 with mod=00 means "no base, disp32" (absolute);
 *   - byte registers 4..7 are AH/CH/DH/BH without a REX prefix and
 *     SPL/BPL/SIL/DIL with one, so byte operands there force a REX.
 * Prefix order follows GNU as (66, then F2/F3, then F0, then REX) so the
 * tests can demand byte equality. Called by the emitters in x64_*.c. */
#include <string.h>

#include "base/check.h"
#include "jit/x64/x64.h"

void x64_init(struct x64_buf *b, void *mem, size_t size)
{
    x64_init_rx(b, mem, size, mem);
}

void x64_init_rx(struct x64_buf *b, void *mem, size_t size, const void *exec)
{
    b->start = b->p = mem;
    b->end = b->start + size;
    b->overflow = false;
    b->rx_delta = (const u8 *)exec - (u8 *)mem;
}

/* Room for n more bytes? Once full, stays full: a half-written block is
 * thrown away by the caller anyway. */
static bool room(struct x64_buf *b, size_t n)
{
    if (b->overflow || (size_t)(b->end - b->p) < n) {
        b->overflow = true;
        return false;
    }
    return true;
}

void x64_data(struct x64_buf *b, const void *src, size_t n)
{
    if (!room(b, n))
        return;
    memcpy(b->p, src, n);
    b->p += n;
}

void x64_emit8(struct x64_buf *b, u8 v) { x64_data(b, &v, 1); }
void x64_emit16(struct x64_buf *b, u16 v) { x64_data(b, &v, 2); }   /* host is little-endian */
void x64_emit32(struct x64_buf *b, u32 v) { x64_data(b, &v, 4); }
void x64_emit64(struct x64_buf *b, u64 v) { x64_data(b, &v, 8); }

static bool fits_i8(i64 v) { return v >= -128 && v <= 127; }

/* A byte register operand 4..7 must be SPL..DIL, which needs a REX. */
static bool needs_rex40(u32 op, int reg, int rm)
{
    return ((op & X64_BYTE_R) && reg >= 4 && reg <= 7) ||
           ((op & X64_BYTE_M) && rm >= 4 && rm <= 7);
}

/* Legacy prefixes, REX (when any of its bits or the byte rule need it),
 * the opcode map escape and the opcode byte. x, bb: the REX.X/REX.B
 * register numbers (or -1). */
static void prefixes_and_opcode(struct x64_buf *b, u32 op, int reg, int x, int bb, bool rex40)
{
    static const u8 pp_byte[4] = { 0, 0x66, 0xf3, 0xf2 };
    if ((op & X64_OSIZE) && X64_PP(op) != 1)
        x64_emit8(b, 0x66);
    if (X64_PP(op))
        x64_emit8(b, pp_byte[X64_PP(op)]);
    if (op & X64_LOCK)
        x64_emit8(b, 0xf0);
    u8 rex = (op & X64_W ? 8 : 0) | (reg >= 8 ? 4 : 0) | (x >= 8 ? 2 : 0) | (bb >= 8 ? 1 : 0);
    if (rex || rex40)
        x64_emit8(b, 0x40 | rex);
    switch (X64_MAP(op)) {
    case 1: x64_emit8(b, 0x0f); break;
    case 2: x64_emit8(b, 0x0f); x64_emit8(b, 0x38); break;
    case 3: x64_emit8(b, 0x0f); x64_emit8(b, 0x3a); break;
    }
    x64_emit8(b, op & 0xff);
}

static void modrm(struct x64_buf *b, int mod, int reg, int rm)
{
    x64_emit8(b, mod << 6 | (reg & 7) << 3 | (rm & 7));
}

static int scale_bits(int scale)
{
    switch (scale) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    case 8: return 3;
    }
    CHECK(!"x64: scale must be 1, 2, 4 or 8");
}

/* The disp32 of a RIP-relative operand; the instruction ends imm_len bytes
 * after it. */
static i32 rip_disp(struct x64_buf *b, struct x64_mem m, int imm_len)
{
    if (!m.target)
        return m.disp;
    i64 d = (const u8 *)m.target - (x64_here(b) + 4 + imm_len);
    CHECK(d == (i32)d);
    return (i32)d;
}

/* ModRM, SIB and displacement for a memory operand. */
static void encode_mem(struct x64_buf *b, int reg, struct x64_mem m, int imm_len)
{
    bool has_index = m.index != X64_NOREG;
    CHECK(!has_index || (m.index != RSP && m.index < 16));
    if (m.base == X64_RIP) {
        CHECK(!has_index);
        modrm(b, 0, reg, 5);
        x64_emit32(b, rip_disp(b, m, imm_len));
        return;
    }
    int index = has_index ? m.index : RSP;   /* 100: no index */
    if (m.base == X64_NOREG) {
        modrm(b, 0, reg, 4);
        x64_emit8(b, scale_bits(m.scale) << 6 | (index & 7) << 3 | 5);
        x64_emit32(b, m.disp);
        return;
    }
    int mod = (m.disp == 0 && (m.base & 7) != RBP) ? 0 : fits_i8(m.disp) ? 1 : 2;
    if (has_index || (m.base & 7) == RSP) {
        modrm(b, mod, reg, 4);
        x64_emit8(b, scale_bits(m.scale) << 6 | (index & 7) << 3 | (m.base & 7));
    } else {
        modrm(b, mod, reg, m.base);
    }
    if (mod == 1)
        x64_emit8(b, (u8)m.disp);
    else if (mod == 2)
        x64_emit32(b, m.disp);
}

static int mem_x(struct x64_mem m) { return m.index == X64_NOREG ? -1 : m.index; }
static int mem_b(struct x64_mem m) { return m.base >= 16 ? -1 : m.base; }

void x64_op_rr(struct x64_buf *b, u32 op, int reg, int rm)
{
    prefixes_and_opcode(b, op, reg, -1, rm, needs_rex40(op, reg, rm));
    modrm(b, 3, reg, rm);
}

void x64_op_rm(struct x64_buf *b, u32 op, int reg, struct x64_mem m, int imm_len)
{
    prefixes_and_opcode(b, op, reg, mem_x(m), mem_b(m), needs_rex40(op, reg, -1));
    encode_mem(b, reg, m, imm_len);
}

void x64_op_o(struct x64_buf *b, u32 op, int reg)
{
    prefixes_and_opcode(b, op + (reg & 7), -1, -1, reg, needs_rex40(op, -1, reg));
}

void x64_op(struct x64_buf *b, u32 op)
{
    prefixes_and_opcode(b, op, -1, -1, -1, false);
}

/* VEX prefix. The 2-byte form (C5) only covers map 0F, W0 and no X/B
 * extension; GNU as picks it whenever it can, and so do we.
 *   C4: R X B m-mmmm | W vvvv L pp      C5: R vvvv L pp
 * (R, X, B and vvvv stored inverted.) */
static void vex(struct x64_buf *b, u32 op, int reg, int vvvv, int x, int bb)
{
    u8 r_ = reg >= 8 ? 0 : 0x80, x_ = x >= 8 ? 0 : 0x40, b_ = bb >= 8 ? 0 : 0x20;
    u8 tail = (~vvvv & 15) << 3 | (op & X64_VEX_L ? 4 : 0) | X64_PP(op);
    if (X64_MAP(op) == 1 && !(op & X64_W) && x_ && b_) {
        x64_emit8(b, 0xc5);
        x64_emit8(b, r_ | tail);
    } else {
        x64_emit8(b, 0xc4);
        x64_emit8(b, r_ | x_ | b_ | X64_MAP(op));
        x64_emit8(b, (op & X64_W ? 0x80 : 0) | tail);
    }
    x64_emit8(b, op & 0xff);
}

void x64_vex_rr(struct x64_buf *b, u32 op, int reg, int vvvv, int rm)
{
    vex(b, op, reg, vvvv, -1, rm);
    modrm(b, 3, reg, rm);
}

void x64_vex_rm(struct x64_buf *b, u32 op, int reg, int vvvv, struct x64_mem m, int imm_len)
{
    vex(b, op, reg, vvvv, mem_x(m), mem_b(m));
    encode_mem(b, reg, m, imm_len);
}
