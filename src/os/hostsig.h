/* Host signal handling: the few true globals. rvx owns every host
 * handler. A host SIGSEGV/SIGBUS caused by a guest memory access (the
 * current thread's cpu has in_guest set, the kernel raised it and the
 * address is inside the guest reservation or its guard) becomes
 * EXIT_SEGV/EXIT_BUS with the guest address, via
 * siglongjmp(cpu->fault_jmp, 1); one sent by kill/sigqueue is a guest
 * signal like any other; any other is an rvx bug and is reported as
 * such. Every other caught signal is queued for the guest (os/signal.h).
 * Masks and dispositions are set with raw syscalls: glibc refuses to
 * touch 32 and 33, which guest programs use. */
#ifndef RVX_OS_HOSTSIG_H
#define RVX_OS_HOSTSIG_H

#include "cpu/cpu.h"

extern __thread struct cpu *hostsig_cpu; /* cpu running on this thread */

/* Once per process, before anything else: rvx's fault handlers and the
 * main thread's host alternate stack. */
void hostsig_init(void);

/* Once per new host thread that runs a guest cpu: its own alternate
 * stack for rvx's handlers (a guest stack overflow must not take the
 * host handler down with it). */
void hostsig_thread_init(void);

/* Host dispositions, set to mirror the guest's (os/signal.c). CATCH
 * queues the signal for the guest. extra: SA_NOCLDSTOP/SA_NOCLDWAIT,
 * which change what the host kernel generates (same values on both). */
enum hostsig_action { HOSTSIG_DFL, HOSTSIG_IGN, HOSTSIG_CATCH };
void hostsig_set_action(int sig, enum hostsig_action how, u64 extra);
bool hostsig_inherited_ignore(int sig);

/* The host mask of this thread as a 64-bit set (bit n-1 = signal n). */
u64 hostsig_get_mask(void);
void hostsig_set_mask(u64 set);
/* Blocks every host signal; returns the previous mask. */
u64 hostsig_block_all(void);

#endif
