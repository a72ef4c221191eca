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
    const char *execfn;    /* --execfn: the name the guest's execve gave */
    const char *profile;   /* --profile[=FILE]: "-" is stderr (tools/profile.c) */
    /* The translator (src/jit): --jit-threshold, --code-cache-size, --lockstep. */
    bool jit_threshold_set; /* jit_threshold given; else the default */
    u64 jit_threshold;     /* block executions before it is translated */
    u64 code_cache_size;   /* bytes; 0 = the default */
    bool lockstep;         /* check each translated block against the interpreter */
    bool perfmap, jitdump; /* -perfmap, -jitdump: announce translations (tools/perf.h) */
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
    const char *exe_guest; /* its path as the guest sees it (the exe link) */
    guest_addr auxv_addr;  /* guest address of the auxv on the stack */
    u64 auxv_len;          /* bytes, AT_NULL pair included */
    guest_addr entry;      /* program entry (load bias applied) */
    guest_addr vdso_base;  /* guest vDSO image (AT_SYSINFO_EHDR), 0 if none */
    guest_addr vdso_sigreturn; /* __vdso_rt_sigreturn: li a7,139; ecall */
    /* The kernel's mm_struct fields /proc/self/{stat,cmdline,environ}
     * report (set by the loader; cmdline reads [arg_start, arg_end)). */
    struct {
        guest_addr start_code, end_code, start_data, end_data, start_stack;
        guest_addr arg_start, arg_end, env_start, env_end;
    } mm;

    void *blocks;          /* the interpreter's block cache (cpu/block.c) */
    /* Guest threads (vm/thread.c): every live cpu, chained through
     * cpu->thread_next under thread_lock (a pthread_mutex_t). */
    struct cpu *threads;
    void *thread_lock;
    int nthreads;
    int leader_status;     /* exit(93) status of the main thread, -1 if alive */
    bool forked_from_threads; /* a fork child of a process with other threads */
    void *jit;             /* the translator's code cache (jit/cache.c), NULL if off */
    void *gdb;             /* the gdb stub (tools/gdbstub.c) while attached, else NULL */

    /* Guest rt_sigaction table (os/signal.c delivers from it; the host
     * dispositions mirror it). Kernel layout for riscv64: handler,
     * flags, mask. */
    struct { u64 handler, flags, mask; } sigact[65];
    u64 sigmask;           /* unused: the blocked sets are cpu->sigmask */
    /* Process-directed signals caught on a host thread that runs no
     * guest cpu; any cpu takes them. Guarded by sig_lock (a spinlock
     * taken with host signals blocked). */
    struct sig_queue sigpend;
    volatile int sig_lock;

    int exit_status;       /* valid once cpu->exit == EXIT_HALT */
    u32 personality;       /* personality(2): the guest's persona (os/sys_admin.c) */
    u8 unknown_syscall_logged[512 / 8];
};

/* Runs the guest until it exits; returns the process exit status the
 * way a shell would report it (status, or 128 + signal). */
int vm_run(struct vm *vm);

/* Runs one guest thread's top loop until exit_group (EXIT_HALT) and
 * returns the process exit status. vm_run(vm) runs vm->cpu with it;
 * vm/thread.c runs every other guest thread with it. */
int vm_run_cpu(struct cpu *cpu);

/* Ends the process with status after flushing stdio. A fork child of a
 * multithreaded process skips the exit handlers: state another thread
 * held at the fork (the sanitizer allocator's locks, which its exit-time
 * leak check takes) would hang it. */
_Noreturn void vm_exit(struct vm *vm, int status);

#endif
