/* Instructions the translator runs by calling C: CSRs, F/D arithmetic
 * (fpu_exec, exact by construction), atomics and LR/SC. Each helper is
 * the interpreter's code for that instruction (cpu/interp.c), so both
 * engines share the semantics in csr.c, fpu.c and amo.c.
 *
 * Call protocol: the mapped guest registers are stored to cpu->x (only
 * the caller-saved host ones when the helper reads and writes f[] only),
 * then helper(cpu, &copy of the instruction); it returns 0 to go on, or
 * an exit reason after making the state precise (pc, instret, fault
 * info) itself. A host fault inside a helper (an AMO on a bad page) is
 * recognised by jt->helper_cur, set around the access. */
#include "base/check.h"
#include "cpu/alu.h"
#include "cpu/amo.h"
#include "cpu/csr.h"
#include "cpu/fpu.h"
#include "jit/tr_internal.h"
#include "mem/mem.h"
#include "vm/vm.h"

static u64 helper_exit(struct cpu *cpu, const struct binsn *i, enum exit_reason r)
{
    cpu->pc = i->pc;
    cpu->instret += i->idx;
    cpu->resv_valid = false;
    cpu->exit = r;
    return r;
}

static u64 helper_illegal(struct cpu *cpu, const struct binsn *i)
{
    cpu->fault_insn = i->raw;
    cpu->fault_code = RV_ILL_ILLOPC;
    return helper_exit(cpu, i, EXIT_ILLEGAL);
}

static u64 helper_csr(struct cpu *cpu, const struct binsn *i)
{
    u64 old;
    if (!csr_exec(cpu, i->op, (u32)i->imm & 0xfff, i->rs1, cpu->x[i->rs1],
                  cpu->instret + i->idx, &old))
        return helper_illegal(cpu, i);
    cpu->x[i->rd] = old;
    cpu->x[0] = 0;
    return 0;
}

static u64 helper_fp(struct cpu *cpu, const struct binsn *i)
{
    int rm = fpu_rm(cpu, i->rm);
    if (rm < 0)
        return helper_illegal(cpu, i);
    u64 a = i->xop == XOP_FPU_XF ? cpu->x[i->rs1] : cpu->f[i->rs1];
    u64 r = fpu_exec(cpu, i->op, a, cpu->f[i->rs2], cpu->f[i->rs3], rm);
    if (i->xop == XOP_FPU_FX) {
        cpu->x[i->rd] = r;
        cpu->x[0] = 0;
    } else {
        cpu->f[i->rd] = r;
    }
    return 0;
}

static u64 helper_amo(struct cpu *cpu, const struct binsn *i)
{
    struct jit_thread *jt = cpu->jit;
    guest_addr a = cpu->x[i->rs1];
    bool word = i->op <= OP_AMOMAXU_W;
    if (a & (word ? 3 : 7)) {
        cpu->fault_addr = i->pc;
        cpu->fault_code = RV_BUS_ADRALN;
        return helper_exit(cpu, i, EXIT_BUS);
    }
    if (a >= cpu->vm->mem.size) {
        cpu->fault_addr = a;
        cpu->fault_code = RV_SEGV_MAPERR;
        return helper_exit(cpu, i, EXIT_SEGV);
    }
    if (cpu->vm->opt.lockstep)
        jit_log_store(cpu, a, word ? 4 : 8);
    void *p = mem_host(&cpu->vm->mem, a);
    u64 v, src = cpu->x[i->rs2];
    jt->helper_cur = i;
    __asm__ volatile("" ::: "memory");
    if (i->op == OP_LR_W || i->op == OP_LR_D)
        v = amo_lr(cpu, p, a, word);
    else if (i->op == OP_SC_W || i->op == OP_SC_D)
        v = amo_sc(cpu, p, a, src, word);
    else
        v = amo_rmw(i->op, p, src);
    __asm__ volatile("" ::: "memory");
    jt->helper_cur = NULL;
    cpu->x[i->rd] = v;
    cpu->x[0] = 0;
    return 0;
}

static bool is_amo(enum rv_op op) { return op >= OP_LR_W && op <= OP_AMOMAXU_D; }
static bool is_csr(enum rv_op op) { return op >= OP_CSRRW && op <= OP_CSRRCI; }

static void call(struct tr *t, const struct binsn *i, u64 (*fn)(struct cpu *, const struct binsn *),
                 bool all)
{
    struct x64_buf *b = &t->b;
    CHECK(t->nhelpers < t->helpers_cap);
    struct binsn *copy = &t->helpers[t->nhelpers++];
    *copy = *i;
    t->checked = t->known = 0; /* the helper may write any x register */
    tr_fold_fflags(b);
    tr_spill(t, all);
    x64_mov_rr(b, W64, RDI, TR_CPU);
    x64_mov_ri(b, W64, RSI, (u64)(uintptr_t)copy);
    x64_mov_ri(b, W64, RAX, (u64)(uintptr_t)fn);
    x64_call_r(b, RAX);
    tr_reset_mxcsr(b, t->cc); /* C code may leave host flags behind */
    x64_test_rr(b, W64, RAX, RAX);
    tr_reload(t, all); /* moves keep the flags */
    tr_leave0_if_ne(t);
}

bool tr_helper(struct tr *t, const struct binsn *i)
{
    if (i->xop == XOP_FPU_FF)
        call(t, i, helper_fp, false);
    else if (i->xop == XOP_FPU_XF || i->xop == XOP_FPU_FX)
        call(t, i, helper_fp, true);
    else if (is_csr(i->op))
        call(t, i, helper_csr, true);
    else if (is_amo(i->op))
        call(t, i, helper_amo, true);
    else
        return false;
    return true;
}
