/* Scheduling (policy, params, priority ranges, rr interval, sched_attr),
 * nice values through getpriority/setpriority (the raw syscall's 20-nice
 * encoding included), capabilities, supplementary groups and the set*id
 * family in forms that succeed for any user. */
#include "common.h"

#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdint.h>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

static void sched(void)
{
    SHOW("getscheduler", sched_getscheduler(0));
    struct sched_param sp = {.sched_priority = 77};
    SHOW("getparam", sched_getparam(0, &sp));
    printf("priority %d\n", sp.sched_priority);
    SHOW("setscheduler OTHER", sched_setscheduler(0, SCHED_OTHER, &sp));
    SHOW("setparam", sched_setparam(0, &sp));
    sp.sched_priority = 5;
    SHOW("setparam bad prio", sched_setparam(0, &sp));
    SHOW("FIFO max", sched_get_priority_max(SCHED_FIFO));
    SHOW("FIFO min", sched_get_priority_min(SCHED_FIFO));
    SHOW("OTHER max", sched_get_priority_max(SCHED_OTHER));
    SHOW("bad policy max", sched_get_priority_max(77));
    struct timespec ts = {-1, -1};
    SHOW("rr_get_interval", sched_rr_get_interval(0, &ts));
    printf("interval sane %d\n", ts.tv_sec >= 0 && ts.tv_nsec >= 0);
    SHOW("getparam bad ptr", sched_getparam(0, BADPTR));
    SHOW("getscheduler no such pid", sched_getscheduler(0x3fffffff));

    uint32_t attr[14];
    memset(attr, 0xff, sizeof attr);
    SHOW("getattr", syscall(SYS_sched_getattr, 0, attr, sizeof attr, 0));
    printf("attr size %u policy %u nice %d\n", attr[0], attr[1], (int)attr[4]);
    SHOW("getattr small", syscall(SYS_sched_getattr, 0, attr, 8, 0));
    SHOW("setattr same", syscall(SYS_sched_setattr, 0, attr, 0));
    attr[0] = 5000;
    SHOW("setattr too big", syscall(SYS_sched_setattr, 0, attr, 0));
    printf("size written back %u\n", attr[0]);
}

static void nice_values(void)
{
    errno = 0;
    int n0 = getpriority(PRIO_PROCESS, 0);
    long raw = syscall(SYS_getpriority, PRIO_PROCESS, 0);
    printf("raw is 20 - nice: %d\n", raw == 20 - n0);
    SHOW("setpriority +1", setpriority(PRIO_PROCESS, 0, n0 + 1));
    printf("nice went up by 1: %d\n", getpriority(PRIO_PROCESS, 0) == n0 + 1);
    SHOW("setpriority bad which", setpriority(9, 0, 0));
    SHOW("getpriority no such pid", getpriority(PRIO_PROCESS, 0x3fffffff));
}

static void caps(void)
{
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    SHOW("capget v3", syscall(SYS_capget, &h, d));
    printf("permitted includes effective: %d %d\n",
           (d[0].effective & ~d[0].permitted) == 0, (d[1].effective & ~d[1].permitted) == 0);
    SHOW("capset same", syscall(SYS_capset, &h, d));
    h.version = 0x12345678;
    SHOW("capget bad version", syscall(SYS_capget, &h, d));
    printf("version now %#x\n", h.version);
    h.version = 0x12345678;
    SHOW("capget bad version no data", syscall(SYS_capget, &h, NULL));
    printf("version now %#x\n", h.version);
    h.version = _LINUX_CAPABILITY_VERSION_1;
    struct __user_cap_data_struct one;
    SHOW("capget v1", syscall(SYS_capget, &h, &one));
    printf("v1 matches v3 low word: %d\n", one.effective == d[0].effective);
    SHOW("capget bad header", syscall(SYS_capget, BADPTR, d));
    h.version = _LINUX_CAPABILITY_VERSION_3;
    SHOW("capget bad data", syscall(SYS_capget, &h, BADPTR));
}

static void ids(void)
{
    int n = getgroups(0, NULL);
    gid_t g[256];
    int m = getgroups(256, g);
    printf("getgroups count agrees: %d\n", n == m && n >= 0);
    SHOW("getgroups negative", syscall(SYS_getgroups, -1, g));
    SHOW("setgroups negative", syscall(SYS_setgroups, -1, g));
    uid_t u = getuid(), e = geteuid();
    gid_t gi = getgid();
    SHOW("setuid self", syscall(SYS_setuid, u));
    SHOW("setgid self", syscall(SYS_setgid, gi));
    SHOW("setreuid -1 -1", syscall(SYS_setreuid, -1, -1));
    SHOW("setregid -1 -1", syscall(SYS_setregid, -1, -1));
    SHOW("setresuid -1 -1 -1", syscall(SYS_setresuid, -1, -1, -1));
    SHOW("setresgid -1 -1 -1", syscall(SYS_setresgid, -1, -1, -1));
    printf("setfsuid(-1) gives fsuid == euid: %d\n", (uid_t)setfsuid(-1) == e);
    printf("setfsgid(-1) gives fsgid == egid: %d\n", (gid_t)setfsgid(-1) == getegid());
    printf("ids unchanged: %d\n", getuid() == u && geteuid() == e && getgid() == gi);
}

int main(void)
{
    sched();
    nice_values();
    caps();
    ids();
    return 0;
}
