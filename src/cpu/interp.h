/* The interpreter: runs pre-decoded guest basic blocks until something
 * needs the VM (syscall, fault, illegal instruction, ...). */
#ifndef RVX_CPU_INTERP_H
#define RVX_CPU_INTERP_H

#include "cpu/cpu.h"

/* Runs from cpu->pc until an exit; returns it (also in cpu->exit). */
enum exit_reason interp_run(struct cpu *cpu);

/* Drops every pre-decoded block (fence.i, code unmapped or reprotected).
 * Safe to call between interp_run calls. */
void interp_flush(struct vm *vm);

/* Drops pre-decoded blocks overlapping [start, end). */
void interp_invalidate(struct vm *vm, guest_addr start, guest_addr end);

#endif
