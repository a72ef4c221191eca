/* Interval timers and POSIX per-process timers, run by the host kernel
 * for rvx's process: guest threads are host threads and guest signal
 * numbers are host signal numbers, so a timer's signal arrives on the
 * host and the signal layer turns it into a guest one. itimerval,
 * itimerspec and sigevent have the same layout on both
 * (abi/rv_event.h); a SIGEV_THREAD_ID tid is a guest tid, which is the
 * host tid. Timer ids are the host's. */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "abi/rv_event.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct itimerval) == RV_ITIMERVAL_SIZE, "itimerval");
_Static_assert(sizeof(struct sigevent) == sizeof(struct rv_sigevent), "sigevent");
_Static_assert(offsetof(struct sigevent, sigev_notify) ==
               offsetof(struct rv_sigevent, sigev_notify), "sigevent.notify");

i64 sys_getitimer(struct cpu *cpu, const u64 *a)
{
    void *cur = guest_ptr(cpu->vm, a[1], RV_ITIMERVAL_SIZE, PAGE_W);
    if (!cur)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_getitimer, (int)a[0], cur));
}

/* setitimer(which, new, old): Linux takes a NULL new value as a zero
 * one (disarm), and so does the host, so NULL stays NULL. */
i64 sys_setitimer(struct cpu *cpu, const u64 *a)
{
    void *nv, *ov;
    if (!sys_opt(cpu->vm, a[1], RV_ITIMERVAL_SIZE, PAGE_R, &nv) ||
        !sys_opt(cpu->vm, a[2], RV_ITIMERVAL_SIZE, PAGE_W, &ov))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_setitimer, (int)a[0], nv, ov));
}

/* timer_create(clock, sigevent or NULL, timer_t *id). The sigevent is
 * copied (the kernel reads it once) and handed over unchanged. */
i64 sys_timer_create(struct cpu *cpu, const u64 *a)
{
    struct rv_sigevent ev, *evp = NULL;
    if (a[1]) {
        if (copy_from_guest(cpu->vm, &ev, a[1], sizeof ev))
            return -RV_EFAULT;
        evp = &ev;
    }
    void *id = guest_ptr(cpu->vm, a[2], sizeof(int), PAGE_W);
    if (!id)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_timer_create, (clockid_t)a[0], evp, id));
}

/* timer_settime(id, flags, new, old) */
i64 sys_timer_settime(struct cpu *cpu, const u64 *a)
{
    void *nv = guest_ptr(cpu->vm, a[2], RV_ITIMERSPEC_SIZE, PAGE_R), *ov;
    if (!nv || !sys_opt(cpu->vm, a[3], RV_ITIMERSPEC_SIZE, PAGE_W, &ov))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_timer_settime, (int)a[0], (int)a[1], nv, ov));
}

i64 sys_timer_gettime(struct cpu *cpu, const u64 *a)
{
    void *cur = guest_ptr(cpu->vm, a[1], RV_ITIMERSPEC_SIZE, PAGE_W);
    if (!cur)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_timer_gettime, (int)a[0], cur));
}

i64 sys_timer_getoverrun(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_timer_getoverrun, (int)a[0]));
}

i64 sys_timer_delete(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_timer_delete, (int)a[0]));
}
