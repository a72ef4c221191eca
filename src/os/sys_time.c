/* Time syscalls: clocks and sleeps. timespec/timeval/timezone have the
 * same layout on both (fact sheet 1.1), clock ids are generic, so
 * buffers pass straight through. */
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/restart.h"
#include "os/safe_syscall.h"
#include "os/sys_impl.h"

#define TIMESPEC_SIZE 16
#define TIMEZONE_SIZE 8

i64 sys_clock_gettime(struct cpu *cpu, const u64 *a)
{
    void *ts = guest_ptr(cpu->vm, a[1], TIMESPEC_SIZE, PAGE_W);
    if (!ts)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_clock_gettime, (clockid_t)a[0], ts));
}

i64 sys_clock_getres(struct cpu *cpu, const u64 *a)
{
    void *ts;
    if (!sys_opt(cpu->vm, a[1], TIMESPEC_SIZE, PAGE_W, &ts))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_clock_getres, (clockid_t)a[0], ts));
}

i64 sys_gettimeofday(struct cpu *cpu, const u64 *a)
{
    void *tv, *tz;
    if (!sys_opt(cpu->vm, a[0], TIMESPEC_SIZE, PAGE_W, &tv) ||
        !sys_opt(cpu->vm, a[1], TIMEZONE_SIZE, PAGE_W, &tz))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_gettimeofday, tv, tz));
}

#define NSEC 1000000000L

bool restart_deadline(clockid_t clock, const struct timespec *delta, struct timespec *out)
{
    if (clock_gettime(clock, out))
        return false;
    out->tv_sec += delta->tv_sec;
    out->tv_nsec += delta->tv_nsec;
    if (out->tv_nsec >= NSEC) {
        out->tv_sec++;
        out->tv_nsec -= NSEC;
    }
    return true;
}

/* Time from now to the deadline, at least 0. */
static struct timespec sleep_left(clockid_t clock, const struct timespec *deadline)
{
    struct timespec now, left = {0, 0};
    if (clock_gettime(clock, &now))
        return left;
    left.tv_sec = deadline->tv_sec - now.tv_sec;
    left.tv_nsec = deadline->tv_nsec - now.tv_nsec;
    if (left.tv_nsec < 0) {
        left.tv_sec--;
        left.tv_nsec += NSEC;
    }
    if (left.tv_sec < 0)
        left.tv_sec = left.tv_nsec = 0;
    return left;
}

/* Sleeps on clock until the deadline (do_nanosleep). Interrupted: the
 * time left goes to the guest's rem (if any), the deadline to the
 * restart block, and the call is -EINTR (ERESTART_RESTARTBLOCK). */
static i64 sleep_until(struct cpu *cpu, clockid_t clock, const struct timespec *deadline,
                       guest_addr rem)
{
    long r = safe_syscall(SYS_clock_nanosleep, clock, TIMER_ABSTIME, deadline, NULL);
    if (r == 0 || errno != EINTR)
        return sys_host(r);
    if (rem && !cpu->sys_not_started) { /* not started: it reruns, nothing to report */
        struct timespec left = sleep_left(clock, deadline);
        if (copy_to_guest(cpu->vm, rem, &left, sizeof left))
            return -RV_EFAULT;
    }
    cpu->restart.fn = RESTART_FN_SLEEP;
    cpu->restart.clock = clock;
    cpu->restart.sec = deadline->tv_sec;
    cpu->restart.nsec = deadline->tv_nsec;
    cpu->restart.rem = rem;
    return -RV_EINTR;
}

/* A relative sleep as an absolute one, so that a restart resumes it.
 * Linux times relative CLOCK_REALTIME sleeps on CLOCK_MONOTONIC
 * (__hrtimer_init). An invalid request, or a clock rvx cannot read,
 * goes to the host as the guest gave it, for the host's error. */
static i64 sleep_rel(struct cpu *cpu, clockid_t clock, guest_addr req_at, guest_addr rem)
{
    struct timespec req, deadline;
    if (copy_from_guest(cpu->vm, &req, req_at, sizeof req))
        return -RV_EFAULT;
    clockid_t on = clock == CLOCK_REALTIME ? CLOCK_MONOTONIC : clock;
    bool valid = req.tv_sec >= 0 && req.tv_nsec >= 0 && req.tv_nsec < NSEC;
    if (!valid || !restart_deadline(on, &req, &deadline))
        return sys_host(syscall(SYS_clock_nanosleep, clock, 0, &req, NULL));
    cpu->restart.fn = RESTART_FN_NONE;
    return sleep_until(cpu, on, &deadline, rem);
}

i64 sys_nanosleep(struct cpu *cpu, const u64 *a)
{
    return sleep_rel(cpu, CLOCK_MONOTONIC, a[0], a[1]);
}

/* clock_nanosleep(clock, flags, req, rem): an absolute sleep is simply
 * rerun after a signal (ERESTARTNOHAND) and never writes rem. */
i64 sys_clock_nanosleep(struct cpu *cpu, const u64 *a)
{
    if (!(a[1] & TIMER_ABSTIME))
        return sleep_rel(cpu, (clockid_t)a[0], a[2], a[3]);
    void *req = guest_ptr(cpu->vm, a[2], TIMESPEC_SIZE, PAGE_R);
    if (!req)
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], req, NULL));
}

/* restart_syscall: resumes what cpu->restart holds; with nothing (a
 * handler ran since, or no call was interrupted) it is EINTR. */
i64 sys_restart_syscall(struct cpu *cpu, const u64 *a)
{
    UNUSED(a);
    u32 fn = cpu->restart.fn;
    cpu->restart.fn = RESTART_FN_NONE;
    if (fn == RESTART_FN_SLEEP) {
        struct timespec deadline = {cpu->restart.sec, cpu->restart.nsec};
        return sleep_until(cpu, cpu->restart.clock, &deadline, cpu->restart.rem);
    }
    if (fn == RESTART_FN_FUTEX)
        return futex_restart(cpu);
    return -RV_EINTR;
}
