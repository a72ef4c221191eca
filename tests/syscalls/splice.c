/* In-kernel copies: copy_file_range with and without offsets,
 * sendfile with an offset, splice file -> pipe -> file, tee between
 * pipes, vmsplice in both directions, and the sync family. Each
 * result is read back and compared. */
#include "common.h"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

static char dir[64];

static int tmpfile_with(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/rvx-splice-%d-%s", dir, getpid(), name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    MUST(fd);
    if (text)
        MUST(write(fd, text, strlen(text)));
    unlink(path);
    return fd;
}

static void show_file(const char *what, int fd)
{
    char buf[128] = {0};
    long n = pread(fd, buf, sizeof buf - 1, 0);
    for (long i = 0; i < n; i++)
        buf[i] = buf[i] ? buf[i] : '.';
    printf("%s: %ld \"%s\"\n", what, n, buf);
}

static void copies(void)
{
    int src = tmpfile_with("src", "0123456789abcdefghij"), dst = tmpfile_with("dst", NULL);
    loff_t in = 5, out = 2;
    SHOW("copy_file_range offsets", copy_file_range(src, &in, dst, &out, 6, 0));
    printf("offsets now %lld %lld, file pos %ld\n", (long long)in, (long long)out,
           (long)lseek(src, 0, SEEK_CUR));
    show_file("dst", dst);
    lseek(src, 10, SEEK_SET);
    lseek(dst, 0, SEEK_END);
    SHOW("copy_file_range positions", copy_file_range(src, NULL, dst, NULL, 100, 0));
    show_file("dst", dst);
    SHOW("copy_file_range flags", copy_file_range(src, NULL, dst, NULL, 1, 1));
    SHOW("copy_file_range bad off", copy_file_range(src, BADPTR, dst, NULL, 1, 0));

    int d2 = tmpfile_with("d2", NULL);
    off_t off = 3;
    SHOW("sendfile offset", sendfile(d2, src, &off, 4));
    printf("offset now %ld\n", (long)off);
    show_file("d2", d2);
    close(src);
    close(dst);
    close(d2);
}

static void splices(void)
{
    int src = tmpfile_with("s", "spliced through a pipe"), dst = tmpfile_with("d", NULL);
    int p[2], q[2];
    MUST(pipe(p));
    MUST(pipe(q));
    loff_t in = 8;
    SHOW("splice file->pipe", splice(src, &in, p[1], NULL, 100, 0));
    printf("in now %lld\n", (long long)in);
    SHOW("tee pipe->pipe", tee(p[0], q[1], 100, 0));
    loff_t out = 0;
    SHOW("splice pipe->file", splice(p[0], NULL, dst, &out, 100, 0));
    printf("out now %lld\n", (long long)out);
    show_file("dst", dst);
    char buf[32] = {0};
    SHOW("read tee copy", read(q[0], buf, sizeof buf - 1));
    printf("tee copy \"%s\"\n", buf);
    SHOW("splice both offsets on pipe", splice(p[0], &in, p[1], NULL, 1, 0));
    SHOW("tee non-pipe", tee(src, q[1], 1, 0));

    char a[] = "vm", b[] = "splice";
    struct iovec iov[2] = {{a, 2}, {b, 6}};
    SHOW("vmsplice to pipe", vmsplice(p[1], iov, 2, 0));
    char x[4] = {0}, y[8] = {0};
    struct iovec riov[2] = {{x, 3}, {y, 5}};
    SHOW("vmsplice from pipe", vmsplice(p[0], riov, 2, 0));
    printf("got \"%s\" \"%s\"\n", x, y);
    SHOW("vmsplice bad iov", vmsplice(p[1], BADPTR, 1, 0));
    SHOW("vmsplice too many", vmsplice(p[1], iov, 1025, 0));
    close(src);
    close(dst);
}

static void syncs(void)
{
    int fd = tmpfile_with("sync", "data");
    SHOW("fsync", fsync(fd));
    SHOW("fdatasync", fdatasync(fd));
    SHOW("syncfs", syncfs(fd));
    SHOW("sync_file_range", sync_file_range(fd, 0, 4, SYNC_FILE_RANGE_WRITE));
    SHOW("sync_file_range bad flags", sync_file_range(fd, 0, 4, 0x100));
    SHOW("syncfs bad fd", syncfs(-1));
    sync();
    printf("sync done\n");
    close(fd);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    copies();
    splices();
    syncs();
    return 0;
}
