/* Process-directed signals are not lost when the thread that took them
 * exits: another process queues N real-time signals to this one while
 * short-lived threads (the only ones not blocking the signal) come and
 * go; whatever a thread took but had not run when it exited must reach
 * another thread, as Linux hands it on. Then the main thread unblocks
 * the signal and every one of the N must have run its handler. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N 3000

static volatile int handled;

static void on_rt(int sig)
{
    (void)sig;
    __atomic_add_fetch(&handled, 1, __ATOMIC_RELAXED);
}

static void *brief(void *arg)
{
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    return NULL;
}

int main(void)
{
    struct sigaction sa = {.sa_handler = on_rt};
    sigaction(SIGRTMIN, &sa, NULL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &s, NULL);
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        union sigval v = {0};
        for (int i = 0; i < N; i++) {
            while (sigqueue(parent, SIGRTMIN, v) != 0)
                usleep(100); /* EAGAIN: the parent's queue is full */
            if (i % 8 == 0)
                usleep(50); /* spread over many threads' lifetimes */
        }
        _exit(0);
    }
    int threads = 0;
    for (;;) {
        pthread_t t;
        if (pthread_create(&t, NULL, brief, NULL) == 0) {
            pthread_join(t, NULL);
            threads++;
        }
        int st;
        if (waitpid(child, &st, WNOHANG) == child)
            break;
    }
    sigprocmask(SIG_UNBLOCK, &s, NULL); /* the rest, still pending */
    struct timespec ten_ms = {0, 10000000};
    for (int i = 0; i < 500 && handled < N; i++)
        nanosleep(&ten_ms, NULL);
    if (handled != N) {
        printf("lost %d of %d signals (%d threads)\n", N - handled, N, threads);
        return 1;
    }
    printf("ok %d signals handled across %s\n", N, threads > 10 ? "many threads" : "few threads");
    return 0;
}
