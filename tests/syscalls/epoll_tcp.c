/* A TCP echo server and client in one process on 127.0.0.1, both
 * non-blocking and driven by one epoll loop: socket, bind to port 0,
 * getsockname, listen, a connect that is EINPROGRESS, accept4,
 * getpeername, SO_ERROR, sendto/recvfrom on a stream, shutdown. */
#include "common.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { LISTENER = 1, CLIENT = 2, SERVER = 3 };
#define ROUNDS 100

static int ep, lfd, cfd, sfd = -1;
static int sent, echoed, got;

static void watch(int fd, unsigned events, int tag, int op)
{
    struct epoll_event ev = {.events = events, .data.u64 = tag};
    MUST(epoll_ctl(ep, op, fd, &ev));
}

static void client_send(void)
{
    char msg[32];
    int n = snprintf(msg, sizeof msg, "message %03d", sent);
    if (send(cfd, msg, n, MSG_NOSIGNAL) != n)
        printf("short send\n");
    sent++;
}

static void on_server(void)
{
    char buf[256];
    ssize_t n = recvfrom(sfd, buf, sizeof buf, 0, NULL, NULL);
    if (n == 0) {
        printf("server saw EOF after %d echoes\n", echoed);
        close(sfd);
        sfd = -1;
        return;
    }
    if (n > 0) {
        sendto(sfd, buf, n, 0, NULL, 0);
        echoed++;
    }
}

static void on_client(void)
{
    char buf[32], want[32];
    ssize_t n = recv(cfd, buf, 11, 0);
    if (n != 11)
        return;
    snprintf(want, sizeof want, "message %03d", got);
    if (memcmp(buf, want, 11))
        printf("mismatch at %d\n", got);
    if (++got == ROUNDS)
        shutdown(cfd, SHUT_WR);
    else
        client_send();
}

static void on_accept(void)
{
    struct sockaddr_in peer;
    socklen_t len = sizeof peer;
    sfd = accept4(lfd, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    printf("accept4: %s, len %u, family %d, addr %s\n", sfd >= 0 ? "ok" : "failed", len,
           peer.sin_family, inet_ntoa(peer.sin_addr));
    printf("accepted nonblock %d cloexec %d\n", !!(fcntl(sfd, F_GETFL) & O_NONBLOCK),
           !!(fcntl(sfd, F_GETFD) & FD_CLOEXEC));
    watch(sfd, EPOLLIN, SERVER, EPOLL_CTL_ADD);
}

int main(void)
{
    MUST(ep = epoll_create1(0));
    MUST(lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    int one = 1;
    SHOW("SO_REUSEADDR", setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    SHOW("bind", bind(lfd, (struct sockaddr *)&a, sizeof a));
    socklen_t len = sizeof a;
    SHOW("getsockname", getsockname(lfd, (struct sockaddr *)&a, &len));
    printf("bound: len %u family %d addr %s port nonzero %d\n", len, a.sin_family,
           inet_ntoa(a.sin_addr), a.sin_port != 0);
    SHOW("listen", listen(lfd, 8));
    watch(lfd, EPOLLIN, LISTENER, EPOLL_CTL_ADD);

    MUST(cfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    SHOW("TCP_NODELAY", setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    int r = connect(cfd, (struct sockaddr *)&a, sizeof a);
    printf("connect: %s\n", r == 0 ? "0" : strerrorname_np(errno));
    watch(cfd, EPOLLOUT, CLIENT, EPOLL_CTL_ADD);

    int connected = 0, loops = 0;
    while (loops++ < 10000) {
        struct epoll_event ev[4];
        int n = epoll_wait(ep, ev, 4, 2000);
        if (n <= 0) {
            printf("epoll_wait: %d, stuck\n", n);
            return 1;
        }
        for (int i = 0; i < n; i++) {
            switch (ev[i].data.u64) {
            case LISTENER: on_accept(); break;
            case SERVER: on_server(); break;
            case CLIENT:
                if (!connected) {
                    int err = -1;
                    socklen_t el = sizeof err;
                    getsockopt(cfd, SOL_SOCKET, SO_ERROR, &err, &el);
                    printf("connected: SO_ERROR %d len %u\n", err, el);
                    struct sockaddr_in p;
                    socklen_t pl = sizeof p;
                    SHOW("getpeername", getpeername(cfd, (struct sockaddr *)&p, &pl));
                    printf("peer is listener: %d\n", p.sin_port == a.sin_port);
                    connected = 1;
                    watch(cfd, EPOLLIN | EPOLLRDHUP, CLIENT, EPOLL_CTL_MOD);
                    client_send();
                } else {
                    if (ev[i].events & (EPOLLRDHUP | EPOLLHUP)) {
                        printf("client saw hangup, events has IN %d\n", !!(ev[i].events & EPOLLIN));
                        printf("round trips %d\n", got);
                        return 0;
                    }
                    on_client();
                }
                break;
            }
        }
    }
    printf("too many loops\n");
    return 1;
}
