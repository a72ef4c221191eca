/* Sleeps that resume where they stopped: the kernel's restart_block
 * for nanosleep, relative clock_nanosleep and timed futex waits. When a
 * signal interrupts one and no handler runs, Linux restarts the call as
 * restart_syscall (a7 = 128, os/signal.c), which sleeps until the
 * original deadline rather than the whole time again. The handlers
 * record the deadline in cpu->restart before they return -EINTR;
 * rt_sigreturn forgets it (a handler ran: restart_syscall is EINTR). */
#ifndef RVX_OS_RESTART_H
#define RVX_OS_RESTART_H

#include <time.h>

#include "cpu/cpu.h"

enum restart_fn { RESTART_FN_NONE, RESTART_FN_SLEEP, RESTART_FN_FUTEX };

/* The deadline delta from now on clock; false if the clock is unusable. */
bool restart_deadline(clockid_t clock, const struct timespec *delta, struct timespec *out);

/* Records a futex wait to resume (os/futex.c). */
void restart_set_futex(struct cpu *cpu, u64 uaddr, u64 op, u64 val, u64 bitset,
                       clockid_t clock, const struct timespec *deadline);

/* Resumes a futex wait from cpu->restart (os/futex.c). */
i64 futex_restart(struct cpu *cpu);

#endif
