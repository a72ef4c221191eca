/* The gdb stub's connection: listen on TCP or a unix socket, accept one
 * debugger, and frame packets of the remote serial protocol:
 *   $payload#ck   ck = two hex digits, the payload's byte sum mod 256
 * acknowledged with '+' (until QStartNoAckMode); '}' escapes '#', '$',
 * '}' and '*' as the byte XOR 0x20; a lone 0x03 is an interrupt (^C).
 * The socket is moved to a high descriptor so the guest's own fds
 * (and close_range(3, ~0)) leave it alone. */
#include "tools/gdb_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "os/hostfd.h"

/* Where rvx's own descriptors go: above what programs usually use. */

static int listen_unix(const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof sa.sun_path)
        return -1;
    strcpy(sa.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    unlink(path);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 1)) {
        close(fd);
        return -1;
    }
    fprintf(stderr, "rvx: waiting for gdb on unix:%s\n", path);
    return fd;
}

/* "PORT" or "HOST:PORT"; port 0 picks a free one, printed. */
static int listen_tcp(const char *where)
{
    const char *colon = strrchr(where, ':');
    const char *port = colon ? colon + 1 : where;
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535)
        return -1;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((u16)p)};
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (colon && colon != where) {
        char host[256];
        snprintf(host, sizeof host, "%.*s", (int)(colon - where), where);
        if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
            return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    socklen_t len = sizeof sa;
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 1) ||
        getsockname(fd, (struct sockaddr *)&sa, &len)) {
        close(fd);
        return -1;
    }
    fprintf(stderr, "rvx: waiting for gdb on port %d\n", ntohs(sa.sin_port));
    return fd;
}

/* High and hidden from the guest (os/hostfd.h). */
static int move_high(int fd)
{
    return hostfd_hide(fd);
}

bool gdb_conn_open(struct gdb_conn *c, const char *where)
{
    memset(c, 0, sizeof *c);
    bool unix_path = !strncmp(where, "unix:", 5);
    int lfd = unix_path ? listen_unix(where + 5) : listen_tcp(where);
    if (lfd < 0)
        return false;
    int fd;
    do
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    close(lfd);
    if (unix_path)
        unlink(where + 5);
    if (fd < 0)
        return false;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* fails harmlessly on unix */
    c->fd = move_high(fd);
    return true;
}

/* Next byte from the debugger; -1 when the connection is gone. */
static int get_byte(struct gdb_conn *c)
{
    if (c->in_pos == c->in_len) {
        ssize_t n;
        do
            n = read(c->fd, c->in, sizeof c->in);
        while (n < 0 && errno == EINTR);
        if (n <= 0)
            return -1;
        c->in_pos = 0;
        c->in_len = (size_t)n;
    }
    return c->in[c->in_pos++];
}

static bool write_all(int fd, const void *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p = (const char *)p + w;
        n -= (size_t)w;
    }
    return true;
}

int gdb_conn_recv(struct gdb_conn *c, char *buf)
{
    for (;;) {
        int ch = get_byte(c);
        if (ch < 0)
            return -1;
        if (ch == 3) {
            buf[0] = 3, buf[1] = 0;
            return 1;
        }
        if (ch != '$')
            continue; /* acks, noise */
        size_t n = 0;
        u8 sum = 0;
        while ((ch = get_byte(c)) >= 0 && ch != '#') {
            sum += (u8)ch;
            if (n < GDB_PACKET_MAX - 1)
                buf[n++] = (char)ch;
        }
        int h = get_byte(c), l = get_byte(c);
        if (ch < 0 || h < 0 || l < 0)
            return -1;
        buf[n] = 0;
        bool ok = gdb_hexval((char)h) * 16 + gdb_hexval((char)l) == sum;
        if (!c->no_ack && !write_all(c->fd, ok ? "+" : "-", 1))
            return -1;
        if (ok)
            return (int)n;
    }
}

bool gdb_conn_send(struct gdb_conn *c, const char *data, size_t len)
{
    static char out[2 * GDB_PACKET_MAX + 8];
    size_t n = 0;
    u8 sum = 0;
    out[n++] = '$';
    for (size_t i = 0; i < len && n < sizeof out - 8; i++) {
        u8 ch = (u8)data[i];
        if (ch == '#' || ch == '$' || ch == '}' || ch == '*') {
            out[n++] = '}';
            sum += '}';
            ch ^= 0x20;
        }
        out[n++] = (char)ch;
        sum += ch;
    }
    n += (size_t)snprintf(out + n, 4, "#%02x", sum);
    for (int tries = 0; tries < 8; tries++) {
        if (!write_all(c->fd, out, n))
            return false;
        if (c->no_ack)
            return true;
        int ack;
        while ((ack = get_byte(c)) >= 0 && ack != '+' && ack != '-')
            ;
        if (ack < 0)
            return false;
        if (ack == '+')
            return true;
    }
    return false;
}

bool gdb_conn_sendstr(struct gdb_conn *c, const char *s) { return gdb_conn_send(c, s, strlen(s)); }

bool gdb_conn_interrupted(struct gdb_conn *c)
{
    if (c->in_pos == c->in_len) {
        struct pollfd p = {.fd = c->fd, .events = POLLIN};
        if (poll(&p, 1, 0) <= 0)
            return false;
        if (!(p.revents & POLLIN))
            return (p.revents & (POLLHUP | POLLERR)) != 0;
        ssize_t n = read(c->fd, c->in, sizeof c->in);
        if (n <= 0)
            return true; /* gone: stop and let the session notice */
        c->in_pos = 0;
        c->in_len = (size_t)n;
    }
    if (c->in[c->in_pos] == 3) {
        c->in_pos++;
        return true;
    }
    return false;
}

void gdb_conn_close(struct gdb_conn *c)
{
    if (c->fd > 0)
        close(c->fd);
    c->fd = -1;
}

int gdb_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void gdb_tohex(char *out, const void *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const u8 *b = p;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[b[i] >> 4];
        out[2 * i + 1] = hex[b[i] & 15];
    }
    out[2 * n] = 0;
}

bool gdb_fromhex(void *p, const char *hex, size_t n)
{
    u8 *b = p;
    for (size_t i = 0; i < n; i++) {
        int h = gdb_hexval(hex[2 * i]), l = h < 0 ? -1 : gdb_hexval(hex[2 * i + 1]);
        if (l < 0)
            return false;
        b[i] = (u8)(h * 16 + l);
    }
    return true;
}
