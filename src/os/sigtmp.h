/* The temporary signal mask of ppoll, pselect6 and epoll_pwait(2),
 * applied the kernel's way (set_user_sigmask and
 * restore_saved_sigmask_unless). The host call installs the host half
 * atomically: rvx's host mask mirrors the guest's old mask
 * (os/signal.h), so a signal the old mask blocks and the temporary one
 * lets through stays pending on the host until the wait starts, and
 * then interrupts it. If the guest is to take such a signal, its mask
 * stays the temporary one until the handler frame has saved the old
 * one, so the handler returns to the old mask. */
#ifndef RVX_OS_SIGTMP_H
#define RVX_OS_SIGTMP_H

#include "cpu/cpu.h"

struct sig_tmpmask {
    bool on;
    u64 guest;  /* the temporary guest mask */
    u64 host;   /* what the host call gets: rvx keeps SEGV/BUS */
};

/* Reads the guest sigset at set (0: no temporary mask) of size bytes;
 * 0, -RV_EINVAL (size) or -RV_EFAULT. */
int sig_tmpmask_get(struct cpu *cpu, u64 set, u64 size, struct sig_tmpmask *m);

/* The host set pointer for the host call, NULL without a mask. */
static inline const u64 *sig_tmpmask_host(const struct sig_tmpmask *m)
{
    return m->on ? &m->host : NULL;
}

/* A signal rvx has queued already that the temporary mask lets
 * through: the wait must not sleep (it returns EINTR unless something
 * is ready or the timeout is zero). */
bool sig_tmpmask_pending(struct cpu *cpu, const struct sig_tmpmask *m);

/* After the wait returned EINTR: if a signal the temporary mask lets
 * through is queued, the guest takes it under the temporary mask, the
 * old one saved for the handler frame (like sigsuspend). */
void sig_tmpmask_interrupted(struct cpu *cpu, const struct sig_tmpmask *m);

#endif
