/* LR/SC and AMOs with GCC __atomic builtins (see amo.h). Called by the
 * interpreter after its alignment and bounds checks. */
#include "cpu/amo.h"

#include "cpu/alu.h"

static u32 amo_rmw32(enum rv_op op, u32 *p, u32 s)
{
    u32 old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;
    switch (op) {
    case OP_AMOSWAP_W: return __atomic_exchange_n(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOADD_W: return __atomic_fetch_add(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOXOR_W: return __atomic_fetch_xor(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOAND_W: return __atomic_fetch_and(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOOR_W: return __atomic_fetch_or(p, s, __ATOMIC_SEQ_CST);
    default: break;
    }
    /* min/max: a CAS loop; old is refreshed by each failed exchange. */
    do {
        switch (op) {
        case OP_AMOMIN_W: nv = (i32)old < (i32)s ? old : s; break;
        case OP_AMOMAX_W: nv = (i32)old > (i32)s ? old : s; break;
        case OP_AMOMINU_W: nv = old < s ? old : s; break;
        default: nv = old > s ? old : s; break; /* AMOMAXU_W */
        }
    } while (!__atomic_compare_exchange_n(p, &old, nv, true, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    return old;
}

static u64 amo_rmw64(enum rv_op op, u64 *p, u64 s)
{
    u64 old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;
    switch (op) {
    case OP_AMOSWAP_D: return __atomic_exchange_n(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOADD_D: return __atomic_fetch_add(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOXOR_D: return __atomic_fetch_xor(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOAND_D: return __atomic_fetch_and(p, s, __ATOMIC_SEQ_CST);
    case OP_AMOOR_D: return __atomic_fetch_or(p, s, __ATOMIC_SEQ_CST);
    default: break;
    }
    do {
        switch (op) {
        case OP_AMOMIN_D: nv = (i64)old < (i64)s ? old : s; break;
        case OP_AMOMAX_D: nv = (i64)old > (i64)s ? old : s; break;
        case OP_AMOMINU_D: nv = old < s ? old : s; break;
        default: nv = old > s ? old : s; break; /* AMOMAXU_D */
        }
    } while (!__atomic_compare_exchange_n(p, &old, nv, true, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    return old;
}

static bool amo_is_word(enum rv_op op) { return op >= OP_LR_W && op <= OP_AMOMAXU_W; }

u64 amo_rmw(enum rv_op op, void *p, u64 src)
{
    if (amo_is_word(op))
        return alu_sext32(amo_rmw32(op, p, (u32)src));
    return amo_rmw64(op, p, src);
}

u64 amo_lr(struct cpu *c, void *p, guest_addr a, bool word)
{
    u64 v = word ? alu_sext32(__atomic_load_n((u32 *)p, __ATOMIC_SEQ_CST))
                 : __atomic_load_n((u64 *)p, __ATOMIC_SEQ_CST);
    c->resv_addr = a;
    c->resv_val = v;
    c->resv_valid = true;
    return v;
}

u64 amo_sc(struct cpu *c, void *p, guest_addr a, u64 val, bool word)
{
    bool ok = c->resv_valid && c->resv_addr == a;
    c->resv_valid = false;
    if (!ok)
        return 1;
    if (word) {
        u32 expect = (u32)c->resv_val;
        ok = __atomic_compare_exchange_n((u32 *)p, &expect, (u32)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        u64 expect = c->resv_val;
        ok = __atomic_compare_exchange_n((u64 *)p, &expect, val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    return ok ? 0 : 1;
}
