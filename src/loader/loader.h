/* Loader: validates a riscv64 ELF, maps it into guest memory and builds
 * the initial stack exactly as Linux does for riscv64. */
#ifndef RVX_LOADER_LOADER_H
#define RVX_LOADER_LOADER_H

#include "vm/vm.h"

/* Loads path into vm (whose mem is initialised) and sets the main cpu's
 * pc, sp and registers for the first instruction. argv/envp are what the
 * guest will see. On any failure prints "rvx: <path>: <why>" and exits
 * with RVX_EXIT_NOENT (missing file or interpreter), RVX_EXIT_NOEXEC
 * (not a riscv64 ELF we can run) or RVX_EXIT_INTERNAL. */
void loader_load(struct vm *vm, const char *path, char *const argv[],
                 char *const envp[]);

#endif
