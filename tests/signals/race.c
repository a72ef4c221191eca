/* A signal that lands just as a blocking call starts must interrupt it
 * or run before it, never be left pending while the call sleeps. A
 * thread sends SIGUSR1 to the main thread at varying moments around its
 * entry into read() on an empty pipe; the handler writes the byte the
 * read then gets, so a handler that runs before the read (or during it,
 * with SA_RESTART) ends it with 1 and one that interrupts it gives
 * EINTR. Without a race-free host call the read sleeps forever (the
 * runner's timeout fails the case). The same with ppoll on the pipe,
 * whose only wake-up is the signal too. */
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

int main(void)
{
    main_tid = (pid_t)syscall(SYS_gettid);
    if (pipe(fds))
        return 2;
    printf("read: %s\n", run(0, 0) ? "FAIL" : "ok");
    printf("read restart: %s\n", run(SA_RESTART, 0) ? "FAIL" : "ok");
    printf("ppoll: %s\n", run(0, 1) ? "FAIL" : "ok");
    return 0;
}
