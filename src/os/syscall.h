/* OS call emulation: the guest's ecall. */
#ifndef RVX_OS_SYSCALL_H
#define RVX_OS_SYSCALL_H

#include "cpu/cpu.h"

/* Performs the syscall in cpu->x[17] (a7) with arguments a0..a5 and
 * writes the result (or -RV_E*) to a0. exit/exit_group set
 * cpu->exit = EXIT_HALT and vm->exit_status. */
void sys_ecall(struct cpu *cpu);

/* Name of a riscv64 syscall number, or NULL. */
const char *sys_name(u64 nr);

#endif
