/* epoll_pwait's temporary signal mask: a blocked pending SIGUSR1 is let
 * through by the wait's mask, its handler runs, the wait fails with
 * EINTR, and afterwards SIGUSR1 is blocked again; a signal that arrives
 * (from a timer) during the wait interrupts it the same way; ready
 * events win over a pending signal; a mask that keeps it blocked leaves
 * the wait alone. */
#include "common.h"

#include <signal.h>
#include <sys/epoll.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int handled;
static volatile unsigned long mask_in_handler;

static void on_usr1(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    mask_in_handler = sigismember(&cur, SIGUSR1) * 1 + sigismember(&cur, SIGUSR2) * 2;
    handled++;
}

static int blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa = {.sa_handler = on_usr1};
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    sigset_t block, waitmask;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    int ep = epoll_create1(0), p[2];
    MUST(pipe(p));
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 5}, out[2];
    MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));

    raise(SIGUSR1);
    printf("pending, not handled: %d\n", handled);
    sigemptyset(&waitmask);
    sigaddset(&waitmask, SIGUSR2);
    SHOW("pwait with empty mask", epoll_pwait(ep, out, 2, 1000, &waitmask));
    printf("handled %d, in handler USR1 blocked %d USR2 blocked %d\n", handled,
           (int)(mask_in_handler & 1), (int)(mask_in_handler >> 1));
    printf("USR1 blocked again %d, USR2 blocked %d\n", blocked(SIGUSR1), blocked(SIGUSR2));

    raise(SIGUSR1);
    SHOW("pwait keeping it blocked", epoll_pwait(ep, out, 2, 10, &block));
    printf("handled %d\n", handled);
    MUST(write(p[1], "x", 1));
    SHOW("pwait with ready event", epoll_pwait(ep, out, 2, 1000, &waitmask));
    printf("handled %d\n", handled);
    SHOW("pwait then", epoll_pwait(ep, out, 2, 1000, &waitmask));
    printf("handled %d\n", handled);
    char c;
    read(p[0], &c, 1);

    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    SHOW("pwait until SIGALRM", epoll_pwait(ep, out, 2, 5000, &waitmask));
    printf("handled %d, ALRM blocked again %d\n", handled, blocked(SIGALRM));
    SHOW("pwait bad size", syscall(SYS_epoll_pwait, ep, out, 2, 0, &waitmask, 16));
    SHOW("pwait bad mask", syscall(SYS_epoll_pwait, ep, out, 2, 0, BADPTR, 8));
    return 0;
}
