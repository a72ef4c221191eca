/* The staged-emulation dispatcher (jit.h): translated code when the
 * cache has it, the interpreter otherwise, translation when a block gets
 * hot; chaining of direct exits after the fact; precise faults from
 * translated code and from helpers; flush and invalidation hooks.
 *
 *   jit_run: loop
 *     code = the thread's jalr table, else cc_lookup(pc), without the
 *           lock; the lock only to chain the exit just taken to it
 *     none: a hot block (count >= threshold) is translated under the
 *           lock; else interp_run_hot(pc) runs blocks until one is hot
 *           or an exit.
 *     tb:   jit_exec: sigsetjmp, enter(cpu, tb->code). On return rax is
 *           the unchained exit taken (or 0); if its target is now
 *           translated, the exit is patched to jump there directly. */
#include "jit/jit.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>

#include "base/check.h"
#include "base/log.h"
#include "cpu/block.h"
#include "cpu/fpu.h"
#include "cpu/interp.h"
#include "jit/tr_internal.h"
#include "os/hostsig.h"
#include "tools/out_asm.h"
#include "tools/perf.h"
#include "vm/vm.h"

bool jit_init(struct vm *vm)
{
    struct code_cache *cc = calloc(1, sizeof *cc);
    CHECK(cc);
    size_t size = vm->opt.code_cache_size ? vm->opt.code_cache_size : JIT_DEFAULT_CACHE;
    if (!cc_init(cc, size)) {
        fprintf(stderr, "rvx: jit: cannot map the code cache; interpreting\n");
        free(cc);
        return false;
    }
    if (!vm->opt.jit_threshold_set)
        vm->opt.jit_threshold = JIT_DEFAULT_THRESHOLD;
    cc->space = vm->mem.size;
    tr_trampolines(cc);
    vm->jit = cc;
    return true;
}

struct jit_exit jit_exit_interp;

/* Touches the host stack below the caller over the room translated code
 * may push return-address frames into (TR_RAS_BYTES, tr_tramp.c) and
 * some for the helpers below them, so that the main thread's stack has
 * grown over it before the guest can lower RLIMIT_STACK (passed through
 * to the host); pushing a frame then never faults. */
static __attribute__((noinline)) void stack_grow(void)
{
    volatile u8 room[TR_RAS_BYTES + (16 << 10)];
    for (size_t k = 0; k < sizeof room; k += 4096)
        room[k] = 0;
    room[sizeof room - 1] = 0;
}

static struct jit_thread *thread_of(struct cpu *cpu)
{
    if (unlikely(!cpu->jit)) {
        stack_grow();
        cpu->jit = calloc(1, sizeof(struct jit_thread));
        CHECK(cpu->jit);
    }
    return cpu->jit;
}

static u64 now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec;
}

/* Chains the direct exits of tb, just made, whose targets are
 * translated already: they need not go through the dispatcher once
 * first. Caller holds the lock. */
static void chain_exits(struct code_cache *cc, struct jit_tb *tb)
{
    for (u32 k = 0; k < tb->nexit; k++) {
        struct jit_exit *e = &tb->exit[k];
        struct jit_tb *to = e->site ? cc_lookup(cc, e->target) : NULL;
        if (to)
            cc_chain(cc, e, to);
    }
}

/* Translates the (interpreter's) block at pc. Caller holds the lock. */
static struct jit_tb *translate(struct cpu *cpu, struct code_cache *cc, guest_addr pc)
{
    struct block *blk = block_lookup(cpu->vm, pc);
    if (!blk)
        return NULL;
    u64 t0 = now_ns();
    struct jit_tb *tb = tr_block(cc, cpu->vm, blk, cpu->vm->opt.lockstep);
    if (!tb) {
        cc_evict(cc); /* full: reuse the oldest segment (once all left) */
        tb = tr_block(cc, cpu->vm, blk, cpu->vm->opt.lockstep);
    }
    if (!tb)
        cc->stats.failed++;
    else if (!cpu->vm->opt.lockstep)
        chain_exits(cc, tb);
    cc->stats.translate_ns += now_ns() - t0;
    return tb;
}

/* After a guest fault longjmped out of translated code or a helper. */
static void fault_return(struct cpu *cpu, struct jit_thread *jt)
{
    cpu->in_guest = false;
    if (jt->recovered) {
        jt->recovered = false;
        return;
    }
    const struct binsn *i = jt->helper_cur;
    if (!i)
        fatal(RVX_EXIT_INTERNAL, "jit", "fault in translated code without recovery");
    jt->helper_cur = NULL;
    cpu->pc = i->pc;
    cpu->instret += i->idx;
    cpu->resv_valid = false;
}

/* Runs translated code at code (a tb's entry); returns the exit taken
 * (NULL if none to chain). The caller counted itself in (cc_enter, index
 * rd) before it found the code, so an eviction by another thread cannot
 * reuse it before it runs; this leaves. noinline: the sigsetjmp frame
 * must stay alive during enter. */
static __attribute__((noinline)) struct jit_exit *jit_exec(struct cpu *cpu, struct code_cache *cc,
                                                           struct jit_thread *jt, const u8 *code,
                                                           unsigned rd)
{
    if (sigsetjmp(cpu->fault_jmp, 0)) {
        fault_return(cpu, jt);
        cc_leave(cc, rd);
        return NULL;
    }
    cpu->in_guest = true;
    u64 r = cc->enter(cpu, code);
    cpu->in_guest = false;
    cc_leave(cc, rd);
    return (struct jit_exit *)(uintptr_t)r;
}

/* Empties the jalr table. Its whole pages are given back rather than
 * written (they read as zeros again when next touched): a program that
 * used a few entries since the last clear pays for those pages only. */
static void fast_clear(struct jit_thread *jt, u64 gen)
{
    uintptr_t lo = (uintptr_t)jt->fast, hi = lo + sizeof jt->fast;
    uintptr_t plo = (lo + 4095) & ~(uintptr_t)4095, phi = hi & ~(uintptr_t)4095;
    if (phi <= plo || madvise((void *)plo, phi - plo, MADV_DONTNEED) != 0) {
        memset(jt->fast, 0, sizeof jt->fast);
    } else {
        memset((void *)lo, 0, plo - lo);
        memset((void *)phi, 0, hi - phi);
    }
    jt->gen = gen;
}

static struct jit_fast *fast_slot(struct jit_thread *jt, guest_addr pc)
{
    return &jt->fast[(pc >> 1) & ((1u << JIT_FAST_BITS) - 1)];
}

/* Remembers tb (at cpu->pc) for the inline jalr look-up. */
static void remember(struct cpu *cpu, struct jit_thread *jt, struct jit_tb *tb)
{
    if (!cpu->vm->opt.lockstep)
        *fast_slot(jt, cpu->pc) = (struct jit_fast){ cpu->pc, tb->code };
}

/* The look-up without the lock: counted in (cc_enter) before anything
 * is read, and left counted (index *rd) when code is found, for
 * jit_exec. *gen is the generation it was found in. The thread's jalr
 * table is tried first unless the tb itself is wanted (*tb is then
 * NULL): it names live code as long as its generation is current, which
 * is what the inline jalr look-up relies on too. A hit in the hash
 * table is remembered in the jalr table unless the caller is about to
 * chain an exit to it. */
static const u8 *lookup(struct cpu *cpu, struct code_cache *cc, struct jit_thread *jt,
                        bool want_tb, struct jit_tb **tb, u64 *gen, unsigned *rd)
{
    *rd = cc_enter(cc);
    *gen = __atomic_load_n(&cc->gen, __ATOMIC_ACQUIRE);
    if (jt->gen != *gen)
        fast_clear(jt, *gen);
    *tb = NULL;
    if (!want_tb) {
        const struct jit_fast *f = fast_slot(jt, cpu->pc);
        if (f->pc == cpu->pc && f->code)
            return f->code;
    }
    *tb = cc_lookup(cc, cpu->pc);
    if (!*tb) {
        cc_leave(cc, *rd);
        return NULL;
    }
    if (!want_tb)
        remember(cpu, jt, *tb);
    return (*tb)->code;
}

/* Chains exit e, taken from a tb found in generation e_gen, to tb next
 * (live when found; cc_chain checks both ends again under the lock). */
static void chain(struct cpu *cpu, struct code_cache *cc, struct jit_exit *e, u64 e_gen,
                  struct jit_tb *next)
{
    if (cpu->vm->opt.lockstep)
        return;
    pthread_mutex_lock(&cc->lock);
    if (e_gen == cc->gen)
        cc_chain(cc, e, next);
    pthread_mutex_unlock(&cc->lock);
}

/* Translates the hot block at cpu->pc unless the cache has it by now
 * (another thread's, or one a growing table hid from the look-up), and
 * chains the exit last (taken in generation last_gen) to it. Returns
 * the tb counted in (index *rd), or NULL. */
static struct jit_tb *translate_hot(struct cpu *cpu, struct code_cache *cc,
                                    struct jit_thread *jt, struct jit_exit *last, u64 last_gen,
                                    u64 *gen, unsigned *rd)
{
    pthread_mutex_lock(&cc->lock);
    cc_maybe_reset(cc); /* evicted memory and replaced tables */
    struct jit_tb *tb = cc_lookup(cc, cpu->pc);
    bool fresh = !tb;
    if (fresh)
        tb = translate(cpu, cc, cpu->pc);
    /* Read under the lock: a flush after this makes the exit we take
     * from tb unchainable (gen differs) before it is freed. */
    *gen = cc->gen;
    if (jt->gen != *gen) /* an eviction may have reused what it names */
        fast_clear(jt, *gen);
    if (tb) {
        if (!last)
            remember(cpu, jt, tb);
        else if (last_gen == *gen && !cpu->vm->opt.lockstep)
            cc_chain(cc, last, tb);
        *rd = cc_enter(cc);
    }
    pthread_mutex_unlock(&cc->lock);
    if (fresh && tb && unlikely(cpu->vm->opt.perfmap || cpu->vm->opt.jitdump))
        perf_code(cpu, tb->pc, tb->code, tb->size); /* tools/perf.h */
    if (fresh && tb && log_on(LOG_OUT_ASM) && log_pc_ok(tb->pc))
        out_asm_block(tb->pc, tb->end, tb->code, tb->size); /* -d out_asm */
    return tb;
}

enum exit_reason lockstep_check(struct cpu *cpu, struct code_cache *cc, struct jit_tb *tb);

enum exit_reason jit_run(struct cpu *cpu)
{
    struct vm *vm = cpu->vm;
    struct code_cache *cc = vm->jit;
    struct jit_thread *jt = thread_of(cpu);
    struct jit_exit *last = NULL;
    u64 last_gen = 0;
    int from = CC_FROM_INTERP; /* what sent this thread to the dispatcher */
    hostsig_cpu = cpu;
    for (;;) {
        cpu->exit = EXIT_NONE;
        if (cpu->interrupt) {
            cpu->resv_valid = false;
            return cpu->exit = EXIT_INTERRUPT;
        }
        /* No lock unless an exit is chained or a block translated. */
        u64 gen;
        unsigned rd = 0;
        struct jit_tb *tb;
        const u8 *code = lookup(cpu, cc, jt, last || vm->opt.lockstep, &tb, &gen, &rd);
        if (last)
            from = CC_FROM_EXIT;
        __atomic_add_fetch(&cc->stats.lookups[from], 1, __ATOMIC_RELAXED);
        if (code) {
            __atomic_add_fetch(&cc->stats.hits[from], 1, __ATOMIC_RELAXED);
            if (last)
                chain(cpu, cc, last, last_gen, tb);
        } else {
            /* Interpret until a hot block, unless this one is hot itself
             * (a block entered from the dispatcher is the interpreter's
             * first, which it runs without the hot check). */
            block_enter(cpu); /* a quiescent point: blk is safe until the next */
            struct block *blk = block_lookup(vm, cpu->pc);
            if (blk && blk->count >= vm->opt.jit_threshold)
                tb = translate_hot(cpu, cc, jt, last, last_gen, &gen, &rd);
            if (!tb) {
                last = NULL;
                enum exit_reason r = interp_run_hot(cpu, vm->opt.jit_threshold);
                if (r != EXIT_NONE)
                    return r;
                from = CC_FROM_INTERP;
                continue;
            }
            code = tb->code;
        }
        if (unlikely(vm->opt.lockstep)) {
            last = NULL;
            enum exit_reason r = lockstep_check(cpu, cc, tb);
            cc_leave(cc, rd);
            if (r != EXIT_NONE)
                return r;
            continue;
        }
        last_gen = gen;
        last = jit_exec(cpu, cc, jt, code, rd);
        if (cpu->exit != EXIT_NONE)
            return cpu->exit;
        from = CC_FROM_JALR;
        if (last == &jit_exit_interp) { /* frm != RNE: nothing done */
            last = NULL;
            enum exit_reason r = interp_run_hot(cpu, vm->opt.jit_threshold);
            if (r != EXIT_NONE)
                return r;
            from = CC_FROM_INTERP;
        }
    }
}

/* Used by lockstep.c: one translated block, nothing chained. */
struct jit_exit *jit_exec_one(struct cpu *cpu, struct jit_tb *tb)
{
    struct code_cache *cc = cpu->vm->jit;
    return jit_exec(cpu, cc, thread_of(cpu), tb->code, cc_enter(cc));
}

/* The parent's code cache, kept referenced in a fork child that could
 * not get its own (for the leak checker). */
static void *volatile fork_parent_cc;

void jit_fork_prepare(struct vm *vm)
{
    struct code_cache *cc = vm->jit;
    if (cc)
        pthread_mutex_lock(&cc->lock); /* no fork mid-translation */
}

void jit_fork_parent(struct vm *vm)
{
    struct code_cache *cc = vm->jit;
    if (cc)
        pthread_mutex_unlock(&cc->lock);
}

void jit_fork_child(struct vm *vm)
{
    struct code_cache *cc = vm->jit;
    if (!cc)
        return;
    pthread_mutex_unlock(&cc->lock);
    /* The forking thread left translated code for the syscall, and the
     * other threads are gone: nothing in the child runs cache code now,
     * so it can move onto an empty region of its own. */
    if (!cc_fork_child(cc)) {
        fork_parent_cc = cc;
        vm->jit = NULL; /* no region of its own: the child interprets */
        return;
    }
    tr_trampolines(cc); /* the new region starts empty */
}

void jit_flush(struct vm *vm)
{
    struct code_cache *cc = vm->jit;
    if (!cc)
        return;
    pthread_mutex_lock(&cc->lock);
    cc_flush(cc);
    pthread_mutex_unlock(&cc->lock);
}

void jit_invalidate(struct vm *vm, guest_addr start, guest_addr end)
{
    struct code_cache *cc = vm->jit;
    if (!cc)
        return;
    pthread_mutex_lock(&cc->lock);
    cc_invalidate_range(cc, start, end);
    pthread_mutex_unlock(&cc->lock);
}

/* ucontext register index of each host register. */
static const int greg_of[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

/* The f registers a fault site had only in XMM registers (tr_fcache.c). */
static void restore_f(struct cpu *cpu, const ucontext_t *uc, const struct jit_fmap *m)
{
    CHECK(uc->uc_mcontext.fpregs);
    for (int x = 0; x < 16; x++)
        if (m->reg[x])
            memcpy(&cpu->f[m->reg[x] - 1], &uc->uc_mcontext.fpregs->_xmm[x], 8);
}

bool jit_fault_hook(struct cpu *cpu, void *ucontext)
{
    struct code_cache *cc = cpu->vm->jit;
    struct jit_thread *jt = cpu->jit;
    if (!cc || !jt)
        return false;
    ucontext_t *uc = ucontext;
    const u8 *rip = (const u8 *)uc->uc_mcontext.gregs[REG_RIP];
    if (rip < cc->x || rip >= cc->x + cc->size)
        return false;
    struct jit_tb *tb = cc_find_host(cc, rip);
    if (!tb)
        return false;
    u32 off = (u32)(rip - tb->code);
    for (u32 k = 0; k < tb->nfaults; k++) {
        if (tb->faults[k].host_off != off)
            continue;
        for (int r = 0; r < TR_NMAPPED; r++)
            if (tb->slot_guest[r])
                cpu->x[tb->slot_guest[r]] = (u64)uc->uc_mcontext.gregs[greg_of[tr_mapped_host[r]]];
        cpu->instret = (u64)uc->uc_mcontext.gregs[greg_of[TR_INSTRET]];
        if (uc->uc_mcontext.fpregs) /* the flags of inline FP ops before the fault */
            cpu->fcsr |= fpu_mxcsr_fflags[uc->uc_mcontext.fpregs->mxcsr & 0x3f];
        if (tb->faults[k].fmap)
            restore_f(cpu, uc, &tb->fmaps[tb->faults[k].fmap - 1]);
        cpu->pc = tb->faults[k].pc;
        cpu->instret += tb->faults[k].idx;
        cpu->resv_valid = false;
        jt->recovered = true;
        return true;
    }
    return false;
}

void jit_print_stats(struct vm *vm)
{
    struct code_cache *cc = vm->jit;
    if (!cc)
        return;
    pthread_mutex_lock(&cc->lock);
    u64 lookups = 0, hits = 0;
    for (int k = 0; k < CC_FROM_N; k++) {
        lookups += cc->stats.lookups[k];
        hits += cc->stats.hits[k];
    }
    fprintf(stderr,
            "rvx: jit: translations %llu, code bytes %llu, cache lookups %llu (hit rate "
            "%.1f%%), chained jumps %llu, flushes %llu, evicted segments %llu, invalidated %llu, "
            "failed %llu, loops %llu (f registers pinned in %llu), "
            "translating %.3f ms\n",
            (unsigned long long)cc->stats.translations,
            (unsigned long long)cc->stats.code_bytes, (unsigned long long)lookups,
            lookups ? 100.0 * (double)hits / (double)lookups : 0.0,
            (unsigned long long)cc->stats.chained, (unsigned long long)cc->stats.flushes,
            (unsigned long long)cc->stats.evictions,
            (unsigned long long)cc->stats.invalidations, (unsigned long long)cc->stats.failed,
            (unsigned long long)cc->stats.loops, (unsigned long long)cc->stats.pinned,
            (double)cc->stats.translate_ns / 1e6);
    static const char *const from[CC_FROM_N] = { "a jalr the inline table missed",
                                                 "an exit not yet chained",
                                                 "the interpreter" };
    fprintf(stderr, "rvx: jit: look-ups after");
    for (int k = 0; k < CC_FROM_N; k++)
        fprintf(stderr, "%s %s %llu (%llu found)", k ? "," : "", from[k],
                (unsigned long long)cc->stats.lookups[k], (unsigned long long)cc->stats.hits[k]);
    fprintf(stderr, "\n");
    pthread_mutex_unlock(&cc->lock);
}
