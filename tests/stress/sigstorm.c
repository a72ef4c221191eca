/* A signal storm: a forked sender process fires SIGUSR1 with kill (may
 * coalesce) and sigqueue's real-time SIGRTMIN signals (must all arrive)
 * at this process while its four threads spin; a fifth, in-process
 * thread also sigqueue's SIGRTMIN+1 with pthread_sigqueue to a spinner.
 * A sixth thread makes system calls in a loop, so signals also arrive
 * at syscall boundaries, and the main thread blocks in read and waitpid:
 * with SA_RESTART those never fail with EINTR (Linux restarts them).
 * Every queued real-time signal must be counted exactly once; at least
 * one SIGUSR1, at most as many as were sent. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N_RT 2000
#define N_STD 2000
#define N_THR 1000

static volatile long n_usr1, n_rt, n_rt1, bad_value, n_calls;
static volatile int stop;
static pthread_t spinners[4];

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig == SIGUSR1)
        __atomic_add_fetch(&n_usr1, 1, __ATOMIC_RELAXED);
    else if (sig == SIGRTMIN) {
        if (si->si_code != SI_QUEUE || si->si_value.sival_int != 42)
            __atomic_add_fetch(&bad_value, 1, __ATOMIC_RELAXED);
        __atomic_add_fetch(&n_rt, 1, __ATOMIC_RELAXED);
    } else if (sig == SIGRTMIN + 1)
        __atomic_add_fetch(&n_rt1, 1, __ATOMIC_RELAXED);
}

static void *spin(void *arg)
{
    uint64_t h = (uintptr_t)arg;
    while (!stop)
        h = h * 6364136223846793005ull + 1;
    return (void *)(uintptr_t)h;
}

static void *syscaller(void *arg)
{
    (void)arg;
    while (!stop) {
        if (getppid() <= 0)
            __atomic_add_fetch(&bad_value, 1, __ATOMIC_RELAXED);
        n_calls++;
    }
    return NULL;
}

/* Queues N_THR SIGRTMIN+1 at spinner 0, retrying on EAGAIN. */
static void *queuer(void *arg)
{
    (void)arg;
    union sigval v = {.sival_int = 7};
    for (int i = 0; i < N_THR; i++)
        while (pthread_sigqueue(spinners[0], SIGRTMIN + 1, v) == EAGAIN)
            sched_yield();
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);
    for (int i = 0; i < 4; i++)
        pthread_create(&spinners[i], NULL, spin, (void *)(uintptr_t)i);
    pthread_t caller;
    pthread_create(&caller, NULL, syscaller, NULL);

    pid_t me = getpid();
    int pfd[2];
    pipe(pfd);
    pid_t kid = fork();
    if (kid == 0) {
        long sent_rt = 0, sent_std = 0;
        union sigval v = {.sival_int = 42};
        for (int i = 0; i < N_RT || i < N_STD; i++) {
            if (i < N_STD && kill(me, SIGUSR1) == 0)
                sent_std++;
            if (i < N_RT) {
                while (sigqueue(me, SIGRTMIN, v) < 0 && errno == EAGAIN)
                    sched_yield();
                sent_rt++;
            }
        }
        long msg[2] = {sent_rt, sent_std};
        write(pfd[1], msg, sizeof msg);
        _exit(0);
    }
    close(pfd[1]);
    pthread_t q;
    pthread_create(&q, NULL, queuer, NULL);
    long msg[2] = {-1, -1};
    ssize_t got;
    if ((got = read(pfd[0], msg, sizeof msg)) != (ssize_t)sizeof msg) {
        printf("FAIL read from the sender: %zd (%s)\n", got, got < 0 ? strerror(errno) : "short");
        return 1;
    }
    int st;
    if (waitpid(kid, &st, 0) != kid) {
        printf("FAIL waitpid for the sender: %s\n", strerror(errno));
        return 1;
    }
    pthread_join(q, NULL);
    /* Everything is queued now; give delivery up to 5 s. */
    double end = now() + 5;
    while ((n_rt < msg[0] || n_rt1 < N_THR) && now() < end)
        usleep(1000);
    usleep(20000);
    stop = 1;
    for (int i = 0; i < 4; i++)
        pthread_join(spinners[i], NULL);
    pthread_join(caller, NULL);
    int ok = n_rt == msg[0] && n_rt1 == N_THR && !bad_value && n_usr1 >= 1 && n_usr1 <= msg[1];
    printf("%s rt %ld/%ld rt1 %ld/%d usr1 %ld (sent %ld) bad %ld\n", ok ? "ok" : "FAIL", n_rt,
           msg[0], n_rt1, N_THR, n_usr1, msg[1], bad_value);
    return !ok;
}
