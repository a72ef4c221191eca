/* Process syscalls: ids, limits, uname, scheduling, accounting,
 * getrandom (exit: sys_thread.c; prctl: sys_process.c). The guest sees its own machine (uname says riscv64)
 * and otherwise the host's view (limits, sysinfo, ids pass through). */
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "abi/rv_misc.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct rlimit) == 16 && sizeof(struct sysinfo) == 112, "layouts");
_Static_assert(sizeof(struct rusage) == 144 && sizeof(struct tms) == 32, "layouts");
_Static_assert(sizeof(struct utsname) == 6 * RV_UTSNAME_LEN, "utsname");

i64 sys_getpid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); UNUSED(a); return getpid(); }
i64 sys_getppid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); UNUSED(a); return getppid(); }
i64 sys_gettid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); UNUSED(a); return syscall(SYS_gettid); }
i64 sys_getuid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); UNUSED(a); return getuid(); }
i64 sys_geteuid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); UNUSED(a); return geteuid(); }
i64 sys_getgid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); UNUSED(a); return getgid(); }
i64 sys_getegid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); UNUSED(a); return getegid(); }

/* getresuid/getresgid: three u32 outputs; Linux writes each in turn. */
static i64 sys_put_ids3(struct cpu *cpu, const u64 *a, const u32 *ids)
{
    for (int i = 0; i < 3; i++)
        if (copy_to_guest(cpu->vm, a[i], &ids[i], 4))
            return -RV_EFAULT;
    return 0;
}

i64 sys_getresuid(struct cpu *cpu, const u64 *a)
{
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    u32 ids[3] = {r, e, s};
    return sys_put_ids3(cpu, a, ids);
}

i64 sys_getresgid(struct cpu *cpu, const u64 *a)
{
    gid_t r, e, s;
    getresgid(&r, &e, &s);
    u32 ids[3] = {r, e, s};
    return sys_put_ids3(cpu, a, ids);
}

/* rseq is never forwarded (fact sheet section 5): the host kernel would
 * check host pcs. glibc carries on after ENOSYS. */
i64 sys_rseq(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    UNUSED(a);
    return -RV_ENOSYS;
}

i64 sys_uname(struct cpu *cpu, const u64 *a)
{
    struct utsname u;
    if (uname(&u))
        return sys_host(-1);
    memset(u.machine, 0, sizeof u.machine);
    strcpy(u.machine, "riscv64");
    return copy_to_guest(cpu->vm, a[0], &u, sizeof u) ? -RV_EFAULT : 0;
}

i64 sys_getrlimit(struct cpu *cpu, const u64 *a)
{
    void *rl = guest_ptr(cpu->vm, a[1], sizeof(struct rlimit), PAGE_W);
    if (!rl)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_getrlimit, (int)a[0], rl));
}

i64 sys_setrlimit(struct cpu *cpu, const u64 *a)
{
    void *rl = guest_ptr(cpu->vm, a[1], sizeof(struct rlimit), PAGE_R);
    if (!rl)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_setrlimit, (int)a[0], rl));
}

i64 sys_prlimit64(struct cpu *cpu, const u64 *a)
{
    void *nl, *ol;
    if (!sys_opt(cpu->vm, a[2], sizeof(struct rlimit), PAGE_R, &nl) ||
        !sys_opt(cpu->vm, a[3], sizeof(struct rlimit), PAGE_W, &ol))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_prlimit64, (pid_t)a[0], (int)a[1], nl, ol));
}

i64 sys_getrusage(struct cpu *cpu, const u64 *a)
{
    void *ru = guest_ptr(cpu->vm, a[1], sizeof(struct rusage), PAGE_W);
    if (!ru)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_getrusage, (int)a[0], ru));
}

i64 sys_sysinfo(struct cpu *cpu, const u64 *a)
{
    void *si = guest_ptr(cpu->vm, a[0], sizeof(struct sysinfo), PAGE_W);
    if (!si)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sysinfo, si));
}

i64 sys_times(struct cpu *cpu, const u64 *a)
{
    void *t;
    if (!sys_opt(cpu->vm, a[0], sizeof(struct tms), PAGE_W, &t))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_times, t));
}

i64 sys_umask(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return umask((mode_t)a[0]);
}

i64 sys_getrandom(struct cpu *cpu, const u64 *a)
{
    u64 len = a[1];
    void *buf = sys_buf(cpu->vm, a[0], &len, PAGE_W);
    if (!buf)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_getrandom, buf, len, (unsigned)a[2]));
}

i64 sys_sched_yield(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    UNUSED(a);
    return sys_host(sched_yield());
}

i64 sys_sched_getaffinity(struct cpu *cpu, const u64 *a)
{
    u64 len = a[1];
    void *mask = guest_ptr(cpu->vm, a[2], len, PAGE_W);
    if (!mask)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sched_getaffinity, (pid_t)a[0], len, mask));
}

i64 sys_sched_setaffinity(struct cpu *cpu, const u64 *a)
{
    u64 len = a[1];
    void *mask = guest_ptr(cpu->vm, a[2], len, PAGE_R);
    if (!mask)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_sched_setaffinity, (pid_t)a[0], len, mask));
}

i64 sys_getcpu(struct cpu *cpu, const u64 *a)
{
    void *c, *n;
    if (!sys_opt(cpu->vm, a[0], 4, PAGE_W, &c) || !sys_opt(cpu->vm, a[1], 4, PAGE_W, &n))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_getcpu, c, n, NULL));
}

i64 sys_setpgid(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(setpgid((pid_t)a[0], (pid_t)a[1]));
}

i64 sys_getpgid(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(getpgid((pid_t)a[0]));
}

i64 sys_getsid(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(getsid((pid_t)a[0]));
}

i64 sys_setsid(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    UNUSED(a);
    return sys_host(setsid());
}

i64 sys_getgroups(struct cpu *cpu, const u64 *a)
{
    int n = (int)a[0];
    if (n < 0)
        return -RV_EINVAL;
    void *list = guest_ptr(cpu->vm, a[1], (u64)n * 4, PAGE_W); /* gid_t is u32 on both */
    if (!list)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_getgroups, n, list));
}
