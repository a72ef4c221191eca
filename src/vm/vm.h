/* struct vm: everything process-wide. Per-thread state is struct cpu. */
#ifndef RVX_VM_VM_H
#define RVX_VM_VM_H

#include "base/types.h"
#include "cpu/cpu.h"
#include "mem/mem.h"

struct vm_options {
    bool interp_only;      /* --interp (the only engine for now) */
    bool stats;            /* --stats: print counters at exit */
    bool one_insn;         /* --one-insn-per-block */
    const char *sysroot;   /* -L DIR */
};

struct vm_stats {
    u64 blocks_decoded;    /* pre-decoded blocks built */
    u64 insns_decoded;
    u64 block_flushes;
    u64 syscalls;
};

struct vm {
    struct mem mem;
    struct cpu *cpu;       /* the main (first) guest thread */
    struct vm_options opt;
    struct vm_stats stats;

    /* What the loader set up, for /proc and auxv queries. */
    const char *exe_path;  /* host path of the guest program */
    guest_addr auxv_addr;  /* guest address of the auxv on the stack */
    u64 auxv_len;          /* bytes, AT_NULL pair included */
    guest_addr entry;      /* program entry (load bias applied) */

    void *blocks;          /* the interpreter's block cache (cpu/block.c) */

    /* Guest rt_sigaction table: recorded, delivered in a later stage.
     * Kernel layout for riscv64: handler, flags, mask. */
    struct { u64 handler, flags, mask; } sigact[65];
    u64 sigmask;           /* blocked set of the main thread */

    int exit_status;       /* valid once cpu->exit == EXIT_HALT */
    u8 unknown_syscall_logged[512 / 8];
};

/* Runs the guest until it exits; returns the process exit status the
 * way a shell would report it (status, or 128 + signal). */
int vm_run(struct vm *vm);

#endif
