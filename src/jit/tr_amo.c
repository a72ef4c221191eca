/* Inline lowering of the common atomics: amoswap and amoadd (xchg and
 * lock xadd) and LR/SC (a plain load that records the reservation, and
 * lock cmpxchg against the reserved value), with the semantics of
 * cpu/amo.c and the checks of helper_amo in its order: misaligned ->
 * EXIT_BUS (cold stub), out of the space -> EXIT_SEGV (cold stub), a host
 * fault at the access -> jit_fault_hook through the fault table. glibc's
 * malloc and locks run these in hot paths. The other AMOs, and every one
 * under --lockstep (which logs stores from C), use helper_amo. */
#include "jit/tr_internal.h"

/* rax = rs1, checked for alignment and bounds; returns [R15 + rax]. */
static struct x64_mem amo_address(struct tr *t, const struct binsn *i, bool word)
{
    struct x64_buf *b = &t->b;
    tr_get(t, RAX, i->rs1);
    x64_test_ri(b, W32, RAX, word ? 3 : 7);
    size_t bus = x64_jcc32(b, CC_NE, NULL);
    u16 fmap = tr_fc_site(t);
    t->cold[t->ncold++] = (typeof(t->cold[0])){ .site = bus, .pc = i->pc, .idx = i->idx, .bus = true,
                                                .fmap = fmap };
    x64_alu_rm(b, ALU_CMP, W64, RAX, x64_mem_at(t->cc->space_at));
    size_t segv = x64_jcc32(b, CC_AE, NULL);
    t->cold[t->ncold++] = (typeof(t->cold[0])){ .site = segv, .pc = i->pc, .idx = i->idx,
                                                .fmap = fmap };
    return x64_mem_idx(TR_BASE, RAX, 1, 0);
}

static void rmw(struct tr *t, const struct binsn *i, bool word, bool add)
{
    struct x64_buf *b = &t->b;
    enum x64_width w = word ? W32 : W64;
    tr_get(t, RCX, i->rs2);
    struct x64_mem m = amo_address(t, i, word);
    tr_mark_fault(t);
    if (add)
        x64_lock_xadd_mr(b, w, m, RCX);
    else
        x64_xchg_mr(b, w, m, RCX);
    if (word)
        x64_movsx_rr(b, W64, W32, RCX, RCX);
    tr_put(t, i->rd, RCX);
}

static void lr(struct tr *t, const struct binsn *i, bool word)
{
    struct x64_buf *b = &t->b;
    struct x64_mem m = amo_address(t, i, word);
    tr_mark_fault(t);
    if (word)
        x64_movsx_rm(b, W64, W32, RCX, m);
    else
        x64_mov_rm(b, W64, RCX, m);
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(resv_addr)), RAX);
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(resv_val)), RCX);
    x64_mov_mi(b, W8, tr_cpu(CPU_OFF(resv_valid)), 1);
    tr_put(t, i->rd, RCX);
}

/* rd = 0 if the reservation holds for this address and memory still has
 * the reserved value (then written), else 1; the reservation ends. */
static void sc(struct tr *t, const struct binsn *i, bool word)
{
    struct x64_buf *b = &t->b;
    enum x64_width w = word ? W32 : W64;
    tr_get(t, RCX, i->rs2);
    amo_address(t, i, word);
    x64_cmp_mi(b, W8, tr_cpu(CPU_OFF(resv_valid)), 0);
    x64_mov_mi(b, W8, tr_cpu(CPU_OFF(resv_valid)), 0); /* mov keeps the flags */
    size_t no_resv = x64_jcc8(b, CC_E, NULL);
    x64_cmp_rm(b, W64, RAX, tr_cpu(CPU_OFF(resv_addr)));
    size_t other = x64_jcc8(b, CC_NE, NULL);
    x64_mov_rr(b, W64, RDX, RAX);
    x64_mov_rm(b, W64, RAX, tr_cpu(CPU_OFF(resv_val)));
    tr_mark_fault(t);
    x64_lock_cmpxchg_mr(b, w, x64_mem_idx(TR_BASE, RDX, 1, 0), RCX);
    x64_setcc(b, CC_NE, RAX);
    x64_movzx_rr(b, W8, RAX, RAX);
    size_t done = x64_jmp8(b, NULL);
    x64_bind8(b, no_resv);
    x64_bind8(b, other);
    x64_mov_ri(b, W32, RAX, 1);
    x64_bind8(b, done);
    tr_put(t, i->rd, RAX);
}

bool tr_amo(struct tr *t, const struct binsn *i)
{
    if (t->lockstep)
        return false;
    switch (i->op) {
    case OP_AMOSWAP_W: rmw(t, i, true, false); return true;
    case OP_AMOSWAP_D: rmw(t, i, false, false); return true;
    case OP_AMOADD_W: rmw(t, i, true, true); return true;
    case OP_AMOADD_D: rmw(t, i, false, true); return true;
    case OP_LR_W: lr(t, i, true); return true;
    case OP_LR_D: lr(t, i, false); return true;
    case OP_SC_W: sc(t, i, true); return true;
    case OP_SC_D: sc(t, i, false); return true;
    default: return false;
    }
}
