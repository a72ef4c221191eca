/* Lowering of the M extension. Division never traps on RISC-V while x86
 * div/idiv trap on a zero divisor and on INT_MIN / -1, so both cases are
 * tested first and given the cpu/alu.h results:
 *   x / 0 = -1, x % 0 = x; x / -1 = -x (wrapping), x % -1 = 0. */
#include "jit/tr_internal.h"

/* rax = a * b (low); rdx = high part for mulh/mulhu. */
static void mul(struct tr *t, const struct binsn *i, enum x64_width w)
{
    enum x64_reg b = tr_src(t, i->rs2, RCX);
    enum x64_reg d = tr_dst(t, i->rd);
    if (w == W64 && d != RAX) { /* straight into rd's host register */
        enum x64_reg a = tr_src(t, i->rs1, RAX);
        if (d == b) {
            x64_imul_rr(&t->b, W64, d, a);
        } else {
            if (d != a)
                x64_mov_rr(&t->b, W64, d, a);
            x64_imul_rr(&t->b, W64, d, b);
        }
        tr_put(t, i->rd, d);
        return;
    }
    tr_get(t, RAX, i->rs1);
    x64_imul_rr(&t->b, w, RAX, b);
    if (w == W32)
        x64_movsx_rr(&t->b, W64, W32, d, RAX);
    else if (d != RAX)
        x64_mov_rr(&t->b, W64, d, RAX);
    tr_put(t, i->rd, d);
}

static void mulh(struct tr *t, const struct binsn *i)
{
    enum x64_reg b = tr_src(t, i->rs2, RCX);
    tr_get(t, RAX, i->rs1);
    if (i->op == OP_MULH)
        x64_imul1_r(&t->b, W64, b);
    else
        x64_mul_r(&t->b, W64, b);
    if (i->op == OP_MULHSU) { /* unsigned high minus b when a < 0 */
        enum x64_reg a = tr_src(t, i->rs1, RAX);
        x64_test_rr(&t->b, W64, a, a);
        size_t skip = x64_jcc8(&t->b, CC_NS, NULL);
        x64_sub_rr(&t->b, W64, RDX, b);
        x64_bind8(&t->b, skip);
    }
    tr_put(t, i->rd, RDX);
}

static void divrem(struct tr *t, const struct binsn *i, bool is_signed, bool rem,
                   enum x64_width w)
{
    struct x64_buf *b = &t->b;
    tr_get(t, RCX, i->rs2);
    tr_get(t, RAX, i->rs1);
    x64_test_rr(b, w, RCX, RCX);
    size_t zero = x64_jcc8(b, CC_E, NULL), minus1 = 0;
    if (is_signed) {
        x64_cmp_ri(b, w, RCX, -1);
        minus1 = x64_jcc8(b, CC_E, NULL);
        w == W64 ? x64_cqo(b) : x64_cdq(b);
        x64_idiv_r(b, w, RCX);
    } else {
        x64_xor_rr(b, W32, RDX, RDX);
        x64_div_r(b, w, RCX);
    }
    if (rem)
        x64_mov_rr(b, W64, RAX, RDX);
    size_t done1 = x64_jmp8(b, NULL), done2 = 0;
    if (is_signed) {
        x64_bind8(b, minus1);
        if (rem)
            x64_xor_rr(b, W32, RAX, RAX);
        else
            x64_neg_r(b, w, RAX);
        done2 = x64_jmp8(b, NULL);
    }
    x64_bind8(b, zero);
    if (!rem)
        x64_mov_ri(b, W64, RAX, ~0ull);
    x64_bind8(b, done1);
    if (is_signed)
        x64_bind8(b, done2);
    enum x64_reg d = tr_dst(t, i->rd);
    if (w == W32)
        x64_movsx_rr(b, W64, W32, d, RAX);
    else if (d != RAX)
        x64_mov_rr(b, W64, d, RAX);
    tr_put(t, i->rd, d);
}

bool tr_muldiv(struct tr *t, const struct binsn *i)
{
    switch (i->op) {
    case OP_MUL: mul(t, i, W64); return true;
    case OP_MULW: mul(t, i, W32); return true;
    case OP_MULH: case OP_MULHU: case OP_MULHSU: mulh(t, i); return true;
    case OP_DIV: divrem(t, i, true, false, W64); return true;
    case OP_DIVU: divrem(t, i, false, false, W64); return true;
    case OP_REM: divrem(t, i, true, true, W64); return true;
    case OP_REMU: divrem(t, i, false, true, W64); return true;
    case OP_DIVW: divrem(t, i, true, false, W32); return true;
    case OP_DIVUW: divrem(t, i, false, false, W32); return true;
    case OP_REMW: divrem(t, i, true, true, W32); return true;
    case OP_REMUW: divrem(t, i, false, true, W32); return true;
    default: return false;
    }
}
