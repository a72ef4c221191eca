/* Blocking calls and signals: a read from an empty pipe interrupted by
 * alarm fails with EINTR without SA_RESTART and is restarted with it
 * (the handler writes the byte the restarted read then gets);
 * nanosleep returns EINTR with the remaining time even with SA_RESTART;
 * sigsuspend returns EINTR after the handler and restores the mask;
 * sigtimedwait takes a pending blocked signal (and times out with
 * EAGAIN); sigqueue carries a value and real-time signals queue. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static volatile int got, val[4], codes[4], nval;

static void on_alarm(int sig)
{
    (void)sig;
    got++;
    if (write(fds[1], "x", 1) != 1)
        got = -100;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    if (nval < 4) {
        codes[nval] = si->si_code;
        val[nval++] = si->si_value.sival_int;
    }
}

static void set(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    char c;
    pipe(fds);
    set(SIGALRM, on_alarm, 0);
    alarm(1);
    ssize_t r = read(fds[0], &c, 1);
    printf("no SA_RESTART: read=%zd errno=%s got=%d\n", r, r < 0 && errno == EINTR ? "EINTR" : "?", got);
    read(fds[0], &c, 1); /* the byte the handler wrote */

    set(SIGALRM, on_alarm, SA_RESTART);
    got = 0;
    alarm(1);
    r = read(fds[0], &c, 1);
    printf("SA_RESTART: read=%zd c=%c got=%d\n", r, r == 1 ? c : '?', got);

    struct timespec req = {5, 0}, rem = {0, 0};
    alarm(1);
    int n = nanosleep(&req, &rem);
    printf("nanosleep: %d errno=%s rem_ok=%d\n", n, n < 0 && errno == EINTR ? "EINTR" : "?",
           rem.tv_sec >= 3 && rem.tv_sec <= 4);
    read(fds[0], &c, 1);

    /* sigsuspend */
    sigset_t usr1, none, cur;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    set(SIGUSR1, on_alarm, 0);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    got = 0;
    raise(SIGUSR1);
    printf("before sigsuspend: got=%d\n", got);
    n = sigsuspend(&none);
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("sigsuspend: %d errno=%s got=%d still blocked=%d\n", n,
           errno == EINTR ? "EINTR" : "?", got, sigismember(&cur, SIGUSR1));
    read(fds[0], &c, 1);

    /* sigtimedwait */
    siginfo_t si;
    raise(SIGUSR1);
    n = sigtimedwait(&usr1, &si, NULL);
    printf("sigtimedwait: %d code=%s pid_ok=%d got=%d\n", n,
           si.si_code == SI_TKILL ? "SI_TKILL" : si.si_code == SI_USER ? "SI_USER" : "?", si.si_pid == getpid(), got);
    struct timespec ten_ms = {0, 10000000};
    n = sigtimedwait(&usr1, &si, &ten_ms);
    printf("timeout: %d errno=%s\n", n, n < 0 && errno == EAGAIN ? "EAGAIN" : "?");

    /* sigqueue: a value, and real-time signals queue while blocked. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 42});
    printf("sigqueue: n=%d value=%d code=%s\n", nval, val[0], codes[0] == SI_QUEUE ? "SI_QUEUE" : "?");
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    nval = 0;
    for (int i = 1; i <= 3; i++)
        sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = i});
    sigprocmask(SIG_UNBLOCK, &rt, NULL);
    printf("rt queued: n=%d values=%d,%d,%d\n", nval, val[0], val[1], val[2]);

    /* signalfd sees a blocked signal */
    int sfd = signalfd(-1, &usr1, SFD_CLOEXEC);
    kill(getpid(), SIGUSR1);
    struct signalfd_siginfo ssi;
    r = read(sfd, &ssi, sizeof ssi);
    printf("signalfd: read=%zd signo=%u code=%s pid_ok=%d\n", r, ssi.ssi_signo,
           ssi.ssi_code == SI_USER ? "SI_USER" : "?", ssi.ssi_pid == (unsigned)getpid());
    return 0;
}
