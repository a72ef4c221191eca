/* The translator's public face: staged emulation behind interp_run.
 *
 * jit_run replaces the plain interpreter loop when the JIT is on: it runs
 * translated blocks from the code cache, lets the interpreter run (and
 * count) the rest, and translates a block once its count reaches the
 * threshold. Exits have the interpreter's meaning (cpu/cpu.h): the state
 * is precise at every exit and after every guest fault.
 *
 * Who calls what:
 *   main.c      jit_init (unless --interp)
 *   interp.c    jit_run from interp_run; jit_flush/jit_invalidate from
 *               interp_flush/interp_invalidate (the translation never
 *               outlives the guest code it came from)
 *   hostsig.c   jit_fault_hook from the SIGSEGV/SIGBUS handler, before
 *               it longjmps, to recover the guest registers that were
 *               live in host registers at the faulting host instruction
 *   vm/run.c    jit_print_stats for --stats
 *   os/sys_process.c  jit_fork_prepare/parent/child around fork */
#ifndef RVX_JIT_JIT_H
#define RVX_JIT_JIT_H

#include "cpu/cpu.h"

struct vm;

#define JIT_DEFAULT_THRESHOLD 4
#define JIT_DEFAULT_CACHE (64ull << 20)

/* Sets up the code cache from vm->opt. Returns false (and logs why) if
 * the host refuses the executable mapping; the VM then interprets. */
bool jit_init(struct vm *vm);

/* Runs the guest from cpu->pc until an exit, like interp_run. */
enum exit_reason jit_run(struct cpu *cpu);

/* Drops every translation / those made from guest bytes in [start, end). */
void jit_flush(struct vm *vm);
void jit_invalidate(struct vm *vm, guest_addr start, guest_addr end);

/* Called from the host fault handler with its ucontext_t. If the fault
 * is at a guest memory access in translated code, writes the guest
 * registers held in host registers back to cpu and makes pc and instret
 * those of the faulting guest instruction; returns true. */
bool jit_fault_hook(struct cpu *cpu, void *ucontext);

void jit_print_stats(struct vm *vm);

/* A region borrows host registers only for loops that ran at least this
 * many times per entry in the interpreter (tr_loop.c); the differential
 * fuzzer sets 0 so that its short loops borrow too. */
extern unsigned jit_region_min_iterations;

/* Around fork(): prepare (in the parent, before; the last lock taken)
 * holds the cache lock so no translation is half done in the child's
 * copy; parent releases it after; child gives the child an empty code
 * cache of its own (the region is MAP_SHARED memory, shared with the
 * parent), or turns the translator off in the child if that fails. */
void jit_fork_prepare(struct vm *vm);
void jit_fork_parent(struct vm *vm);
void jit_fork_child(struct vm *vm);

#endif
