/* A signal that lands just as a blocking call starts must interrupt it
 * or run before it, never be left pending while the call sleeps. A
 * thread sends SIGUSR1 to the main thread at varying moments around its
 * entry into read() on an empty pipe; the handler writes the byte the
 * read then gets, so a handler that runs before the read (or during it,
 * with SA_RESTART) ends it with 1 and one that interrupts it gives
 * EINTR. Without a race-free host call the read sleeps forever (the
 * runner's timeout fails the case). The same with ppoll on the pipe,
 * whose only wake-up is the signal too. And a call that does not block
 * (writev to /dev/null) never fails with EINTR however signals land
 * around it: a signal that comes first runs its handler, then the call
 * (1024 buffers give the signal time to land while rvx prepares it). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define ROUNDS 20000

static int fds[2];
static pid_t main_tid;
static volatile int ready, handled;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
    if (write(fds[1], "x", 1) != 1)
        _exit(3);
}

static void *sender(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (__atomic_load_n(&ready, __ATOMIC_ACQUIRE) != i + 1)
            ;
        syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
    }
    return NULL;
}

static void drain(void)
{
    char buf[16];
    while (read(fds[0], buf, sizeof buf) > 0)
        ;
}

static int run(int flags, int use_ppoll)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = flags;
    sigaction(SIGUSR1, &sa, NULL);
    handled = 0;
    ready = 0;
    pthread_t t;
    pthread_create(&t, NULL, sender, NULL);
    int ones = 0, eintr = 0;
    for (int i = 0; i < ROUNDS; i++) {
        int before = handled;
        __atomic_store_n(&ready, i + 1, __ATOMIC_RELEASE);
        /* the signal is on its way: enter the call a little later each
         * round, sweeping its arrival across the call's start */
        for (volatile int d = 0; d < i % 8192; d++)
            ;
        char c;
        long r;
        if (use_ppoll) {
            struct pollfd p = {fds[0], POLLIN, 0};
            /* the handler's byte makes it ready: 1, or EINTR */
            r = ppoll(&p, 1, NULL, NULL);
        } else {
            r = read(fds[0], &c, 1);
        }
        if (r == 1)
            ones++;
        else if (r < 0 && errno == EINTR)
            eintr++;
        else {
            printf("round %d: r=%ld errno=%d\n", i, r, errno);
            return 1;
        }
        while (handled == before) /* the handler may still be on its way */
            ;
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        drain();
        fcntl(fds[0], F_SETFL, 0);
    }
    pthread_join(t, NULL);
    if (handled != ROUNDS || ones + eintr != ROUNDS || ((flags & SA_RESTART) && eintr && !use_ppoll)) {
        printf("handled=%d ones=%d eintr=%d\n", handled, ones, eintr);
        return 1;
    }
    return 0;
}

static volatile int storm_done;

static void *storm(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        syscall(SYS_tgkill, getpid(), main_tid, SIGUSR2);
        for (volatile int d = 0; d < i % 512; d++)
            ;
    }
    storm_done = 1;
    return NULL;
}

static void on_usr2(int sig) { (void)sig; handled++; }

/* Writes to /dev/null while SIGUSR2 (a handler, no SA_RESTART) keeps
 * coming: no write may fail. */
static int run_storm(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    int fd = open("/dev/null", O_WRONLY);
    pthread_t t;
    pthread_create(&t, NULL, storm, NULL);
    static struct iovec iov[1024];
    for (int i = 0; i < 1024; i++)
        iov[i] = (struct iovec){(void *)"x", 1};
    long writes = 0, bad = 0;
    while (!storm_done) {
        if (writev(fd, iov, 1024) != 1024)
            bad++;
        writes++;
    }
    pthread_join(t, NULL);
    close(fd);
    if (bad)
        printf("%ld of %ld writes failed (errno %d)\n", bad, writes, errno);
    return bad != 0;
}

int main(void)
{
    main_tid = (pid_t)syscall(SYS_gettid);
    if (pipe(fds))
        return 2;
    printf("read: %s\n", run(0, 0) ? "FAIL" : "ok");
    printf("read restart: %s\n", run(SA_RESTART, 0) ? "FAIL" : "ok");
    printf("ppoll: %s\n", run(0, 1) ? "FAIL" : "ok");
    printf("write: %s\n", run_storm() ? "FAIL" : "ok");
    return 0;
}
