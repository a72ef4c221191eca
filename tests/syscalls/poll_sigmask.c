/* ppoll's and pselect6's temporary signal mask, as epoll_sigmask checks
 * epoll_pwait's: a blocked pending SIGUSR1 let through by the wait's
 * mask runs its handler (with the wait's mask plus SIGUSR1 blocked) and
 * the wait fails with EINTR, then SIGUSR1 is blocked again; a mask that
 * keeps it blocked leaves the wait alone; a ready fd wins over the
 * signal; a zero timeout returns 0; a signal arriving during the wait
 * (SIGALRM from a timer) interrupts it the same way; a bad size is
 * EINVAL. */
#define _GNU_SOURCE
#include "common.h"

#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int handled;
static volatile int mask_in_handler;
static int p[2];

static void on_sig(int sig)
{
    (void)sig;
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    mask_in_handler = sigismember(&cur, SIGUSR1) + sigismember(&cur, SIGUSR2) * 2;
    handled++;
}

static int blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

/* One wait on the pipe's read end: ppoll or pselect. */
static long wait_on(int use_select, long ms, const sigset_t *mask)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    if (use_select) {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(p[0], &r);
        return pselect(p[0] + 1, &r, NULL, NULL, &ts, mask);
    }
    struct pollfd f = {p[0], POLLIN, 0};
    return ppoll(&f, 1, &ts, mask);
}

static void run(int use_select)
{
    const char *n = use_select ? "pselect" : "ppoll";
    sigset_t block, waitmask;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGALRM);
    sigemptyset(&waitmask);
    sigaddset(&waitmask, SIGUSR2);
    handled = 0;

    raise(SIGUSR1);
    printf("%s: pending, not handled: %d\n", n, handled);
    SHOW("  wait with USR1 let through", wait_on(use_select, 1000, &waitmask));
    printf("  handled %d, in handler USR1 blocked %d USR2 blocked %d\n", handled,
           mask_in_handler & 1, mask_in_handler >> 1);
    printf("  USR1 blocked again %d, USR2 blocked %d\n", blocked(SIGUSR1), blocked(SIGUSR2));

    raise(SIGUSR1);
    SHOW("  wait keeping it blocked", wait_on(use_select, 10, &block));
    printf("  handled %d\n", handled);
    SHOW("  zero timeout", wait_on(use_select, 0, &waitmask));
    printf("  handled %d\n", handled);
    raise(SIGUSR1);
    MUST(write(p[1], "x", 1));
    SHOW("  wait with ready fd", wait_on(use_select, 1000, &waitmask));
    printf("  handled %d\n", handled);
    char c;
    MUST(read(p[0], &c, 1));
    /* The ready fd left SIGUSR1 pending: take it now, so that the next
     * wait is ended by SIGALRM and that timer is not left pending to
     * land in a later wait when the machine is slow. */
    SHOW("  USR1 still pending", wait_on(use_select, 0, &waitmask));
    printf("  handled %d\n", handled);

    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    SHOW("  wait until SIGALRM", wait_on(use_select, 5000, &waitmask));
    printf("  handled %d, ALRM blocked again %d\n", handled, blocked(SIGALRM));
    sigprocmask(SIG_SETMASK, &block, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa = {.sa_handler = on_sig};
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    MUST(pipe(p));
    run(0);
    run(1);
    sigset_t waitmask;
    sigemptyset(&waitmask);
    struct pollfd f = {p[0], POLLIN, 0};
    struct timespec ts = {0, 0};
    SHOW("ppoll bad size", syscall(SYS_ppoll, &f, 1, &ts, &waitmask, 16));
    struct { const sigset_t *ss; size_t len; } arg = {&waitmask, 16};
    SHOW("pselect6 bad size", syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &arg));
    return 0;
}
