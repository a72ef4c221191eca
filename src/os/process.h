/* What clone/clone3 (os/sys_thread.c) hand to the process side
 * (os/sys_process.c) when the new task is a process, not a thread. */
#ifndef RVX_OS_PROCESS_H
#define RVX_OS_PROCESS_H

#include "cpu/cpu.h"

/* One clone request, from clone's registers or clone3's clone_args. */
struct clone_req {
    u64 flags;          /* CLONE_*, without the exit signal */
    int exit_signal;
    guest_addr sp;      /* child's stack pointer, 0 = the parent's */
    guest_addr ptid, ctid, tls;
};

/* fork-like clone (no CLONE_VM): a host fork. Returns the child's pid
 * in the parent and 0 in the child, or -RV_E*. */
i64 process_fork(struct cpu *cpu, const struct clone_req *r);

/* The cpu of a new thread or vfork child: a copy of cpu with a0 = 0 and
 * the sp, tp and clear_child_tid the request asks for (copy_thread).
 * NULL when out of memory. */
struct cpu *clone_child_cpu(struct cpu *cpu, const struct clone_req *r);

/* CLONE_VM|CLONE_VFORK (posix_spawn, vfork): the child shares memory
 * and this thread waits until it execs or exits. */
i64 process_vfork(struct cpu *cpu, const struct clone_req *r);

#endif
