/* Time syscalls: clocks and sleeps. timespec/timeval/timezone have the
 * same layout on both (fact sheet 1.1), clock ids are generic, so
 * buffers pass straight through. */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

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

i64 sys_nanosleep(struct cpu *cpu, const u64 *a)
{
    void *req = guest_ptr(cpu->vm, a[0], TIMESPEC_SIZE, PAGE_R), *rem;
    if (!req || !sys_opt(cpu->vm, a[1], TIMESPEC_SIZE, PAGE_W, &rem))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_nanosleep, req, rem));
}

i64 sys_clock_nanosleep(struct cpu *cpu, const u64 *a)
{
    void *req = guest_ptr(cpu->vm, a[2], TIMESPEC_SIZE, PAGE_R), *rem;
    if (!req || !sys_opt(cpu->vm, a[3], TIMESPEC_SIZE, PAGE_W, &rem))
        return -RV_EFAULT;
    /* syscall(), not clock_nanosleep(): that returns the error itself. */
    return sys_host(safe_syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], req, rem));
}
