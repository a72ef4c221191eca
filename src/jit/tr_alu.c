/* Lowering of RV64I integer computation (lui, auipc, OP-IMM, OP, and the
 * 32-bit W forms). Semantics are those of cpu/alu.h: W ops compute on
 * the low 32 bits and sign-extend; shift amounts are masked to 6 (5 for
 * W) bits, which x86 shifts do by themselves. */
#include "jit/tr_internal.h"

/* d = s OP imm, 64-bit. */
static void alu_imm(struct tr *t, enum x64_alu op, const struct binsn *i)
{
    enum x64_reg d = tr_dst(t, i->rd), s = tr_src(t, i->rs1, RAX);
    if (d != s)
        x64_mov_rr(&t->b, W64, d, s);
    x64_alu_ri(&t->b, op, W64, d, i->imm);
    tr_put(t, i->rd, d);
}

/* d = a OP b, 64-bit; OP commutative unless noted. */
static void alu_reg(struct tr *t, enum x64_alu op, bool commutative, const struct binsn *i)
{
    enum x64_reg b = tr_src(t, i->rs2, RCX), a = tr_src(t, i->rs1, RAX);
    enum x64_reg d = tr_dst(t, i->rd);
    if (d == b && d != a) {
        if (!commutative)
            d = RAX;
        else {
            x64_alu_rr(&t->b, op, W64, d, a);
            tr_put(t, i->rd, d);
            return;
        }
    }
    if (d != a)
        x64_mov_rr(&t->b, W64, d, a);
    x64_alu_rr(&t->b, op, W64, d, b);
    tr_put(t, i->rd, d);
}

/* rd = (a cc b) ? 1 : 0 */
static void set_cmp(struct tr *t, enum x64_cc cc, const struct binsn *i, bool imm)
{
    enum x64_reg a = tr_src(t, i->rs1, RAX);
    enum x64_reg b = imm ? RCX : tr_src(t, i->rs2, RCX);
    x64_xor_rr(&t->b, W32, RDX, RDX);
    if (imm)
        x64_cmp_ri(&t->b, W64, a, i->imm);
    else
        x64_cmp_rr(&t->b, W64, a, b);
    x64_setcc(&t->b, cc, RDX);
    tr_put(t, i->rd, RDX);
}

static void shift_imm(struct tr *t, enum x64_shift op, enum x64_width w, const struct binsn *i)
{
    enum x64_reg s = tr_src(t, i->rs1, RAX);
    enum x64_reg d = tr_dst(t, i->rd);
    if (d != s || w == W32)
        x64_mov_rr(&t->b, w, d, s);
    x64_shift_ri(&t->b, op, w, d, (u8)(i->imm & (w == W64 ? 63 : 31)));
    if (w == W32)
        x64_movsx_rr(&t->b, W64, W32, d, d);
    tr_put(t, i->rd, d);
}

static void shift_reg(struct tr *t, enum x64_shift op, enum x64_width w, const struct binsn *i)
{
    enum x64_reg b = tr_src(t, i->rs2, RCX);
    if (b != RCX)
        x64_mov_rr(&t->b, W64, RCX, b);
    enum x64_reg a = tr_src(t, i->rs1, RAX);
    enum x64_reg d = tr_dst(t, i->rd);
    if (d != a || w == W32)
        x64_mov_rr(&t->b, w, d, a);
    x64_shift_rcl(&t->b, op, w, d);
    if (w == W32)
        x64_movsx_rr(&t->b, W64, W32, d, d);
    tr_put(t, i->rd, d);
}

/* rd = rs (mv, sext.w): one move, or one movsxd. */
static void move(struct tr *t, const struct binsn *i, unsigned rs, bool w)
{
    enum x64_reg d = tr_dst(t, i->rd), s = tr_src(t, rs, d);
    if (w)
        x64_movsx_rr(&t->b, W64, W32, d, s);
    else if (d != s)
        x64_mov_rr(&t->b, W64, d, s);
    tr_put(t, i->rd, d);
}

/* addw/subw/addiw: eax = a OP b; rd = sext(eax). */
static void alu_w(struct tr *t, enum x64_alu op, const struct binsn *i, bool imm)
{
    enum x64_reg b = imm ? RCX : tr_src(t, i->rs2, RCX);
    enum x64_reg a = tr_src(t, i->rs1, RAX);
    if (imm && op == ALU_ADD) { /* eax = a + imm in one lea */
        x64_lea(&t->b, W32, RAX, x64_mem(a, i->imm));
    } else if (a != RAX)
        x64_mov_rr(&t->b, W32, RAX, a);
    if (imm && op == ALU_ADD)
        ;
    else if (imm)
        x64_alu_ri(&t->b, op, W32, RAX, i->imm);
    else
        x64_alu_rr(&t->b, op, W32, RAX, b);
    enum x64_reg d = tr_dst(t, i->rd);
    x64_movsx_rr(&t->b, W64, W32, d, RAX);
    tr_put(t, i->rd, d);
}

static void load_const(struct tr *t, unsigned rd, u64 v)
{
    if (rd && t->map[rd] < 0 && (u64)(i64)(i32)v == v) { /* one store */
        x64_mov_mi(&t->b, W64, tr_xmem(rd), (i32)v);
        t->checked &= ~(1u << rd);
    } else {
        enum x64_reg d = tr_dst(t, rd);
        x64_mov_ri(&t->b, W64, d, v);
        tr_put(t, rd, d);
    }
    if (rd) {
        t->known |= 1u << rd;
        t->kval[rd] = v;
    }
}

/* addi: a constant when rs1 is one (li, lui/auipc + addi); addi rd, rd,
 * imm keeps a bounds-checked rd checked, moved by imm (tr_mem.c). */
static void addi(struct tr *t, const struct binsn *i)
{
    bool moved = i->rd && i->rd == i->rs1 && (t->checked >> i->rd & 1);
    i64 delta = moved ? (i64)t->delta[i->rd] + i->imm : 0;
    if (i->rs1 == 0 || (t->known >> i->rs1 & 1)) {
        load_const(t, i->rd, (i->rs1 ? t->kval[i->rs1] : 0) + (u64)(i64)i->imm);
    } else {
        enum x64_reg d = tr_dst(t, i->rd), s = tr_src(t, i->rs1, RAX);
        x64_lea(&t->b, W64, d, x64_mem(s, i->imm));
        tr_put(t, i->rd, d);
    }
    if (moved && delta > -(1 << 20) && delta < (1 << 20)) {
        t->checked |= 1u << i->rd;
        t->delta[i->rd] = (i32)delta;
    }
}

bool tr_alu(struct tr *t, const struct binsn *i)
{
    u64 imm = (u64)(i64)i->imm;
    bool add_like = i->op == OP_ADD || i->op == OP_OR || i->op == OP_XOR;
    if ((add_like || i->op == OP_SUB) && i->rs2 == 0) { /* x OP 0 = x */
        move(t, i, i->rs1, false);
        return true;
    }
    if (add_like && i->rs1 == 0) { /* mv: 0 OP x = x */
        move(t, i, i->rs2, false);
        return true;
    }
    if (i->op == OP_ADDIW && i->imm == 0) { /* sext.w */
        move(t, i, i->rs1, true);
        return true;
    }
    switch (i->op) {
    case OP_LUI: load_const(t, i->rd, imm); return true;
    case OP_AUIPC: load_const(t, i->rd, i->pc + imm); return true;
    case OP_ADDI: addi(t, i); return true;
    case OP_SLTI: set_cmp(t, CC_L, i, true); return true;
    case OP_SLTIU: set_cmp(t, CC_B, i, true); return true;
    case OP_XORI: alu_imm(t, ALU_XOR, i); return true;
    case OP_ORI: alu_imm(t, ALU_OR, i); return true;
    case OP_ANDI: alu_imm(t, ALU_AND, i); return true;
    case OP_SLLI: shift_imm(t, SH_SHL, W64, i); return true;
    case OP_SRLI: shift_imm(t, SH_SHR, W64, i); return true;
    case OP_SRAI: shift_imm(t, SH_SAR, W64, i); return true;
    case OP_ADD: alu_reg(t, ALU_ADD, true, i); return true;
    case OP_SUB: alu_reg(t, ALU_SUB, false, i); return true;
    case OP_XOR: alu_reg(t, ALU_XOR, true, i); return true;
    case OP_OR: alu_reg(t, ALU_OR, true, i); return true;
    case OP_AND: alu_reg(t, ALU_AND, true, i); return true;
    case OP_SLT: set_cmp(t, CC_L, i, false); return true;
    case OP_SLTU: set_cmp(t, CC_B, i, false); return true;
    case OP_SLL: shift_reg(t, SH_SHL, W64, i); return true;
    case OP_SRL: shift_reg(t, SH_SHR, W64, i); return true;
    case OP_SRA: shift_reg(t, SH_SAR, W64, i); return true;
    case OP_ADDIW: alu_w(t, ALU_ADD, i, true); return true;
    case OP_SLLIW: shift_imm(t, SH_SHL, W32, i); return true;
    case OP_SRLIW: shift_imm(t, SH_SHR, W32, i); return true;
    case OP_SRAIW: shift_imm(t, SH_SAR, W32, i); return true;
    case OP_ADDW: alu_w(t, ALU_ADD, i, false); return true;
    case OP_SUBW: alu_w(t, ALU_SUB, i, false); return true;
    case OP_SLLW: shift_reg(t, SH_SHL, W32, i); return true;
    case OP_SRLW: shift_reg(t, SH_SHR, W32, i); return true;
    case OP_SRAW: shift_reg(t, SH_SAR, W32, i); return true;
    default: return false;
    }
}

/* slli rd, rs, 32; srli/srai rd, rd, 32 (zext.w / sext.w without Zba):
 * one 32-bit move or movsxd. Neither can fault, so lowering them as one
 * leaves every fault and exit where it was. */
bool tr_alu_pair(struct tr *t, const struct binsn *a, const struct binsn *b)
{
    if (a->op != OP_SLLI || a->imm != 32 || !a->rd || (b->op != OP_SRLI && b->op != OP_SRAI) ||
        b->imm != 32 || b->rs1 != a->rd || b->rd != a->rd)
        return false;
    enum x64_reg d = tr_dst(t, a->rd), src = tr_src(t, a->rs1, d);
    if (b->op == OP_SRLI)
        x64_mov_rr(&t->b, W32, d, src);
    else
        x64_movsx_rr(&t->b, W64, W32, d, src);
    tr_put(t, a->rd, d);
    return true;
}
