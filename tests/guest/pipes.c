/* pipe2, dup/dup3, fcntl flags, FIONREAD and nonblocking reads. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "sayerr.h"

int main(void)
{
    int p[2];
    if (pipe(p))
        return 1;
    const char msg[] = "through the pipe";
    printf("write %zd\n", write(p[1], msg, sizeof msg));
    int avail = -1;
    SAYERR("FIONREAD", ioctl(p[0], FIONREAD, &avail));
    printf("avail %d\n", avail);
    char buf[64] = {0};
    SAYERR("read", read(p[0], buf, sizeof buf));
    printf("[%s]\n", buf);

    int d = dup(p[1]);
    printf("dup ok %d\n", d > p[1]);
    printf("write via dup %zd\n", write(d, "xyz", 3));
    int d2 = dup3(p[0], 20, O_CLOEXEC);
    printf("dup3 %d cloexec %d\n", d2, (fcntl(d2, F_GETFD) & FD_CLOEXEC) != 0);
    SAYERR("dup3 same", dup3(d2, d2, 0));
    memset(buf, 0, sizeof buf);
    SAYERR("read via dup3", read(d2, buf, sizeof buf));
    printf("[%s]\n", buf);
    SAYERR("F_SETFL", fcntl(d2, F_SETFL, O_NONBLOCK));
    printf("nonblock %d\n", (fcntl(d2, F_GETFL) & O_NONBLOCK) != 0);
    SAYERR("empty read", read(d2, buf, 1));
    int q[2];
    SAYERR("pipe2", pipe2(q, O_CLOEXEC | O_NONBLOCK));
    printf("pipe2 flags cloexec %d nonblock %d\n", (fcntl(q[0], F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(q[1], F_GETFL) & O_NONBLOCK) != 0);
    int fd = fcntl(q[0], F_DUPFD, 50);
    printf("F_DUPFD %d\n", fd);
    close(p[1]);
    close(d);
    SAYERR("eof read", read(p[0], buf, sizeof buf));
    SAYERR("close bad", close(999));
    SAYERR("isatty pipe", isatty(q[0]));
    /* A big write must come through intact in pieces. */
    static char big[60000], back[60000];
    for (unsigned i = 0; i < sizeof big; i++)
        big[i] = (char)(i * 13);
    int r[2];
    pipe(r);
    fcntl(r[1], F_SETPIPE_SZ, 65536);
    ssize_t w = write(r[1], big, sizeof big);
    size_t got = 0;
    while (got < sizeof back) {
        ssize_t k = read(r[0], back + got, sizeof back - got);
        if (k <= 0)
            break;
        got += k;
    }
    printf("big %zd %zu same %d\n", w, got, memcmp(big, back, sizeof big) == 0);
    return 0;
}
