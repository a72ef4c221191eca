/* x64 integer arithmetic: the eight classic ALU operations, test, shifts
 * and rotates, the group-3 one-operand forms (not/neg/mul/imul/div/idiv),
 * two- and three-operand imul, cqo/cdq.
 * Immediate forms pick the shortest encoding, as GNU as does: the
 * sign-extended imm8 form when the value fits, else the accumulator short
 * form for (E/R)AX, else the ModRM form with a full immediate. */
#include "base/check.h"
#include "jit/x64/x64_internal.h"

static bool fits_i8(i64 v) { return v >= -128 && v <= 127; }

/* Immediate sized for width w: imm8 for W8, imm16 for W16, else imm32
 * (sign-extended to 64 bits by the CPU for W64). */
void x64_imm_w(struct x64_buf *b, enum x64_width w, i32 imm)
{
    if (w == W8)
        x64_emit8(b, (u8)imm);
    else if (w == W16)
        x64_emit16(b, (u16)imm);
    else
        x64_emit32(b, (u32)imm);
}

int x64_imm_len(enum x64_width w) { return w == W8 ? 1 : w == W16 ? 2 : 4; }

/* Narrow imm to the operand width so "fits in imm8" is judged on the
 * value the instruction actually uses (e.g. 0xffff as W16 is -1). */
static i32 imm_for_width(enum x64_width w, i32 imm)
{
    return w == W8 ? (i8)imm : w == W16 ? (i16)imm : imm;
}

void x64_alu_rr(struct x64_buf *b, enum x64_alu op, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop(w, op * 8 + 1), src, dst);
}

void x64_alu_rm(struct x64_buf *b, enum x64_alu op, enum x64_width w, enum x64_reg dst, struct x64_mem m)
{
    x64_op_rm(b, x64_wop(w, op * 8 + 3), dst, m, 0);
}

void x64_alu_mr(struct x64_buf *b, enum x64_alu op, enum x64_width w, struct x64_mem m, enum x64_reg src)
{
    x64_op_rm(b, x64_wop(w, op * 8 + 1), src, m, 0);
}

void x64_alu_ri(struct x64_buf *b, enum x64_alu op, enum x64_width w, enum x64_reg dst, i32 imm)
{
    imm = imm_for_width(w, imm);
    if (w != W8 && fits_i8(imm)) {
        x64_op_rr(b, x64_wop_digit(w, 0x83), op, dst);
        x64_emit8(b, (u8)imm);
        return;
    }
    if (dst == RAX)   /* 04/05 + 8*op: op al/ax/eax/rax, imm */
        x64_op(b, x64_wop_digit(w, op * 8 + 5));
    else
        x64_op_rr(b, x64_wop_digit(w, 0x81), op, dst);
    x64_imm_w(b, w, imm);
}

void x64_alu_mi(struct x64_buf *b, enum x64_alu op, enum x64_width w, struct x64_mem m, i32 imm)
{
    imm = imm_for_width(w, imm);
    if (w != W8 && fits_i8(imm)) {
        x64_op_rm(b, x64_wop_digit(w, 0x83), op, m, 1);
        x64_emit8(b, (u8)imm);
        return;
    }
    x64_op_rm(b, x64_wop_digit(w, 0x81), op, m, x64_imm_len(w));
    x64_imm_w(b, w, imm);
}

void x64_test_rr(struct x64_buf *b, enum x64_width w, enum x64_reg a, enum x64_reg c)
{
    x64_op_rr(b, x64_wop(w, 0x85), c, a);
}

void x64_test_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg c)
{
    x64_op_rm(b, x64_wop(w, 0x85), c, m, 0);
}

/* test has no imm8 form; only the accumulator short form (A8/A9). */
void x64_test_ri(struct x64_buf *b, enum x64_width w, enum x64_reg a, i32 imm)
{
    if (a == RAX)
        x64_op(b, x64_wop_digit(w, 0xa9));
    else
        x64_op_rr(b, x64_wop_digit(w, 0xf7), 0, a);
    x64_imm_w(b, w, imm);
}

void x64_test_mi(struct x64_buf *b, enum x64_width w, struct x64_mem m, i32 imm)
{
    x64_op_rm(b, x64_wop_digit(w, 0xf7), 0, m, x64_imm_len(w));
    x64_imm_w(b, w, imm);
}

/* Shift by 1 has its own opcode (D0/D1), which GNU as prefers. */
void x64_shift_ri(struct x64_buf *b, enum x64_shift op, enum x64_width w, enum x64_reg r, u8 imm)
{
    if (imm == 1) {
        x64_op_rr(b, x64_wop_digit(w, 0xd1), op, r);
        return;
    }
    x64_op_rr(b, x64_wop_digit(w, 0xc1), op, r);
    x64_emit8(b, imm);
}

void x64_shift_rcl(struct x64_buf *b, enum x64_shift op, enum x64_width w, enum x64_reg r)
{
    x64_op_rr(b, x64_wop_digit(w, 0xd3), op, r);
}

void x64_unary_r(struct x64_buf *b, enum x64_unary op, enum x64_width w, enum x64_reg r)
{
    x64_op_rr(b, x64_wop_digit(w, 0xf7), op, r);
}

void x64_unary_m(struct x64_buf *b, enum x64_unary op, enum x64_width w, struct x64_mem m)
{
    x64_op_rm(b, x64_wop_digit(w, 0xf7), op, m, 0);
}

void x64_imul_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop16(w, X64_0F | 0xaf), dst, src);
}

void x64_imul_rm(struct x64_buf *b, enum x64_width w, enum x64_reg dst, struct x64_mem m)
{
    x64_op_rm(b, x64_wop16(w, X64_0F | 0xaf), dst, m, 0);
}

void x64_imul_rri(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, i32 imm)
{
    imm = imm_for_width(w, imm);
    if (fits_i8(imm)) {
        x64_op_rr(b, x64_wop16(w, 0x6b), dst, src);
        x64_emit8(b, (u8)imm);
        return;
    }
    x64_op_rr(b, x64_wop16(w, 0x69), dst, src);
    x64_imm_w(b, w, imm);
}

void x64_cqo(struct x64_buf *b) { x64_op(b, X64_W | 0x99); }
void x64_cdq(struct x64_buf *b) { x64_op(b, 0x99); }
