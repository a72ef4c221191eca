/* Lowering of the control transfers that end a block: conditional
 * branches (two chainable exits), jal (one chainable exit) and jalr (an
 * inline look-up in the thread's pc -> code table, else back to the
 * dispatcher). instret is advanced by the whole block before the exit. */
#include "jit/tr_internal.h"

static enum x64_cc branch_cc(enum rv_op op)
{
    switch (op) {
    case OP_BEQ: return CC_E;
    case OP_BNE: return CC_NE;
    case OP_BLT: return CC_L;
    case OP_BGE: return CC_GE;
    case OP_BLTU: return CC_B;
    default: return CC_AE; /* OP_BGEU */
    }
}

static void branch(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    u32 n = i->idx + 1u;
    tr_add_instret(t, n);
    enum x64_reg a = tr_src(t, i->rs1, RAX);
    if (i->rs2 == 0) {
        x64_cmp_ri(b, W64, a, 0);
    } else if (t->map[i->rs2] < 0) { /* compare with cpu->x directly */
        x64_cmp_rm(b, W64, a, tr_xmem(i->rs2));
    } else {
        enum x64_reg c = tr_src(t, i->rs2, RCX);
        x64_cmp_rr(b, W64, a, c);
    }
    if (t->loop) {
        tr_region_branch(t, branch_cc(i->op), i->pc + (u64)(i64)i->imm, i->pc + binsn_len(i));
        return;
    }
    size_t taken = x64_jcc32(b, branch_cc(i->op), NULL);
    tr_exit_direct(t, 0, i->pc + binsn_len(i), 0);
    x64_bind(b, taken);
    tr_exit_direct(t, 1, i->pc + (u64)(i64)i->imm, 0);
}

static void link_reg(struct tr *t, const struct binsn *i)
{
    if (!i->rd)
        return;
    guest_addr ret = i->pc + binsn_len(i);
    if (t->map[i->rd] >= 0)
        x64_mov_ri(&t->b, W64, (enum x64_reg)t->map[i->rd], ret);
    else if (ret <= 0x7fffffff)
        x64_mov_mi(&t->b, W64, tr_xmem(i->rd), (i32)ret);
    else {
        x64_mov_ri(&t->b, W64, RCX, ret);
        x64_mov_mr(&t->b, W64, tr_xmem(i->rd), RCX);
    }
}

bool tr_branch(struct tr *t, const struct binsn *i)
{
    if (i->op == OP_BEQ || i->op == OP_BNE || i->op == OP_BLT || i->op == OP_BGE ||
        i->op == OP_BLTU || i->op == OP_BGEU || i->op == OP_JAL || i->op == OP_JALR)
        tr_fc_flush(t); /* every exit sees cpu->f whole */
    switch (i->op) {
    case OP_BEQ: case OP_BNE: case OP_BLT: case OP_BGE: case OP_BLTU: case OP_BGEU:
        branch(t, i);
        return true;
    case OP_JAL:
        link_reg(t, i);
        if (t->loop) {
            tr_add_instret(t, i->idx + 1u);
            tr_region_edge(t, i->pc + (u64)(i64)i->imm);
        } else {
            tr_exit_direct(t, 1, i->pc + (u64)(i64)i->imm, i->idx + 1u);
        }
        return true;
    case OP_JALR: { /* target before writing rd: rd may be rs1 */
        enum x64_reg s = tr_src(t, i->rs1, RAX);
        if (i->imm)
            x64_lea(&t->b, W64, RAX, x64_mem(s, i->imm));
        else if (s != RAX)
            x64_mov_rr(&t->b, W64, RAX, s);
        x64_and_ri(&t->b, W64, RAX, -2);
        link_reg(t, i);
        tr_exit_dynamic(t, i->idx + 1u);
        return true;
    }
    default:
        return false;
    }
}
