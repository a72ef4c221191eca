/* Process-level calls: uname, ids, limits, umask, getrandom, sysinfo,
 * affinity, prctl names, and the argument checks of rt_sigaction,
 * rt_sigprocmask and sigaltstack (recorded, not delivered). */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char *err(long r)
{
    static char b[32];
    if (r != -1)
        snprintf(b, sizeof b, "%ld", r);
    else
        snprintf(b, sizeof b, "%s", errno == EINVAL ? "EINVAL" : errno == EFAULT ? "EFAULT"
                 : errno == ENOMEM ? "ENOMEM" : errno == ENOSYS ? "ENOSYS" : "other");
    errno = 0;
    return b;
}

int main(void)
{
    struct utsname u;
    int rc = uname(&u);
    printf("uname %d machine %s sysname %s\n", rc, u.machine, u.sysname);
    printf("pid==tid %d ppid>0 %d\n", getpid() == (pid_t)syscall(SYS_gettid), getppid() > 0);
    uid_t r, e, s;
    rc = getresuid(&r, &e, &s);
    printf("getresuid %d match %d\n", rc, r == getuid() && e == geteuid());
    gid_t rg, eg, sg;
    rc = getresgid(&rg, &eg, &sg);
    printf("getresgid %d match %d\n", rc, rg == getgid() && eg == getegid());
    struct rlimit rl, rl2;
    rc = getrlimit(RLIMIT_NOFILE, &rl);
    int rc2 = prlimit(0, RLIMIT_NOFILE, NULL, &rl2);
    printf("getrlimit %d prlimit %d same %d\n", rc, rc2, rl.rlim_cur == rl2.rlim_cur);
    rl2.rlim_cur = rl.rlim_cur > 64 ? 64 : rl.rlim_cur;
    printf("setrlimit %d\n", setrlimit(RLIMIT_NOFILE, &rl2));
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("nofile now %llu\n", (unsigned long long)rl.rlim_cur);
    umask(022);
    printf("umask old %03o\n", umask(077));
    printf("umask old %03o\n", umask(022));
    unsigned char rnd[64] = {0};
    ssize_t n = getrandom(rnd, sizeof rnd, 0);
    int nz = 0;
    for (int i = 0; i < 64; i++)
        nz += rnd[i] != 0;
    printf("getrandom %zd nonzero>40 %d\n", n, nz > 40);
    struct sysinfo si;
    rc = sysinfo(&si);
    printf("sysinfo %d ram>0 %d\n", rc, si.totalram > 0);
    cpu_set_t set;
    CPU_ZERO(&set);
    rc = sched_getaffinity(0, sizeof set, &set);
    printf("sched_getaffinity %d count>0 %d\n", rc, CPU_COUNT(&set) > 0);
    printf("sched_yield %d\n", sched_yield());
    unsigned cpu = 9999;
    rc = getcpu(&cpu, NULL);
    printf("getcpu %d cpu<9999 %d\n", rc, cpu < 9999);
    char name[32] = {0};
    printf("PR_SET_NAME %d\n", prctl(PR_SET_NAME, "a-rather-long-thread-name"));
    rc = prctl(PR_GET_NAME, name);
    printf("PR_GET_NAME %d [%s]\n", rc, name);
    printf("prctl bogus %s\n", err(prctl(1000, 0, 0, 0, 0)));

    /* rt_sigaction through the raw syscall: kernel struct is 24 bytes. */
    struct { unsigned long handler, flags, mask; } ka = {1 /* SIG_IGN */, 0, ~0ul}, old;
    printf("sigaction bad size %s\n", err(syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 16)));
    printf("sigaction sig 0 %s\n", err(syscall(SYS_rt_sigaction, 0, &ka, NULL, 8)));
    printf("sigaction sig 65 %s\n", err(syscall(SYS_rt_sigaction, 65, &ka, NULL, 8)));
    printf("sigaction SIGKILL %s\n", err(syscall(SYS_rt_sigaction, SIGKILL, &ka, NULL, 8)));
    printf("sigaction SIGSTOP query %s\n", err(syscall(SYS_rt_sigaction, SIGSTOP, NULL, &old, 8)));
    printf("sigaction set %s\n", err(syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8)));
    memset(&old, 0, sizeof old);
    printf("sigaction get %s", err(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 8)));
    printf(" handler %lu mask_has_int %d\n", old.handler, (int)((old.mask >> (SIGINT - 1)) & 1));
    rc = raise(SIGUSR1);
    printf("raise ignored SIGUSR1 %d\n", rc);
    printf("raise SIGCHLD (default ignore) %d\n", raise(SIGCHLD));
    printf("kill self 0 %d\n", kill(getpid(), 0));

    unsigned long m = (1ul << (SIGUSR2 - 1)) | (1ul << (SIGKILL - 1)), om = 0;
    printf("sigprocmask bad size %s\n", err(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &m, NULL, 4)));
    printf("sigprocmask bad how %s\n", err(syscall(SYS_rt_sigprocmask, 7, &m, NULL, 8)));
    printf("sigprocmask bad how, no set %s\n", err(syscall(SYS_rt_sigprocmask, 7, NULL, &om, 8)));
    printf("sigprocmask block %s\n", err(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &m, NULL, 8)));
    printf("sigprocmask get %s", err(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &om, 8)));
    printf(" usr2 %d kill %d\n", (int)((om >> (SIGUSR2 - 1)) & 1), (int)((om >> (SIGKILL - 1)) & 1));
    sigset_t ss;
    sigemptyset(&ss);
    sigprocmask(SIG_SETMASK, &ss, NULL);
    sigprocmask(SIG_BLOCK, NULL, &ss);
    printf("after setmask empty usr2 %d\n", sigismember(&ss, SIGUSR2));

    static char altbuf[16384];
    stack_t st = {.ss_sp = altbuf, .ss_size = 1000, .ss_flags = 0}, ost;
    printf("sigaltstack small %s\n", err(sigaltstack(&st, NULL)));
    st.ss_flags = 12345;
    printf("sigaltstack bad flags %s\n", err(sigaltstack(&st, NULL)));
    printf("sigaltstack query %s", err(sigaltstack(NULL, &ost)));
    printf(" disabled %d\n", (ost.ss_flags & SS_DISABLE) != 0);
    st.ss_size = sizeof altbuf;
    st.ss_flags = 0;
    printf("sigaltstack set %s\n", err(sigaltstack(&st, NULL)));
    printf("sigaltstack query %s", err(sigaltstack(NULL, &ost)));
    printf(" sp ok %d size %zu flags %d\n", ost.ss_sp == altbuf, ost.ss_size, ost.ss_flags);
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len > 0 ? len : 0] = 0;
    const char *base = strrchr(exe, '/');
    printf("/proc/self/exe absolute %d base %s\n", exe[0] == '/', base ? base + 1 : exe);
    return 0;
}
