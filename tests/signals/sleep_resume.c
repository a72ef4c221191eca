/* An interrupted relative sleep that no handler takes resumes for the
 * time left, not the whole time again (Linux's restart_syscall): a stop
 * and continue, and ignored signals, must not lengthen nanosleep,
 * relative clock_nanosleep or a timed futex wait. "race": a signal
 * with a handler interrupts the sleep and another thread sets it to
 * SIG_IGN at once, so either the handler runs (EINTR) or the signal is
 * discarded and the sleep resumes to its deadline. Prints one line per
 * case; the parent measures with CLOCK_MONOTONIC. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SLEEP_MS 600

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned word;

/* kind 0: nanosleep, 1: relative clock_nanosleep, 2: futex wait */
static long sleep_once(int kind)
{
    struct timespec ts = {SLEEP_MS / 1000, (SLEEP_MS % 1000) * 1000000L};
    switch (kind) {
    case 0: return nanosleep(&ts, NULL) ? -errno : 0;
    case 1: return -clock_nanosleep(CLOCK_REALTIME, 0, &ts, NULL);
    default:
        return syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0) ? -errno : 0;
    }
}

static const char *const names[] = {"nanosleep", "clock_nanosleep", "futex"};

/* The sleep is done by a child; this process stops and continues it
 * and sends it signals it ignores. */
static void stopped(int kind)
{
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGUSR2, SIG_IGN);
        double t0 = now();
        long r = sleep_once(kind);
        int ms = (int)((now() - t0) * 1000);
        int ok = (kind == 2 ? r == -ETIMEDOUT : r == 0) && ms >= SLEEP_MS && ms < SLEEP_MS + 150;
        printf("%s stop/cont: %s\n", names[kind], ok ? "ok" : "BAD");
        if (!ok)
            printf("  r=%ld elapsed %d ms\n", r, ms);
        _exit(0);
    }
    usleep(100000);
    kill(pid, SIGUSR2);
    kill(pid, SIGWINCH);
    usleep(50000);
    kill(pid, SIGSTOP);
    usleep(200000);
    kill(pid, SIGCONT);
    kill(pid, SIGUSR2);
    int st;
    waitpid(pid, &st, 0);
}

static pid_t main_pid;
static volatile int handled;

static void on_usr1(int sig)
{
    (void)sig;
    handled = 1;
}

static void *ignorer(void *arg)
{
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL); /* the main thread takes it */
    usleep(300000); /* a whole rerun would take 900 ms */
    kill(main_pid, SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    return NULL;
}

static void race(int kind)
{
    signal(SIGUSR1, on_usr1);
    handled = 0;
    pthread_t t;
    pthread_create(&t, NULL, ignorer, NULL);
    double t0 = now();
    long r = sleep_once(kind);
    int ms = (int)((now() - t0) * 1000);
    pthread_join(t, NULL);
    int ok;
    if (r == -EINTR)
        ok = handled;
    else
        ok = !handled && (kind == 2 ? r == -ETIMEDOUT : r == 0) && ms >= SLEEP_MS &&
             ms < SLEEP_MS + 150;
    printf("%s race: %s\n", names[kind], ok ? "ok" : "BAD");
    if (!ok)
        printf("  r=%ld handled=%d elapsed %d ms\n", r, handled, ms);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    main_pid = getpid();
    for (int k = 0; k < 3; k++)
        stopped(k);
    for (int k = 0; k < 3; k++)
        race(k);
    return 0;
}
