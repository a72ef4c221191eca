/* The gdb remote stub (-g PORT, -g unix:PATH; QEMU_GDB=PORT): gdb or
 * gdb-multiarch debugs the guest with `target remote`, as with
 * qemu-riscv64 -g.
 *
 * While a debugger is attached, every guest thread runs through
 * gdbstub_run instead of interp_run: one instruction at a time in the
 * interpreter (one instruction per block, never the translator), so
 * breakpoints, single steps and watchpoints are checked by the VM at
 * each instruction boundary. Breakpoints are never written into guest
 * memory; watchpoints come from decoding each load/store before it
 * runs. All-stop: when one thread stops, the others wait at their next
 * instruction boundary until gdb resumes them. */
#ifndef RVX_TOOLS_GDBSTUB_H
#define RVX_TOOLS_GDBSTUB_H

#include "abi/rv_signal.h"
#include "cpu/cpu.h"

struct vm;

/* Listens at where ("PORT", "HOST:PORT" or "unix:PATH"; port 0 picks a
 * free one), prints "rvx: waiting for gdb on ..." to stderr and blocks
 * until a debugger connects. Call after the program is loaded, before
 * vm_run. Sets vm->gdb. Exits with RVX_EXIT_USAGE if it cannot listen. */
void gdbstub_start(struct vm *vm, const char *where);

/* The top loop's engine call while vm->gdb is set: reports stops to gdb
 * and serves it until it resumes, then runs one instruction. Returns
 * like interp_run, or EXIT_NONE after an ordinary instruction. */
enum exit_reason gdbstub_run(struct cpu *cpu);

/* The signal layer calls this (when vm->gdb is set) before it delivers
 * a queued signal to cpu: gdb sees a stop with the signal and decides.
 * Returns true to deliver *si: the same signal (gdb resumed with it) or
 * the one gdb resumed with instead ("signal N": *si is rewritten as a
 * SI_USER signal, as ptrace does); false to drop it (resumed without a
 * signal, "signal 0"). */
bool gdbstub_signal(struct cpu *cpu, struct rv_siginfo *si);

/* The guest process ended: "W status" or "X signal" to gdb. */
void gdbstub_exited(struct vm *vm, int status);
void gdbstub_killed(struct vm *vm, int sig);

#endif
