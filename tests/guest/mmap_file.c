/* mmap family through the syscall layer: anonymous and file mappings
 * (private and shared), mprotect, mremap, munmap, brk/sbrk, and the
 * argument errors (bad fd, unaligned offset, zero length). Also poll. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *en(void)
{
    int e = errno;
    errno = 0;
    return e == EBADF ? "EBADF" : e == EINVAL ? "EINVAL" : e == EACCES ? "EACCES" : e ? "other" : "-";
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    printf("page %ld\n", pg);
    char *a = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anon ok %d zero %d\n", a != MAP_FAILED, a[0] == 0 && a[3 * pg - 1] == 0);
    memset(a, 'x', 3 * pg);
    printf("munmap middle %d\n", munmap(a + pg, pg));
    printf("mprotect ro %d\n", mprotect(a, pg, PROT_READ));
    printf("still reads %c\n", a[0]);
    char *b = mremap(a + 2 * pg, pg, 4 * pg, MREMAP_MAYMOVE);
    printf("mremap ok %d kept %c grown zero %d\n", b != MAP_FAILED, b[0], b[4 * pg - 1] == 0);
    munmap(b, 4 * pg);
    munmap(a, pg);

    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/rvx-mmap-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    unlink(path);
    char data[8192];
    for (int i = 0; i < 8192; i++)
        data[i] = (char)('a' + i % 26);
    write(fd, data, sizeof data);
    char *f = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("file private %d [%.5s] [%.3s]\n", f != MAP_FAILED, f, f + 4096);
    munmap(f, 8192);
    f = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    printf("file offset [%.4s]\n", f);
    munmap(f, 4096);
    char *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(s, "SHARED", 6);
    msync(s, 4096, MS_SYNC);
    char back[8] = {0};
    pread(fd, back, 6, 0);
    printf("shared write seen by pread [%s]\n", back);
    munmap(s, 4096);

    errno = 0;
    void *r = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 999, 0);
    printf("bad fd %d %s\n", r == MAP_FAILED, en());
    r = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100);
    printf("unaligned offset %d %s\n", r == MAP_FAILED, en());
    r = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("zero length %d %s\n", r == MAP_FAILED, en());
    close(fd);

    char *brk0 = sbrk(0);
    char *grown = sbrk(100000);
    printf("sbrk grows %d\n", grown == brk0 && (char *)sbrk(0) == brk0 + 100000);
    memset(grown, 1, 100000);
    printf("sbrk shrink %d\n", sbrk(-100000) != (void *)-1 && sbrk(0) == brk0);

    int p[2];
    pipe(p);
    struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    int n = poll(pf, 2, 0);
    printf("poll %d in %d out %d\n", n, pf[0].revents & POLLIN, (pf[1].revents & POLLOUT) != 0);
    write(p[1], "z", 1);
    n = poll(pf, 1, 1000);
    printf("poll %d in %d\n", n, (pf[0].revents & POLLIN) != 0);
    return 0;
}
