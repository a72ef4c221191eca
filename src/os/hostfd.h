/* rvx's own host file descriptors (the -D log, the code cache memfd, the
 * gdb connection): kept on high numbers and invisible to the guest. The
 * syscall layer answers EBADF for any guest fd argument naming one,
 * close_range skips them and /proc/self/fd listings leave them out. */
#ifndef RVX_OS_HOSTFD_H
#define RVX_OS_HOSTFD_H

#include <stdbool.h>
#include <stddef.h>

/* Moves fd to a high number (close-on-exec) and registers it; returns
 * the fd to use from now on (fd itself if it could not be moved). */
int hostfd_hide(int fd);
/* Registers fd as internal without moving it (an inherited --log-fd). */
void hostfd_register(int fd);
/* Forgets fd (call before closing it). */
void hostfd_forget(int fd);
/* True if fd is one of rvx's own. Async-signal-safe. */
bool hostfd_internal(long fd);
/* Closes the guest's fds in [first, last] as close_range(2) would,
 * leaving rvx's own open; returns 0 or -errno (host). */
int hostfd_close_range(unsigned first, unsigned last, unsigned flags);
/* True if path names one of rvx's fds through /proc/self/fd/N,
 * /proc/<pid>/fd/N, /proc/thread-self/fd/N, /dev/fd/N (or fdinfo). */
bool hostfd_path(const char *path);
/* Removes rvx's own fds from a getdents64 buffer of n bytes read from
 * directory dirfd if that is a /proc fd or fdinfo directory of this
 * process; returns the new byte count. */
size_t hostfd_filter_dents(int dirfd, void *buf, size_t n);

#endif
