/* Bad pointers to syscalls give EFAULT, never a crash of the emulator. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* volatile: the compiler must not see (and warn about) the bad values. */
static void *volatile bad_p = (void *)16;                    /* page zero is never mapped */
static void *volatile wild_p = (void *)0x7ff0000000000000ul; /* outside any user range */
#define BAD bad_p
#define WILD wild_p

static void check(const char *what, long r)
{
    printf("%-24s %s\n", what, r == -1 && errno == EFAULT ? "EFAULT" : "unexpected");
    errno = 0;
}

int main(void)
{
    int p[2];
    pipe(p);
    write(p[1], "data", 4);
    struct stat st;
    check("write bad", write(1, BAD, 10));
    check("write wild", write(1, WILD, 10));
    check("read bad", read(p[0], BAD, 4));
    check("read wild", read(p[0], WILD, 4));
    check("stat path bad", syscall(SYS_newfstatat, AT_FDCWD, BAD, &st, 0));
    check("stat buf bad", syscall(SYS_newfstatat, AT_FDCWD, "/", BAD, 0));
    check("fstat buf bad", syscall(SYS_fstat, 0, WILD));
    check("open path bad", syscall(SYS_openat, AT_FDCWD, BAD, O_RDONLY));
    struct iovec iov = {BAD, 4};
    check("writev iov bad", writev(1, BAD, 1));
    check("writev base bad", writev(1, &iov, 1));
    check("getcwd bad", syscall(SYS_getcwd, BAD, 100));
    check("pipe2 bad", syscall(SYS_pipe2, BAD, 0));
    check("uname bad", syscall(SYS_uname, BAD));
    check("clock_gettime bad", syscall(SYS_clock_gettime, 0, BAD));
    check("rt_sigaction bad", syscall(SYS_rt_sigaction, 10, BAD, 0, 8));
    check("chdir bad", syscall(SYS_chdir, WILD));
    char c = 0;
    ssize_t n = read(p[0], &c, 1);
    printf("still readable %zd [%c]\n", n, c);
    return 0;
}
