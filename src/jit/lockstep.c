/* --lockstep: every translated block is checked against the interpreter.
 *
 * Blocks are translated without chaining or the jalr table, so each
 * enter() runs exactly one block, and every guest store (and AMO) first
 * logs the bytes it overwrites (jit_log_store, called from translated
 * code in this mode). Then:
 *   1. snapshot the registers, run the translated block, save its result;
 *   2. undo its stores from the log (newest first), restore the snapshot;
 *   3. interpret the same block (interp_run_hot with hot = 0 stops at the
 *      next block), and compare x, f, fcsr, pc, instret, exit, fault
 *      address and every logged memory word with the translated run.
 * The first difference stops rvx with the guest pc, the block and the
 * register or word. The interpreter's result is the one kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cpu/interp.h"
#include "jit/tr_internal.h"
#include "mem/mem.h"
#include "vm/vm.h"

#define LOG_MAX (2 * BLOCK_MAX)

struct store_log {
    unsigned n;
    struct { guest_addr a; u64 old; unsigned len; } e[LOG_MAX];
};
static __thread struct store_log slog;

struct regs {
    u64 x[32], f[32], pc, instret, fault_addr, resv_addr, resv_val;
    u32 fcsr;
    bool resv_valid;
    enum exit_reason exit;
};

void jit_log_store(struct cpu *cpu, guest_addr a, unsigned len)
{
    const struct mem *m = &cpu->vm->mem;
    /* A store that will fault writes nothing: nothing to undo. */
    const int need = PAGE_MAPPED | PAGE_R | PAGE_W;
    if (a >= m->size || a + len > m->size || slog.n == LOG_MAX)
        return;
    for (guest_addr p = a; p < a + len; p = (p | (GUEST_PAGE_SIZE - 1)) + 1)
        if ((mem_page_flags(m, p) & need) != need)
            return;
    slog.e[slog.n].a = a;
    slog.e[slog.n].len = len;
    slog.e[slog.n].old = 0;
    memcpy(&slog.e[slog.n].old, mem_host(m, a), len);
    slog.n++;
}

static void save(const struct cpu *c, struct regs *r)
{
    memcpy(r->x, c->x, sizeof r->x);
    memcpy(r->f, c->f, sizeof r->f);
    r->pc = c->pc;
    r->instret = c->instret;
    r->fcsr = c->fcsr;
    r->exit = c->exit;
    r->fault_addr = c->exit == EXIT_SEGV || c->exit == EXIT_BUS ? c->fault_addr : 0;
    r->resv_addr = c->resv_addr;
    r->resv_val = c->resv_val;
    r->resv_valid = c->resv_valid;
}

static void restore(struct cpu *c, const struct regs *r)
{
    memcpy(c->x, r->x, sizeof r->x);
    memcpy(c->f, r->f, sizeof r->f);
    c->pc = r->pc;
    c->instret = r->instret;
    c->fcsr = r->fcsr;
    c->resv_addr = r->resv_addr;
    c->resv_val = r->resv_val;
    c->resv_valid = r->resv_valid;
}

static _Noreturn void mismatch(const struct jit_tb *tb, const char *what, unsigned k, u64 jit,
                               u64 ref)
{
    fprintf(stderr,
            "rvx: lockstep: block 0x%llx..0x%llx: %s%u: translated 0x%llx, interpreter 0x%llx\n",
            (unsigned long long)tb->pc, (unsigned long long)tb->end, what, k,
            (unsigned long long)jit, (unsigned long long)ref);
    exit(125);
}

/* The time CSR differs between two runs by nature. */
static bool reads_time(const struct block *b)
{
    for (u32 k = 0; k < b->n; k++)
        if (b->ins[k].op >= OP_CSRRW && b->ins[k].op <= OP_CSRRCI &&
            ((u32)b->ins[k].imm & 0xfff) == 0xc01)
            return true;
    return false;
}

static void compare(const struct jit_tb *tb, const struct regs *j, const struct regs *i,
                    const u64 *jmem, const struct mem *m)
{
    for (unsigned k = 0; k < 32; k++) {
        if (j->x[k] != i->x[k])
            mismatch(tb, "x", k, j->x[k], i->x[k]);
        if (j->f[k] != i->f[k])
            mismatch(tb, "f", k, j->f[k], i->f[k]);
    }
    if (j->pc != i->pc)
        mismatch(tb, "pc", 0, j->pc, i->pc);
    if (j->instret != i->instret)
        mismatch(tb, "instret", 0, j->instret, i->instret);
    if (j->fcsr != i->fcsr)
        mismatch(tb, "fcsr", 0, j->fcsr, i->fcsr);
    if (j->exit != i->exit)
        mismatch(tb, "exit reason", 0, (u64)j->exit, (u64)i->exit);
    if (j->fault_addr != i->fault_addr)
        mismatch(tb, "fault address", 0, j->fault_addr, i->fault_addr);
    for (unsigned k = 0; k < slog.n; k++) {
        u64 v = 0;
        memcpy(&v, mem_host(m, slog.e[k].a), slog.e[k].len);
        if (v != jmem[k]) {
            fprintf(stderr, "rvx: lockstep: memory at 0x%llx:\n",
                    (unsigned long long)slog.e[k].a);
            mismatch(tb, "stored word ", k, jmem[k], v);
        }
    }
}

struct jit_exit *jit_exec_one(struct cpu *cpu, struct jit_tb *tb);

enum exit_reason lockstep_check(struct cpu *cpu, struct code_cache *cc, struct jit_tb *tb)
{
    UNUSED(cc);
    struct regs s0, j, i;
    static __thread u64 jmem[LOG_MAX];
    const struct mem *m = &cpu->vm->mem;
    save(cpu, &s0);
    slog.n = 0;
    bool bounced = jit_exec_one(cpu, tb) == &jit_exit_interp; /* did nothing */
    save(cpu, &j);
    for (unsigned k = 0; k < slog.n; k++) {
        jmem[k] = 0;
        memcpy(&jmem[k], mem_host(m, slog.e[k].a), slog.e[k].len);
    }
    for (unsigned k = slog.n; k-- > 0;)
        memcpy(mem_host((struct mem *)m, slog.e[k].a), &slog.e[k].old, slog.e[k].len);
    restore(cpu, &s0);
    cpu->exit = EXIT_NONE;
    interp_run_hot(cpu, 0);
    save(cpu, &i);
    struct block *b = block_lookup(cpu->vm, tb->pc);
    if (!bounced && j.exit != EXIT_INTERRUPT && i.exit != EXIT_INTERRUPT && !(b && reads_time(b)))
        compare(tb, &j, &i, jmem, m);
    return cpu->exit;
}
