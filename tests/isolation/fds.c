/* A guest hunting for rvx's own file descriptors (the -D log file, the
 * code cache memfd): the fds it can see with fcntl(F_GETFD) must be the
 * ones /proc/self/fd lists, none of them rvx's; every other number is
 * EBADF for write/fstat/dup/close and ENOENT through /proc/self/fd/N;
 * its first open gets the lowest free number; dup2 over every free
 * number below 1100 and close_range(3, ~0) must leave rvx working (the
 * run script checks the log still gets written). argv[1]: the log path. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAXFD 4096

static char vis[MAXFD];

static int scan(char *set)
{
    int n = 0;
    for (int i = 0; i < MAXFD; i++) {
        set[i] = fcntl(i, F_GETFD) >= 0;
        n += set[i];
    }
    return n;
}

/* Hot code for the translator, run before and after the fd attack. */
static unsigned long work(unsigned long n)
{
    unsigned long h = 1469598103934665603ul;
    for (unsigned long i = 0; i < n; i++)
        h = (h ^ i) * 1099511628211ul;
    return h;
}

int main(int argc, char **argv)
{
    const char *log = argc > 1 ? argv[1] : "";
    int fails = 0;
    printf("work %lx\n", work(200000));
    int n = scan(vis);

    /* /proc/self/fd lists the same set (plus the directory's own fd). */
    DIR *d = opendir("/proc/self/fd");
    char listed[MAXFD] = {0};
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        int fd = atoi(e->d_name);
        if (fd >= 0 && fd < MAXFD && fd != dirfd(d))
            listed[fd] = 1;
        else if (fd >= MAXFD)
            printf("FAIL listed fd %d\n", fd), fails++;
    }
    if (d)
        closedir(d);
    for (int i = 0; i < MAXFD; i++)
        if (listed[i] != vis[i])
            printf("FAIL fd %d: F_GETFD %s, /proc/self/fd %s\n", i, vis[i] ? "open" : "closed",
                   listed[i] ? "lists it" : "does not"), fails++;

    /* None of the visible ones is rvx's. */
    for (int i = 0; i < MAXFD; i++) {
        if (!vis[i])
            continue;
        char link[64], target[512];
        snprintf(link, sizeof link, "/proc/self/fd/%d", i);
        ssize_t r = readlink(link, target, sizeof target - 1);
        target[r > 0 ? r : 0] = 0;
        /* rvx's memfds are "/memfd:rvx-..." and its code cache is shared
         * anonymous memory ("/dev/zero (deleted)" if it ever had an fd);
         * a bare "rvx" would also match the checkout's own path. */
        if (strstr(target, "memfd:rvx") || strstr(target, "/dev/zero") ||
            (*log && strstr(target, log)))
            printf("FAIL fd %d is rvx's: %s\n", i, target), fails++;
    }

    /* Every other number is closed to the guest, whatever it does. */
    int bad = 0;
    for (int i = 3; i < MAXFD; i++) {
        if (vis[i])
            continue;
        struct stat st;
        char link[64], target[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", i);
        if (write(i, "x", 1) != -1 || errno != EBADF)
            bad++, printf("FAIL write(%d) not EBADF\n", i);
        if (fstat(i, &st) != -1 || errno != EBADF)
            bad++, printf("FAIL fstat(%d) not EBADF\n", i);
        if (dup(i) != -1 || errno != EBADF)
            bad++, printf("FAIL dup(%d) not EBADF\n", i);
        if (fcntl(i, F_GETFL) != -1 || errno != EBADF)
            bad++, printf("FAIL fcntl(%d) not EBADF\n", i);
        if (mmap(NULL, 4096, PROT_READ, MAP_SHARED, i, 0) != MAP_FAILED || errno != EBADF)
            bad++, printf("FAIL mmap(fd %d) not EBADF\n", i);
        if (open(link, O_RDWR) != -1 || errno != ENOENT)
            bad++, printf("FAIL open(%s) not ENOENT\n", link);
        if (readlink(link, target, sizeof target) != -1 || errno != ENOENT)
            bad++, printf("FAIL readlink(%s) not ENOENT\n", link);
        if (close(i) != -1 || errno != EBADF)
            bad++, printf("FAIL close(%d) not EBADF\n", i);
        if (bad > 10)
            break;
    }
    fails += bad;
    printf("visible %d, closed numbers checked\n", n);

    /* The first open gets the lowest free number. */
    int lowest = 0;
    while (vis[lowest])
        lowest++;
    int fd = open("/dev/null", O_RDONLY);
    if (fd != lowest)
        printf("FAIL open got %d, lowest free is %d\n", fd, lowest), fails++;
    close(fd);

    /* dup2 over everything free below 1100, then close them all. */
    int dups = 0;
    for (int i = 3; i < 1100; i++)
        if (!vis[i] && dup2(0, i) == i)
            dups++;
    printf("dup2 done\n");
    if (syscall(SYS_close_range, 3u, ~0u, 0u) != 0)
        printf("FAIL close_range: %s\n", strerror(errno)), fails++;
    char after[MAXFD];
    int left = scan(after);
    for (int i = 3; i < MAXFD; i++)
        if (after[i])
            printf("FAIL fd %d open after close_range\n", i), fails++;
    /* rvx still works: translated code, output, the log (run.sh). */
    printf("work %lx\n", work(300000));
    printf("left %d, %s\n", left, fails ? "FAILED" : "all ok");
    return fails != 0;
}
