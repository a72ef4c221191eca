/* A extension on host atomics, so several guest threads (host threads
 * sharing guest memory) see the RISC-V atomicity guarantees.
 *
 * Callers (interpreter, later translator) check alignment first: x86
 * LOCK succeeds on a misaligned address (split lock) where RISC-V Linux
 * gives SIGBUS/BUS_ADRALN. A fault on the host access itself (unmapped or
 * read-only guest page) arrives as a host SIGSEGV before anything is
 * written. All operations are seq_cst: on x86 every LOCK op is a full
 * barrier anyway, which satisfies any aq/rl combination. */
#ifndef RVX_CPU_AMO_H
#define RVX_CPU_AMO_H

#include "cpu/cpu.h"
#include "cpu/insn.h"

/* Performs the read-modify-write AMO op (AMO*_W / AMO*_D) on host memory
 * p with operand src. Returns the old memory value, .w sign-extended. */
u64 amo_rmw(enum rv_op op, void *p, u64 src);

/* LR: loads (sign-extended for .w) and records the reservation. */
u64 amo_lr(struct cpu *c, void *p, guest_addr a, bool word);

/* SC: returns rd (0 stored, 1 failed). Succeeds only with a valid
 * reservation for a, by compare-and-swap against the value LR loaded.
 * Any SC clears the reservation. */
u64 amo_sc(struct cpu *c, void *p, guest_addr a, u64 val, bool word);

#endif
