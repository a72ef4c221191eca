/* epoll: the one event-polling family whose buffers differ. The guest's
 * struct epoll_event is 16 bytes (data @8), the host's 12 packed
 * (abi/rv_event.h), so events are converted both ways. The epoll fd and
 * the watched fds are host fds; data is opaque and copied unchanged.
 * The temporary signal mask of the pwait calls is os/sigtmp.h's.
 * (poll does not exist on riscv64; ppoll/pselect6 are in sys_fd.c.) */
#include <signal.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_event.h"
#include "os/safe_syscall.h"
#include "os/sigtmp.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct epoll_event) == 12, "host epoll_event is packed");
_Static_assert(EPOLL_CTL_ADD == RV_EPOLL_CTL_ADD && EPOLL_CTL_MOD == RV_EPOLL_CTL_MOD &&
               EPOLL_CTL_DEL == RV_EPOLL_CTL_DEL, "epoll ops");

/* Events fetched from the host per call. Returning fewer than maxevents
 * is what epoll does anyway when fewer are ready; the rest stay queued
 * in the kernel (level- and edge-triggered alike). */
#define EPOLL_BATCH 256

i64 sys_epoll_create1(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(epoll_create1((int)a[0]));
}

/* epoll_ctl(epfd, op, fd, event): event is read for ADD and MOD only
 * (DEL ignores it since 2.6.9). */
i64 sys_epoll_ctl(struct cpu *cpu, const u64 *a)
{
    int op = (int)a[1];
    struct epoll_event hev, *hp = NULL;
    if (op != RV_EPOLL_CTL_DEL) {
        struct rv_epoll_event ev;
        if (copy_from_guest(cpu->vm, &ev, a[3], sizeof ev))
            return -RV_EFAULT;
        hev.events = ev.events;
        hev.data.u64 = ev.data;
        hp = &hev;
    }
    return sys_host(epoll_ctl(sys_fd(a[0]), op, sys_fd(a[2]), hp));
}

static long epoll_host_wait(const u64 *a, struct epoll_event *ev, int n, const void *ts, int ms,
                            const struct sig_tmpmask *m)
{
    const void *mask = sig_tmpmask_host(m);
    if (ts)
        return safe_syscall(SYS_epoll_pwait2, sys_fd(a[0]), ev, n, ts, mask, 8);
    return safe_syscall(SYS_epoll_pwait, sys_fd(a[0]), ev, n, ms, mask, 8);
}

static bool epoll_zero_timeout(const struct timespec *ts, int ms)
{
    return ts ? ts->tv_sec == 0 && ts->tv_nsec == 0 : ms == 0;
}

/* Waits on the host with a host buffer, then widens the events into the
 * guest's. ts is a host timespec pointer (pwait2) or NULL, ms the
 * timeout in milliseconds (pwait).
 * Linux checks only that the buffer lies in user space and faults when
 * it writes an event: an unmapped buffer is fine while nothing is ready
 * (0), EFAULT once something is. So at most the writable prefix is
 * asked for, and with none, one event into scratch decides which. */
static i64 epoll_wait_common(struct cpu *cpu, const u64 *a, const void *ts, int ms)
{
    int max = (int)a[2];
    if (max <= 0 || (u64)max > INT_MAX / sizeof(struct rv_epoll_event))
        return -RV_EINVAL;
    struct sig_tmpmask m;
    int err = sig_tmpmask_get(cpu, a[4], a[5], &m);
    if (err)
        return err;
    u64 bytes = (u64)max * sizeof(struct rv_epoll_event);
    if (a[1] >= cpu->vm->mem.size || bytes > cpu->vm->mem.size - a[1])
        return -RV_EFAULT; /* access_ok */
    u64 ok = bytes < EPOLL_BATCH * sizeof(struct rv_epoll_event)
                 ? bytes : EPOLL_BATCH * sizeof(struct rv_epoll_event);
    struct rv_epoll_event *out = sys_buf(cpu->vm, a[1], &ok, PAGE_W);
    int n = out ? (int)(ok / sizeof *out) : 0;
    struct epoll_event ev[EPOLL_BATCH];
    /* Linux hands over ready events, then ends a zero timeout, before
     * it looks at signals (ep_poll). */
    static const struct timespec zero;
    bool pending = sig_tmpmask_pending(cpu, &m);
    long r = epoll_host_wait(a, ev, n ? n : 1, pending && ts ? &zero : ts, pending ? 0 : ms, &m);
    if (pending && r == 0 && !epoll_zero_timeout(ts, ms)) {
        r = -1;
        errno = EINTR;
    }
    if (r < 0 && errno == EINTR)
        sig_tmpmask_interrupted(cpu, &m);
    if (r > 0 && !n)
        return -RV_EFAULT;
    for (long i = 0; i < r; i++) {
        out[i].events = ev[i].events; /* Linux leaves the padding alone */
        out[i].data = ev[i].data.u64;
    }
    return sys_host(r);
}

/* epoll_pwait(epfd, events, maxevents, timeout_ms, sigmask, sigsetsize) */
i64 sys_epoll_pwait(struct cpu *cpu, const u64 *a)
{
    return epoll_wait_common(cpu, a, NULL, (int)a[3]);
}

/* epoll_pwait2(epfd, events, maxevents, timeout ts or NULL, sigmask,
 * sigsetsize). A NULL timeout waits forever. */
i64 sys_epoll_pwait2(struct cpu *cpu, const u64 *a)
{
    if (!a[3])
        return epoll_wait_common(cpu, a, NULL, -1);
    void *ts = guest_ptr(cpu->vm, a[3], RV_TIMESPEC_SIZE, PAGE_R);
    if (!ts)
        return -RV_EFAULT;
    return epoll_wait_common(cpu, a, ts, 0);
}
