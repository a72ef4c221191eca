/* Guest threads: each guest thread is a host pthread with its own
 * struct cpu, running the same top loop (vm_run_cpu). The vm keeps the
 * list of live cpus (vm->threads) under vm->thread_lock; code that looks
 * at another thread's cpu holds that lock, because a thread frees its
 * cpu when it exits. Called by os/sys_thread.c (clone, exit),
 * os/sys_process.c (fork, vfork) and cpu/block.c (quiescence). */
#ifndef RVX_VM_THREAD_H
#define RVX_VM_THREAD_H

#include "vm/vm.h"

/* Sets up the registry with the main cpu; idempotent and cheap. */
void thread_init(struct vm *vm);

void thread_lock(struct vm *vm);
void thread_unlock(struct vm *vm);

/* A new cpu for a thread or vfork child: a copy of parent's registers,
 * signal mask and options, with the per-thread bookkeeping cleared. */
struct cpu *thread_cpu_copy(const struct cpu *parent);

/* Starts child (from thread_cpu_copy, registers set) on a new host
 * thread. Before the child runs guest code it stores its tid at the
 * guest addresses ptid and ctid when they are non-zero (the kernel's
 * CLONE_PARENT_SETTID and CLONE_CHILD_SETTID). Returns the tid or
 * -RV_EAGAIN. */
i64 thread_start(struct cpu *child, guest_addr ptid, guest_addr ctid);

/* Runs child as a CLONE_VM|CLONE_VFORK child process of this one: the
 * calling thread waits until the child execs or exits. Returns the
 * child's pid, or -1 with the host errno set. */
i64 thread_vfork(struct cpu *child, int exit_signal, guest_addr ctid);

/* exit(93): releases robust futexes and clear_child_tid, then ends the
 * calling host thread; the last thread out ends the process with the
 * main thread's status (Linux reports the leader's exit code). */
_Noreturn void thread_exit(struct cpu *cpu, int status);

/* After a host fork, in the child: the calling cpu is the only thread. */
void thread_after_fork(struct vm *vm, struct cpu *self);

#endif
