/* sendmsg/recvmsg over UNIX sockets: scattered iovecs, an address,
 * SCM_RIGHTS passing a pipe's read end that is then used, SCM_CREDENTIALS
 * with SO_PASSCRED, MSG_CTRUNC when the control buffer is short,
 * MSG_TRUNC on a datagram, sendmmsg/recvmmsg with msg_len, and errors. */
#include "common.h"

#include <stddef.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static void send_fd(int sock, int fd)
{
    char a[] = "hel", b[] = "lo, ", c[] = "world";
    struct iovec iov[3] = {{a, 3}, {b, 4}, {c, 5}};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = 3, .msg_control = u.buf,
                       .msg_controllen = sizeof u.buf};
    struct cmsghdr *c0 = CMSG_FIRSTHDR(&m);
    c0->cmsg_level = SOL_SOCKET;
    c0->cmsg_type = SCM_RIGHTS;
    c0->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c0), &fd, sizeof fd);
    SHOW("sendmsg rights", sendmsg(sock, &m, 0));
}

static int recv_fd(int sock)
{
    char x[5] = {0}, y[16] = {0};
    struct iovec iov[2] = {{x, 5}, {y, sizeof y - 1}};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = 2, .msg_control = u.buf,
                       .msg_controllen = sizeof u.buf};
    SHOW("recvmsg rights", recvmsg(sock, &m, MSG_CMSG_CLOEXEC));
    printf("pieces \"%.5s\" \"%s\" controllen %zu flags %#x\n", x, y, m.msg_controllen,
           m.msg_flags);
    struct cmsghdr *c0 = CMSG_FIRSTHDR(&m);
    if (!c0 || c0->cmsg_type != SCM_RIGHTS || c0->cmsg_len != CMSG_LEN(sizeof(int)))
        return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(c0), sizeof fd);
    return fd;
}

static void rights(void)
{
    int sv[2], p[2];
    MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    MUST(pipe(p));
    send_fd(sv[0], p[0]);
    close(p[0]);
    int fd = recv_fd(sv[1]);
    printf("got an fd: %d\n", fd >= 0);
    MUST(write(p[1], "through the passed fd", 21));
    char buf[32] = {0};
    SHOW("read passed fd", read(fd, buf, sizeof buf - 1));
    printf("data \"%s\"\n", buf);

    /* A control buffer with room for no fd: truncated, fd not installed. */
    send_fd(sv[0], p[1]);
    char d[16];
    struct iovec iov = {d, sizeof d};
    char small[4];
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = small,
                       .msg_controllen = sizeof small};
    SHOW("recvmsg short control", recvmsg(sv[1], &m, 0));
    printf("ctrunc %d controllen %zu\n", !!(m.msg_flags & MSG_CTRUNC), m.msg_controllen);
}

static void credentials(void)
{
    int sv[2], one = 1;
    MUST(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    SHOW("SO_PASSCRED", setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
    MUST(send(sv[0], "cred", 4, 0));
    char d[8];
    struct iovec iov = {d, sizeof d};
    union { char buf[CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr align; } u;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                       .msg_controllen = sizeof u.buf};
    SHOW("recvmsg creds", recvmsg(sv[1], &m, 0));
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    struct ucred cr = {0};
    if (c && c->cmsg_type == SCM_CREDENTIALS)
        memcpy(&cr, CMSG_DATA(c), sizeof cr);
    printf("creds: pid %d uid %d gid %d\n", cr.pid == getpid(), cr.uid == getuid(),
           cr.gid == getgid());
    socklen_t len = sizeof cr;
    memset(&cr, 0, sizeof cr);
    SHOW("SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len));
    printf("peercred: len %u pid %d\n", len, cr.pid == getpid());

    /* Datagram bigger than the buffer: MSG_TRUNC, and the real size with
     * MSG_TRUNC in the flags argument. */
    MUST(send(sv[0], "0123456789", 10, 0));
    struct msghdr t = {.msg_iov = &iov, .msg_iovlen = 1};
    iov.iov_len = 4;
    SHOW("recvmsg trunc", recvmsg(sv[1], &t, 0));
    printf("trunc flag %d\n", !!(t.msg_flags & MSG_TRUNC));
    MUST(send(sv[0], "0123456789", 10, 0));
    SHOW("recv MSG_TRUNC", recv(sv[1], d, 4, MSG_TRUNC));
}

static void named(void)
{
    char path[64];
    snprintf(path, sizeof path, "%s/rvx-sock-%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             getpid());
    unlink(path);
    int s, c;
    MUST(s = socket(AF_UNIX, SOCK_DGRAM, 0));
    MUST(c = socket(AF_UNIX, SOCK_DGRAM, 0));
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    strcpy(a.sun_path, path);
    socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
    SHOW("bind unix", bind(s, (struct sockaddr *)&a, alen));
    struct sockaddr_un ca = {.sun_family = AF_UNIX};
    strcpy(ca.sun_path, path);
    strcat(ca.sun_path, "c");
    unlink(ca.sun_path);
    SHOW("bind client", bind(c, (struct sockaddr *)&ca, alen + 1));
    SHOW("sendto", sendto(c, "to you", 6, 0, (struct sockaddr *)&a, alen));
    struct sockaddr_un from;
    socklen_t fl = sizeof from;
    char buf[16] = {0};
    SHOW("recvfrom", recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
    printf("from client: %d, len ok %d, data \"%s\"\n", !strcmp(from.sun_path, ca.sun_path),
           fl == alen + 1, buf);
    /* recvmsg with msg_name */
    SHOW("sendto 2", sendto(c, "again", 5, 0, (struct sockaddr *)&a, alen));
    struct iovec iov = {buf, sizeof buf};
    struct msghdr m = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov,
                       .msg_iovlen = 1};
    memset(&from, 0, sizeof from);
    SHOW("recvmsg named", recvmsg(s, &m, 0));
    printf("msg_name from client %d namelen ok %d\n", !strcmp(from.sun_path, ca.sun_path),
           m.msg_namelen == alen + 1);
    unlink(path);
    unlink(ca.sun_path);
}

static void mmsg(void)
{
    int sv[2];
    MUST(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    char *words[3] = {"one", "three", "fifteen"};
    struct iovec siov[3];
    struct mmsghdr sm[3];
    memset(sm, 0, sizeof sm);
    for (int i = 0; i < 3; i++) {
        siov[i] = (struct iovec){words[i], strlen(words[i])};
        sm[i].msg_hdr.msg_iov = &siov[i];
        sm[i].msg_hdr.msg_iovlen = 1;
    }
    SHOW("sendmmsg", sendmmsg(sv[0], sm, 3, 0));
    printf("msg_len %u %u %u\n", sm[0].msg_len, sm[1].msg_len, sm[2].msg_len);
    char bufs[4][16];
    struct iovec riov[4];
    struct mmsghdr rm[4];
    memset(rm, 0, sizeof rm);
    memset(bufs, 0, sizeof bufs);
    for (int i = 0; i < 4; i++) {
        riov[i] = (struct iovec){bufs[i], sizeof bufs[i]};
        rm[i].msg_hdr.msg_iov = &riov[i];
        rm[i].msg_hdr.msg_iovlen = 1;
    }
    struct timespec ts = {1, 0};
    SHOW("recvmmsg waitforone", recvmmsg(sv[1], rm, 4, MSG_WAITFORONE, &ts));
    printf("got \"%s\" \"%s\" \"%s\" lens %u %u %u %u\n", bufs[0], bufs[1], bufs[2], rm[0].msg_len,
           rm[1].msg_len, rm[2].msg_len, rm[3].msg_len);
    SHOW("recvmmsg empty nonblock", recvmmsg(sv[1], rm, 4, MSG_DONTWAIT, NULL));
    /* A bad second entry shortens the batch; a bad first one is EFAULT. */
    sm[1].msg_hdr.msg_iov = BADPTR;
    SHOW("sendmmsg bad second", sendmmsg(sv[0], sm, 3, 0));
    SHOW("sendmmsg bad first", sendmmsg(sv[0], &sm[1], 2, 0));
    SHOW("sendmmsg none", sendmmsg(sv[0], sm, 0, 0));
}

static void errors(void)
{
    int sv[2];
    MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    struct iovec iov = {"x", 1};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1025};
    SHOW("sendmsg 1025 iovecs", sendmsg(sv[0], &m, 0));
    m.msg_iovlen = 1;
    m.msg_iov = BADPTR;
    SHOW("sendmsg bad iov", sendmsg(sv[0], &m, 0));
    SHOW("sendmsg bad msghdr", sendmsg(sv[0], BADPTR, 0));
    SHOW("recvmsg bad msghdr", recvmsg(sv[0], BADPTR, MSG_DONTWAIT));
    m.msg_iov = &iov;
    SHOW("sendmsg on /dev/null", sendmsg(0, &m, 0));
    /* (Linux stores the two fds before it finds that AF_INET has no
     * socketpair, so the array must not be one still in use.) */
    int other[2];
    SHOW("socketpair inet", socketpair(AF_INET, SOCK_STREAM, 0, other));
    SHOW("socket bad family", socket(12345, SOCK_STREAM, 0));
    SHOW("bind bad len", bind(sv[0], BADPTR, 200));
    SHOW("bind bad addr", bind(sv[0], BADPTR, 16));
    SHOW("shutdown", shutdown(sv[0], SHUT_RDWR));
    SHOW("shutdown bad how", shutdown(sv[0], 7));
    char c;
    SHOW("recv after shutdown", recv(sv[0], &c, 1, 0));
}

int main(void)
{
    rights();
    credentials();
    named();
    mmsg();
    errors();
    return 0;
}
