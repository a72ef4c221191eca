/* Scheduling syscalls: policies, parameters, nice values. Guest threads
 * are host threads and guest pids/tids are host ones, so these act on
 * the host tasks directly. sched_param (one int), sched_attr (versioned
 * by its size field) and timespec have the same layout on both
 * (abi/rv_cred.h). (sched_yield and the affinity calls: sys_proc.c.) */
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_cred.h"
#include "abi/rv_event.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct sched_param) == RV_SCHED_PARAM_SIZE, "sched_param");

#define SCHED_ATTR_SIZE_VER0 48 /* linux: include/uapi/linux/sched/types.h */

i64 sys_sched_setparam(struct cpu *cpu, const u64 *a)
{
    void *p = guest_ptr(cpu->vm, a[1], RV_SCHED_PARAM_SIZE, PAGE_R);
    if (!p)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sched_setparam, (pid_t)a[0], p));
}

i64 sys_sched_getparam(struct cpu *cpu, const u64 *a)
{
    void *p = guest_ptr(cpu->vm, a[1], RV_SCHED_PARAM_SIZE, PAGE_W);
    if (!p)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sched_getparam, (pid_t)a[0], p));
}

/* sched_setscheduler(pid, policy, param) */
i64 sys_sched_setscheduler(struct cpu *cpu, const u64 *a)
{
    void *p = guest_ptr(cpu->vm, a[2], RV_SCHED_PARAM_SIZE, PAGE_R);
    if (!p)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], p));
}

i64 sys_sched_getscheduler(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

i64 sys_sched_get_priority_max(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

i64 sys_sched_get_priority_min(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

i64 sys_sched_rr_get_interval(struct cpu *cpu, const u64 *a)
{
    void *ts = guest_ptr(cpu->vm, a[1], RV_TIMESPEC_SIZE, PAGE_W);
    if (!ts)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sched_rr_get_interval, (pid_t)a[0], ts));
}

/* sched_setattr(pid, attr, flags). The kernel reads attr->size first
 * (0 means the first version), then at most a page; a size above a page
 * or unknown non-zero trailing bytes get E2BIG with the kernel's own
 * size written back into attr->size. The host works on a copy, and only
 * that size field can come back. */
i64 sys_sched_setattr(struct cpu *cpu, const u64 *a)
{
    u8 buf[RV_SCHED_ATTR_MAX] = {0};
    u32 size;
    if (copy_from_guest(cpu->vm, &size, a[1], sizeof size))
        return -RV_EFAULT;
    u32 n = size < SCHED_ATTR_SIZE_VER0 ? SCHED_ATTR_SIZE_VER0 : size;
    if (n > RV_SCHED_ATTR_MAX)
        n = sizeof size; /* E2BIG from the size alone */
    if (copy_from_guest(cpu->vm, buf, a[1], n))
        return -RV_EFAULT;
    long r = syscall(SYS_sched_setattr, (pid_t)a[0], buf, (unsigned)a[2]);
    if (r < 0 && errno == E2BIG && copy_to_guest(cpu->vm, a[1], buf, sizeof size))
        return -RV_EFAULT;
    return sys_host(r);
}

/* sched_getattr(pid, attr, size, flags): the kernel's argument checks
 * come before any access, so they are repeated here. */
i64 sys_sched_getattr(struct cpu *cpu, const u64 *a)
{
    u32 size = (u32)a[2];
    if (!a[1] || (pid_t)a[0] < 0 || size > RV_SCHED_ATTR_MAX || size < SCHED_ATTR_SIZE_VER0 ||
        (u32)a[3])
        return -RV_EINVAL;
    void *attr = guest_ptr(cpu->vm, a[1], size, PAGE_W);
    if (!attr)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sched_getattr, (pid_t)a[0], attr, size, 0u));
}

/* The raw syscall returns 20 - nice (1..40) so that it is never
 * negative; the guest's libc undoes that, so it must not be done here. */
i64 sys_getpriority(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_getpriority, (int)a[0], (id_t)a[1]));
}

i64 sys_setpriority(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_setpriority, (int)a[0], (id_t)a[1], (int)a[2]));
}
