/* The interpreter: runs pre-decoded guest basic blocks until something
 * needs the VM (syscall, fault, illegal instruction, ...). */
#ifndef RVX_CPU_INTERP_H
#define RVX_CPU_INTERP_H

#include "cpu/cpu.h"

/* Runs from cpu->pc until an exit; returns it (also in cpu->exit).
 * With the translator on (vm->jit), this is jit_run. */
enum exit_reason interp_run(struct cpu *cpu);

/* Interprets from cpu->pc; also returns EXIT_NONE, with cpu->pc at its
 * start, before entering a block (other than the first) whose execution
 * count has reached hot. For the translator (jit/jit.c). */
enum exit_reason interp_run_hot(struct cpu *cpu, u64 hot);

/* Drops every pre-decoded block (fence.i, code unmapped or reprotected).
 * Safe to call between interp_run calls. */
void interp_flush(struct vm *vm);

/* Drops pre-decoded blocks overlapping [start, end). */
void interp_invalidate(struct vm *vm, guest_addr start, guest_addr end);

#endif
