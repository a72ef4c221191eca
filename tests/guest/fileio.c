/* File I/O round trip in a fresh temp dir: open/write/lseek/read/pread/
 * fstat/stat/rename/unlink/mkdir/rmdir, errors included. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(c) do { if (!(c)) { printf("FAILED line %d: %s (errno %d)\n", __LINE__, #c, errno); return 1; } } while (0)

#include "sayerr.h"

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/rvx-fileio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    CHECK(chdir(dir) == 0);

    int fd = open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0640);
    CHECK(fd >= 0);
    const char msg[] = "hello, file\nsecond line\n";
    CHECK(write(fd, msg, sizeof msg - 1) == (ssize_t)sizeof msg - 1);
    CHECK(lseek(fd, 0, SEEK_CUR) == (off_t)sizeof msg - 1);
    CHECK(lseek(fd, 7, SEEK_SET) == 7);
    char buf[64] = {0};
    CHECK(read(fd, buf, 4) == 4);
    printf("read after seek: [%s]\n", buf);
    CHECK(pread(fd, buf, 6, 12) == 6);
    buf[6] = 0;
    printf("pread: [%s]\n", buf);
    CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
    struct iovec iov[2] = {{"ab", 2}, {"cdef", 4}};
    CHECK(lseek(fd, 0, SEEK_END) == 24);
    CHECK(writev(fd, iov, 2) == 6);

    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    printf("fstat: size %lld mode %o nlink %lu reg %d\n", (long long)st.st_size,
           (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink, S_ISREG(st.st_mode));
    struct stat st2;
    CHECK(stat("a.txt", &st2) == 0);
    printf("stat: same ino %d same dev %d blksize>0 %d mtime>0 %d\n", st.st_ino == st2.st_ino,
           st.st_dev == st2.st_dev, st2.st_blksize > 0, st2.st_mtime > 0);
    CHECK(ftruncate(fd, 10) == 0);
    CHECK(fsync(fd) == 0);
    CHECK(close(fd) == 0);

    CHECK(rename("a.txt", "b.txt") == 0);
    SAYERR("stat old name:", stat("a.txt", &st));
    fd = open("b.txt", O_RDONLY);
    CHECK(fd >= 0);
    memset(buf, 0, sizeof buf);
    struct iovec rv[2] = {{buf, 3}, {buf + 10, 20}};
    ssize_t n = readv(fd, rv, 2);
    printf("readv %zd: [%.3s] [%.7s]\n", n, buf, buf + 10);
    CHECK(read(fd, buf, 10) == 0);
    close(fd);

    CHECK(mkdir("sub", 0755) == 0);
    SAYERR("mkdir again:", mkdir("sub", 0755));
    CHECK(stat("sub", &st) == 0);
    printf("sub is dir %d\n", S_ISDIR(st.st_mode));
    CHECK(link("b.txt", "sub/c.txt") == 0);
    CHECK(stat("b.txt", &st) == 0);
    printf("nlink after link %lu\n", (unsigned long)st.st_nlink);
    CHECK(symlink("b.txt", "sym") == 0);
    char lbuf[64];
    n = readlink("sym", lbuf, sizeof lbuf);
    printf("readlink %zd [%.*s]\n", n, (int)n, lbuf);
    CHECK(lstat("sym", &st) == 0);
    printf("lstat is link %d\n", S_ISLNK(st.st_mode));
    SAYERR("rmdir nonempty:", rmdir("sub"));
    SAYERR("access b.txt:", access("b.txt", R_OK));
    SAYERR("access nope:", access("nope", F_OK));
    CHECK(chmod("b.txt", 0600) == 0);
    CHECK(stat("b.txt", &st) == 0);
    printf("chmod: %o\n", (unsigned)(st.st_mode & 07777));
    struct statx sx;
    CHECK(statx(AT_FDCWD, "b.txt", 0, STATX_BASIC_STATS, &sx) == 0);
    printf("statx: size %llu mode %o ino same %d\n", (unsigned long long)sx.stx_size,
           (unsigned)(sx.stx_mode & 07777), sx.stx_ino == st.st_ino);
    fd = open("b.txt", O_RDONLY);
    CHECK(statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &sx) == 0);
    printf("statx fd: size %llu\n", (unsigned long long)sx.stx_size);
    struct timespec times[2] = {{1000000000, 5}, {1200000000, 7}};
    CHECK(futimens(fd, times) == 0 || errno == EPERM || errno == EACCES);
    CHECK(utimensat(AT_FDCWD, "b.txt", times, 0) == 0);
    CHECK(stat("b.txt", &st) == 0);
    printf("utimensat: %lld.%ld %lld.%ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    close(fd);
    CHECK(unlink("sub/c.txt") == 0);
    CHECK(unlink("sym") == 0);
    CHECK(unlink("b.txt") == 0);
    CHECK(rmdir("sub") == 0);
    CHECK(chdir("/") == 0);
    CHECK(rmdir(dir) == 0);
    SAYERR("open missing:", open("/nonexistent/x", O_RDONLY));
    printf("done\n");
    return 0;
}
