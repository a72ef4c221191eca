/* Host system calls that may block on the guest's behalf, made so that
 * a guest signal can never be missed (the race described in
 * docs/internals.md, "Signals"). safe_syscall checks the calling cpu's
 * pending word (cpu->interrupt) and then executes `syscall`; the host
 * signal handler, when it interrupts a thread between that check and
 * the syscall instruction, moves the thread back before the check
 * (safe_syscall_rewind), so the call returns EINTR instead of blocking.
 * A signal that comes once the call has blocked interrupts it as usual
 * (rvx's handlers have no SA_RESTART).
 * Returns like syscall(2): -1 with errno set on failure. EINTR from the
 * check sets cpu->sys_not_started: the top loop reruns the call after
 * the signal, whatever its restart class. */
#ifndef RVX_OS_SAFE_SYSCALL_H
#define RVX_OS_SAFE_SYSCALL_H

#include <sys/syscall.h>

long safe_syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* safe_syscall(nr, args...): up to six arguments, each made a long, the
 * missing ones 0 (never read from nowhere, as a varargs call would). */
#define SAFE_SYSCALL_(nr, a, b, c, d, e, f, ...)                                        \
    safe_syscall6((long)(nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
                  (long)(f))
#define safe_syscall(...) SAFE_SYSCALL_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

/* From the host signal handler: uc is its ucontext_t. */
void safe_syscall_rewind(void *uc);

#endif
