/* getcwd/chdir/fchdir, relative paths and the ERANGE case. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs expr, then prints "label result [ERRNO]": the call is sequenced
 * before errno is read (printf argument order is unspecified). */
static const char *errname(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case EEXIST: return "EEXIST";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ERANGE: return "ERANGE";
    case EINVAL: return "EINVAL";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case ENOTTY: return "ENOTTY";
    default: return "other";
    }
}
#define SAYERR(label, expr)                                                  \
    do {                                                                     \
        errno = 0;                                                           \
        long r_ = (long)(expr);                                              \
        printf("%s %ld %s\n", label, r_, r_ == -1 || r_ == 0 ? (errno ? errname(errno) : "-") : "-"); \
    } while (0)

int main(void)
{
    char buf[4096], start[4096];
    if (!getcwd(start, sizeof start))
        return 1;
    printf("chdir / %d\n", chdir("/"));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    printf("chdir /usr %d\n", chdir("/usr"));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    printf("chdir .. %d\n", chdir(".."));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    SAYERR("chdir missing", chdir("/no/such/dir"));
    SAYERR("chdir file", chdir("/etc/passwd"));
    int fd = open("/usr", O_RDONLY | O_DIRECTORY);
    SAYERR("chdir /", chdir("/"));
    SAYERR("fchdir", fchdir(fd));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    close(fd);
    SAYERR("small getcwd", getcwd(buf, 3) ? 1 : -1);
    char *dyn = getcwd(NULL, 0);
    printf("getcwd(NULL) %s\n", dyn);
    free(dyn);
    SAYERR("back", chdir(start));
    printf("same %d\n", strcmp(getcwd(buf, sizeof buf), start) == 0);
    return 0;
}
