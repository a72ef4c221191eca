/* The registry of rvx's own host fds (hostfd.h). A short fixed list,
 * read lock-free (the syscall layer checks every fd argument), written
 * rarely (start-up, fork, gdb attach) under a mutex. */
#include "os/hostfd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define HOSTFD_MAX 16
/* Internal fds go at or above this (or just under a lower RLIMIT_NOFILE),
 * far from the low numbers a guest's open() gets. */
#define HOSTFD_MIN 1000

static int fds[HOSTFD_MAX]; /* -1 or 0 = free slot after first use */
static int nfds;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

bool hostfd_internal(long fd)
{
    if (fd < 0)
        return false;
    int n = __atomic_load_n(&nfds, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n; i++)
        if (__atomic_load_n(&fds[i], __ATOMIC_RELAXED) == fd)
            return true;
    return false;
}

void hostfd_register(int fd)
{
    if (fd < 0 || hostfd_internal(fd))
        return;
    pthread_mutex_lock(&lock);
    int i = 0;
    while (i < nfds && fds[i] >= 0)
        i++;
    if (i < HOSTFD_MAX) {
        __atomic_store_n(&fds[i], fd, __ATOMIC_RELAXED);
        if (i == nfds)
            __atomic_store_n(&nfds, i + 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&lock);
}

void hostfd_forget(int fd)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nfds; i++)
        if (fds[i] == fd)
            __atomic_store_n(&fds[i], -1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&lock);
}

int hostfd_hide(int fd)
{
    if (fd < 0)
        return fd;
    struct rlimit rl;
    long min = HOSTFD_MIN;
    if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur != RLIM_INFINITY &&
        (long)rl.rlim_cur <= min + HOSTFD_MAX)
        min = (long)rl.rlim_cur > 2 * HOSTFD_MAX ? (long)rl.rlim_cur - HOSTFD_MAX : 3;
    int hi = fcntl(fd, F_DUPFD_CLOEXEC, (int)min);
    if (hi >= 0) {
        close(fd);
        fd = hi;
    }
    hostfd_register(fd);
    return fd;
}

int hostfd_close_range(unsigned first, unsigned last, unsigned flags)
{
    if (first > last)
        return -EINVAL;
    int own[HOSTFD_MAX], n = 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nfds; i++)
        if (fds[i] >= 0 && (unsigned)fds[i] >= first && (unsigned)fds[i] <= last)
            own[n++] = fds[i];
    pthread_mutex_unlock(&lock);
    /* Ascending, so the gaps between them are the ranges to close. */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && own[j - 1] > own[j]; j--) {
            int t = own[j];
            own[j] = own[j - 1];
            own[j - 1] = t;
        }
    unsigned lo = first;
    for (int i = 0; i < n; i++) {
        if ((unsigned)own[i] > lo && syscall(SYS_close_range, lo, own[i] - 1, flags) < 0)
            return -errno;
        lo = (unsigned)own[i] + 1;
    }
    if ((n == 0 || (unsigned)own[n - 1] < last) && syscall(SYS_close_range, lo, last, flags) < 0)
        return -errno;
    return 0;
}

/* The fd number after "<dir>/fd/" or "<dir>/fdinfo/" in p, or -1. */
static long fd_after(const char *p)
{
    if (!strncmp(p, "fd/", 3))
        p += 3;
    else if (!strncmp(p, "fdinfo/", 7))
        p += 7;
    else
        return -1;
    char *end;
    long n = strtol(p, &end, 10);
    if (end == p || (*end && *end != '/'))
        return -1;
    return n;
}

bool hostfd_path(const char *path)
{
    char self[32];
    const char *p = path;
    while (p[0] == '/' && p[1] == '/')
        p++;
    if (!strncmp(p, "/dev/fd/", 8))
        return hostfd_internal(strtol(p + 8, NULL, 10));
    if (strncmp(p, "/proc/", 6))
        return false;
    p += 6;
    snprintf(self, sizeof self, "%d/", (int)getpid());
    if (!strncmp(p, "self/", 5))
        p += 5;
    else if (!strncmp(p, "thread-self/", 12))
        p += 12;
    else if (!strncmp(p, self, strlen(self)))
        p += strlen(self);
    else
        return false;
    if (!strncmp(p, "task/", 5)) {
        p = strchr(p + 5, '/');
        if (!p)
            return false;
        p++;
    }
    return hostfd_internal(fd_after(p));
}

/* True if dirfd is /proc/<us>/fd, .../fdinfo or a task's. */
static bool is_fd_dir(int dirfd)
{
    char link[64], target[128];
    snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return false;
    target[n] = 0;
    char pid[32];
    int len = snprintf(pid, sizeof pid, "/proc/%d/", (int)getpid());
    if (strncmp(target, pid, (size_t)len))
        return false;
    const char *p = target + len;
    if (!strncmp(p, "task/", 5)) {
        p = strchr(p + 5, '/');
        if (!p)
            return false;
        p++;
    }
    return !strcmp(p, "fd") || !strcmp(p, "fdinfo");
}

size_t hostfd_filter_dents(int dirfd, void *buf, size_t n)
{
    if (!__atomic_load_n(&nfds, __ATOMIC_ACQUIRE) || !is_fd_dir(dirfd))
        return n;
    char *b = buf;
    size_t off = 0;
    while (off + offsetof(struct dirent64, d_name) < n) {
        struct dirent64 d;
        memcpy(&d, b + off, offsetof(struct dirent64, d_name));
        if (d.d_reclen == 0 || d.d_reclen > n - off)
            break;
        char *name = b + off + offsetof(struct dirent64, d_name);
        char *end;
        long fd = strtol(name, &end, 10);
        if (end != name && !*end && hostfd_internal(fd)) {
            memmove(b + off, b + off + d.d_reclen, n - off - d.d_reclen);
            n -= d.d_reclen;
        } else {
            off += d.d_reclen;
        }
    }
    return n;
}
