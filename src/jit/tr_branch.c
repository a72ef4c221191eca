/* Lowering of the control transfers that end a block: conditional
 * branches (two chainable exits), jal (one chainable exit) and jalr (an
 * inline look-up in the thread's pc -> code table, else back to the
 * dispatcher). instret is advanced by the whole block before the exit.
 *
 * Return-address prediction. A guest call (jal/jalr linking x1 or x5)
 * pushes a frame (guest return pc P, host address H) with a host
 * `push P; call callee`, H being the continuation right after the call:
 * a chainable direct exit to P. A guest return (jalr x0, x1/x5) compares
 * its target with the top frame's P and, if equal, `ret`s to H (which
 * pops P), so the host's return-stack predictor predicts it; else it
 * takes the table path and leaves the frame (frames are popped only by
 * a matching return, so stale ones just make later returns mismatch
 * until the next leave).
 * Why any frame is right to return to, even when frames do not pair up
 * (longjmp, recursion past the limit, coroutines, a return to an address
 * written into ra): a frame is only ever made where H continues at the
 * translation of P, so jumping to H when the target equals P is what the
 * table path would do. The stack stays bounded: a call pushes only while
 * rsp >= cpu->jit_ras_limit (else it jumps like a plain jalr). All frames
 * die when translated code is left (leave restores rsp from
 * cpu->jit_rsp, saved by enter, whose sentinel frame has an odd P that
 * no target matches). A tb killed (evicted, invalidated) while its
 * continuation sits in a frame keeps its memory until this thread leaves
 * translated code (the cache's grace period), and a killed tb's exits
 * point at their stubs, so returning into it is safe. Frames are 16
 * bytes, so rsp stays 16-byte aligned for helper calls. Off when direct
 * chaining is off (--lockstep) and with RVX_X64_OFF=ras. */
#include <stdlib.h>

#include "jit/x64/cpuid.h"
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
        x64_test_rr(b, W64, a, a); /* the flags of cmp a, 0, a byte shorter */
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
    tr_exit_direct_if(t, 1, branch_cc(i->op), i->pc + (u64)(i64)i->imm);
    tr_exit_direct(t, 0, i->pc + binsn_len(i), 0);
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

static bool is_link(unsigned r) { return r == 1 || r == 5; }

/* Probed once (translation runs under the cache lock). */
static bool ras_enabled(const struct tr *t)
{
    static int known = -1;
    if (known < 0) {
        struct x64_features f = { .ras = true };
        const char *off = getenv("RVX_X64_OFF");
        if (off)
            f = x64_features_mask(f, off);
        known = f.ras;
    }
    return known && t->chain && t->fast_jalr;
}

/* cmp rsp, [cpu.jit_ras_limit]; jb: the site of the rel8 (no room). */
static size_t ras_full(struct tr *t)
{
    x64_cmp_rm(&t->b, W64, RSP, tr_cpu(CPU_OFF(jit_ras_limit)));
    return x64_jcc8(&t->b, CC_B, NULL);
}

/* Pushes the frame's guest pc (RCX is free when it needs a register). */
static void push_pc(struct tr *t, guest_addr pc)
{
    if (pc <= 0x7fffffff) {
        x64_push_i(&t->b, (i32)pc);
    } else {
        x64_mov_ri(&t->b, W64, RCX, pc);
        x64_push_r(&t->b, RCX);
    }
}

/* Where a matching return lands (H): drops the frame's pc word, which
 * the ret left on the stack, then exit 0 to ret. A plain ret and this
 * lea measured faster than `ret 8` (bench/fib: 0.72 s against 0.76 s
 * of CPU on an AMD EPYC host). */
static void continuation(struct tr *t, guest_addr ret)
{
    x64_lea(&t->b, W64, RSP, x64_mem(RSP, 8));
    tr_exit_direct(t, 0, ret, 0);
}

/* jal that links: push ret; call (chainable exit 1 to the callee); the
 * continuation: exit 0 to ret. Without room: rax = callee, table path. */
static void call_direct(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    guest_addr ret = i->pc + binsn_len(i), target = i->pc + (u64)(i64)i->imm;
    tr_add_instret(t, i->idx + 1u);
    size_t full = ras_full(t);
    push_pc(t, ret);
    struct jit_exit *e = &t->tb->exit[1];
    e->from = t->tb;
    e->target = target;
    /* A call enters past the interrupt check even backwards: a cycle of
     * guest execution that checks nowhere else pushes a frame per pass
     * (a return pops only its own, and lands after its call), so within
     * TR_RAS_BYTES / 16 passes calls take the table path, which checks. */
    e->forward = true;
    size_t off = x64_call32_patchable(b, NULL);
    e->site = b->start + off + b->rx_delta;
    continuation(t, ret);
    x64_bind8(b, full);
    x64_mov_ri(b, W64, RAX, target);
    tr_exit_dynamic(t, 0);
}

/* jalr that links, rax = target: on a table hit push ret and call the
 * entry (continuation: exit 0 to ret), or jump to it without room; a
 * miss leaves to the dispatcher with nothing pushed. */
static void call_indirect(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    guest_addr ret = i->pc + binsn_len(i);
    tr_add_instret(t, i->idx + 1u);
    tr_jalr_probe(t);
    size_t miss = x64_jcc32(b, CC_NE, NULL);
    x64_lea(b, W64, RDX, x64_mem_idx(RDX, RCX, 8, 8));
    size_t full = ras_full(t);
    push_pc(t, ret);
    x64_call_m(b, x64_mem(RDX, 0));
    continuation(t, ret);
    x64_bind8(b, full);
    x64_jmp_m(b, x64_mem(RDX, 0));
    x64_bind(b, miss);
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(pc)), RAX);
    x64_jmp(b, t->cc->leave0);
}

/* jalr x0, x1/x5 with rax = target: ret when the top frame names it. */
static void ret_predicted(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    tr_add_instret(t, i->idx + 1u);
    x64_cmp_rm(b, W64, RAX, x64_mem(RSP, 8));
    size_t other = x64_jcc8(b, CC_NE, NULL);
    x64_ret(b);
    x64_bind8(b, other);
    tr_exit_dynamic(t, 0);
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
        if (t->loop) { /* a region's jal links nothing (tr_loop.c) */
            tr_add_instret(t, i->idx + 1u);
            tr_region_edge(t, i->pc + (u64)(i64)i->imm);
        } else if (is_link(i->rd) && ras_enabled(t)) {
            call_direct(t, i);
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
        if (is_link(i->rd) && ras_enabled(t))
            call_indirect(t, i);
        else if (!i->rd && is_link(i->rs1) && ras_enabled(t))
            ret_predicted(t, i);
        else
            tr_exit_dynamic(t, i->idx + 1u);
        return true;
    }
    default:
        return false;
    }
}
