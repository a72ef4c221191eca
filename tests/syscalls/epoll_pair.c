/* epoll over a socketpair and pipes: event masks and the 64-bit data
 * word survive the riscv64 (16-byte) <-> x86-64 (12-byte packed)
 * conversion, in both directions and for many events at once;
 * MOD/DEL, edge triggering, timeouts and argument errors. */
#include "common.h"

#include <stdint.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void show_events(const char *what, struct epoll_event *ev, int n)
{
    printf("%s: %d", what, n);
    for (int i = 0; i < n; i++)
        printf(" [%#x %#llx]", ev[i].events, (unsigned long long)ev[i].data.u64);
    printf("\n");
}

int main(void)
{
    int sv[2], ep;
    MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    MUST(ep = epoll_create1(EPOLL_CLOEXEC));
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull};
    SHOW("ctl add sv1", epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev));
    SHOW("ctl add again", epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev));
    struct epoll_event out[8];
    memset(out, 0xa5, sizeof out);
    show_events("nothing ready", out, epoll_wait(ep, out, 8, 0));
    MUST(write(sv[0], "ping", 4));
    int n = epoll_wait(ep, out, 8, 1000);
    show_events("ping ready", out, n);
    /* The guest's struct has 4 bytes of padding after events: untouched. */
    unsigned char *raw = (unsigned char *)&out[0];
    printf("padding kept: %d\n", raw[4] == 0xa5 && raw[7] == 0xa5);
    char buf[16];
    SHOW("read", read(sv[1], buf, sizeof buf));

    /* Echo back with sv0 watched for input, data as a pointer-sized int. */
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = 0xfedcba9876543210ull;
    SHOW("ctl add sv0", epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev));
    MUST(write(sv[1], "pong", 4));
    n = epoll_wait(ep, out, 8, 1000);
    show_events("pong ready", out, n);
    SHOW("read", read(sv[0], buf, sizeof buf));
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 7;
    SHOW("ctl mod sv0", epoll_ctl(ep, EPOLL_CTL_MOD, sv[0], &ev));
    SHOW("ctl del sv1", epoll_ctl(ep, EPOLL_CTL_DEL, sv[1], NULL));
    SHOW("ctl del sv1 again", epoll_ctl(ep, EPOLL_CTL_DEL, sv[1], NULL));
    MUST(write(sv[1], "x", 1));
    show_events("edge 1", out, epoll_wait(ep, out, 8, 1000));
    show_events("edge 2 (no new data)", out, epoll_wait(ep, out, 8, 0));

    /* Many ready fds, fetched in small batches. */
    int ep2 = epoll_create1(0), p[12][2];
    for (int i = 0; i < 12; i++) {
        MUST(pipe(p[i]));
        MUST(write(p[i][1], "z", 1));
        struct epoll_event e = {.events = EPOLLIN, .data.u64 = 0x100000000ull * i + i};
        MUST(epoll_ctl(ep2, EPOLL_CTL_ADD, p[i][0], &e));
    }
    uint64_t seen = 0;
    int total = 0, bad = 0;
    for (int round = 0; round < 4; round++) {
        struct epoll_event e[5];
        n = epoll_wait(ep2, e, 5, 0);
        for (int i = 0; i < n; i++) {
            int k = (int)(e[i].data.u64 & 0xff);
            bad += e[i].data.u64 != 0x100000000ull * k + k || e[i].events != EPOLLIN;
            seen |= 1ull << k;
            read(p[k][0], buf, 1);
        }
        printf("batch %d: %d\n", round, n);
        total += n;
    }
    printf("12 pipes: total %d, all seen %d, bad %d\n", total, seen == 0xfff, bad);

    /* epoll_pwait2 with a timespec, and errors. */
    struct timespec ts = {0, 20 * 1000 * 1000};
    SHOW("pwait2 20ms", epoll_pwait2(ep2, out, 8, &ts, NULL));
    SHOW("wait maxevents 0", epoll_wait(ep, out, 0, 0));
    SHOW("wait bad buffer", epoll_wait(ep, BADPTR, 8, 0));
    SHOW("ctl bad event", epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], BADPTR));
    SHOW("ctl on itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    SHOW("wait not epoll", epoll_wait(sv[0], out, 8, 0));
    SHOW("create1 bad flag", epoll_create1(1));
    return 0;
}
