/* Asynchronous signals: raise and kill run the handler before they
 * return; alarm interrupts a busy loop within bounded time; blocked
 * signals stay pending (sigpending) and are delivered when unblocked,
 * before sigprocmask returns; SIG_IGN and default-ignored signals do
 * nothing; a handler may raise another signal (nested delivery). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got[65], order[8], norder;

static void on_sig(int sig)
{
    got[sig]++;
    if (norder < 8)
        order[norder++] = sig;
    if (sig == SIGUSR2 && got[SIGUSR2] == 2)
        raise(SIGHUP); /* nested: runs inside this handler */
}

static void handle(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigaction(sig, &sa, NULL);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    handle(SIGUSR1);
    handle(SIGUSR2);
    handle(SIGHUP);
    handle(SIGALRM);

    raise(SIGUSR1);
    printf("raise: got=%d\n", got[SIGUSR1]);
    kill(getpid(), SIGUSR2);
    printf("kill: got=%d\n", got[SIGUSR2]);

    norder = 0;
    kill(getpid(), SIGUSR2);
    printf("nested: usr2=%d hup=%d order=%d,%d\n", got[SIGUSR2], got[SIGHUP], order[0], order[1]);

    /* A busy loop with no syscall: the alarm must still get in. */
    double t0 = now();
    alarm(1);
    volatile unsigned long spins = 0;
    while (!got[SIGALRM])
        spins++;
    double dt = now() - t0;
    printf("alarm in busy loop: got=%d bounded=%d\n", got[SIGALRM], dt > 0.5 && dt < 3.0);

    /* Blocked: pending, delivered on unblock before sigprocmask returns. */
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    got[SIGUSR1] = got[SIGUSR2] = 0;
    norder = 0;
    raise(SIGUSR2);
    raise(SIGUSR1);
    raise(SIGUSR1); /* standard signals do not queue */
    sigpending(&pend);
    printf("blocked: got=%d,%d pending=%d,%d\n", got[SIGUSR1], got[SIGUSR2],
           sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("unblocked: got=%d,%d order=%d,%d\n", got[SIGUSR1], got[SIGUSR2], order[0], order[1]);
    sigpending(&pend);
    printf("pending after: %d\n", sigismember(&pend, SIGUSR1));

    /* Ignored and default-ignored signals. */
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    raise(SIGCHLD);
    raise(SIGWINCH);
    raise(SIGURG);
    printf("ignored: still running\n");

    /* Ignoring discards a pending instance. */
    handle(SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    handle(SIGUSR1);
    got[SIGUSR1] = 0;
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("discarded: got=%d\n", got[SIGUSR1]);
    return 0;
}
