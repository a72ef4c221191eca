/* os/safe_syscall.c on the host: with the cpu's pending word set, a
 * read that would block returns EINTR at once and marks the call as not
 * started; with it clear, calls pass through (results and errno); the
 * handler's rewind moves only an rip between the check and the syscall
 * instruction back to the check; and a signal whose handler sets the
 * word just before the call is taken (SIGALRM from a timer, many
 * rounds, each read on an empty pipe must end). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#include "os/hostsig.h"
#include "os/safe_syscall.h"

extern const char safe_syscall_start[], safe_syscall_end[];

static int failures;
static struct cpu cpu;

#define EXPECT(cond)                                                  \
    do {                                                              \
        if (!(cond)) {                                                \
            failures++;                                               \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
        }                                                             \
    } while (0)

static long rewound(long rip)
{
    ucontext_t uc;
    memset(&uc, 0, sizeof uc);
    uc.uc_mcontext.gregs[REG_RIP] = rip;
    safe_syscall_rewind(&uc);
    return (long)uc.uc_mcontext.gregs[REG_RIP];
}

static void on_alarm(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    cpu.interrupt = 1; /* what sig_record does */
    safe_syscall_rewind(uc);
}

int main(void)
{
    int p[2];
    char c;
    if (pipe(p))
        return 1;
    hostsig_cpu = &cpu;

    cpu.interrupt = 1;
    errno = 0;
    EXPECT(safe_syscall(SYS_read, p[0], &c, 1) == -1 && errno == EINTR);
    EXPECT(cpu.sys_not_started);

    cpu.interrupt = 0;
    cpu.sys_not_started = false;
    EXPECT(safe_syscall(SYS_write, p[1], "x", 1) == 1);
    EXPECT(safe_syscall(SYS_read, p[0], &c, 1) == 1 && c == 'x');
    EXPECT(safe_syscall(SYS_read, -1, &c, 1) == -1 && errno == EBADF);
    EXPECT(safe_syscall(SYS_getpid) == getpid());
    EXPECT(!cpu.sys_not_started);

    long s = (long)safe_syscall_start, e = (long)safe_syscall_end;
    EXPECT(rewound(s - 1) == s - 1);
    EXPECT(rewound(s) == s);
    EXPECT(rewound(s + 1) == s);
    EXPECT(rewound(e - 2) == s); /* the syscall instruction itself */
    EXPECT(rewound(e) == e);     /* after it: the kernel's EINTR */

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_alarm;
    sa.sa_flags = SA_SIGINFO; /* no SA_RESTART, like rvx's handlers */
    sigaction(SIGALRM, &sa, NULL);
    for (int i = 0; i < 200; i++) {
        cpu.interrupt = 0;
        struct itimerval it = {{0, 0}, {0, 1 + (i * 37) % 200}};
        setitimer(ITIMER_REAL, &it, NULL);
        long r = safe_syscall(SYS_read, p[0], &c, 1); /* empty pipe: only the signal ends it */
        EXPECT(r == -1 && errno == EINTR);
    }
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    return failures != 0;
}
