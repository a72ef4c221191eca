/* File-system syscalls: paths, directories, metadata. Paths are guest
 * strings resolved by sys_path (os/path.c: the sysroot lookup); fds
 * are host fds (no translation). Layouts are the host's except struct
 * stat, converted via os/convert.c. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_misc.h"
#include "os/safe_syscall.h"
#include "os/convert.h"
#include "os/path.h"
#include "os/hostfd.h"
#include "os/proc.h"
#include "os/sys_impl.h"

_Static_assert(AT_FDCWD == RV_AT_FDCWD && AT_EMPTY_PATH == RV_AT_EMPTY_PATH, "AT_*");
/* linux: include/uapi/linux/fcntl.h, asm-generic/fcntl.h (same on both) */
_Static_assert(AT_SYMLINK_NOFOLLOW == 0x100 && AT_SYMLINK_FOLLOW == 0x400 &&
               O_NOFOLLOW == 00400000 && O_CREAT == 0100 && O_EXCL == 0200, "flags");

#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

/* Declares char name[PATH_MAX] holding the path at guest address ga, or
 * returns the error from the enclosing handler. A final symlink is not
 * followed: for the calls that act on the name itself (mkdir, unlink,
 * rename, link, mknod, the new name of symlink). */
#define GUEST_PATH(name, ga) GUEST_PATH_AT(name, ga, false)

/* The same for a call that follows a symlink in the last component when
 * follow is true (the sysroot walk must then follow it too). */
#define GUEST_PATH_AT(name, ga, follow)                         \
    char name[PATH_MAX];                                        \
    do {                                                        \
        int perr_ = sys_path_at(cpu->vm, (ga), name, (follow)); \
        if (perr_)                                              \
            return perr_;                                       \
    } while (0)

/* Copies a string that is data, not a path to resolve (a symlink's
 * target is stored as the guest wrote it). */
#define GUEST_STRING(name, ga)                                           \
    char name[PATH_MAX];                                                 \
    do {                                                                 \
        long serr_ = copy_str_from_guest(cpu->vm, name, (ga), PATH_MAX); \
        if (serr_ < 0)                                                   \
            return serr_;                                                \
    } while (0)

i64 sys_getcwd(struct cpu *cpu, const u64 *a)
{
    u64 len = a[1];
    void *buf = sys_buf(cpu->vm, a[0], &len, PAGE_W);
    if (!buf)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_getcwd, buf, len));
}

i64 sys_mkdirat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH(path, a[1]);
    return sys_host(mkdirat(sys_fd(a[0]), path, (mode_t)a[2]));
}

i64 sys_unlinkat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH(path, a[1]);
    return sys_host(unlinkat(sys_fd(a[0]), path, (int)a[2]));
}

i64 sys_symlinkat(struct cpu *cpu, const u64 *a)
{
    GUEST_STRING(target, a[0]);
    GUEST_PATH(path, a[2]);
    return sys_host(symlinkat(target, sys_fd(a[1]), path));
}

i64 sys_linkat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(from, a[1], a[4] & AT_SYMLINK_FOLLOW);
    GUEST_PATH(to, a[3]);
    return sys_host(linkat(sys_fd(a[0]), from, sys_fd(a[2]), to, (int)a[4]));
}

i64 sys_renameat2(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH(from, a[1]);
    GUEST_PATH(to, a[3]);
    return sys_host(syscall(SYS_renameat2, sys_fd(a[0]), from, sys_fd(a[2]), to, (unsigned)a[4]));
}

i64 sys_statfs(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[0], true);
    void *buf = guest_ptr(cpu->vm, a[1], 120, PAGE_W); /* same layout, fact sheet 1.1 */
    if (!buf)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_statfs, path, buf));
}

i64 sys_fstatfs(struct cpu *cpu, const u64 *a)
{
    void *buf = guest_ptr(cpu->vm, a[1], 120, PAGE_W);
    if (!buf)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_fstatfs, sys_fd(a[0]), buf));
}

i64 sys_truncate(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[0], true);
    return sys_host(truncate(path, (off_t)a[1]));
}

i64 sys_ftruncate(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(ftruncate(sys_fd(a[0]), (off_t)a[1]));
}

i64 sys_faccessat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[1], true);
    return sys_host(syscall(SYS_faccessat, sys_fd(a[0]), path, (int)a[2]));
}

i64 sys_faccessat2(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[1], !(a[3] & AT_SYMLINK_NOFOLLOW));
    return sys_host(syscall(SYS_faccessat2, sys_fd(a[0]), path, (int)a[2], (int)a[3]));
}

i64 sys_chdir(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[0], true);
    return sys_host(chdir(path));
}

i64 sys_fchdir(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(fchdir(sys_fd(a[0])));
}

i64 sys_fchmod(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(fchmod(sys_fd(a[0]), (mode_t)a[1]));
}

i64 sys_fchmodat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[1], true);
    return sys_host(syscall(SYS_fchmodat, sys_fd(a[0]), path, (mode_t)a[2]));
}

i64 sys_fchownat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[1], !(a[4] & AT_SYMLINK_NOFOLLOW));
    return sys_host(syscall(SYS_fchownat, sys_fd(a[0]), path, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

i64 sys_fchown(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(fchown(sys_fd(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

/* open follows a final symlink unless O_NOFOLLOW, or O_CREAT|O_EXCL
 * (which fails on any existing name). */
static bool open_follows(int flags)
{
    return !(flags & O_NOFOLLOW) && (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
}

i64 sys_openat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[1], open_follows((int)a[2]));
    i64 r;
    if (proc_open(cpu->vm, path, (int)a[2], &r)) /* /proc files rvx generates */
        return r;
    if (hostfd_path(path)) /* /proc/self/fd/N of rvx's own fds: not there */
        return -RV_ENOENT;
    /* O_* values are identical on both (fact sheet 1.3). */
    return sys_host(safe_syscall(SYS_openat, sys_fd(a[0]), path, (int)a[2], (mode_t)a[3]));
}

i64 sys_getdents64(struct cpu *cpu, const u64 *a)
{
    u64 len = a[2];
    void *buf = sys_buf(cpu->vm, a[1], &len, PAGE_W); /* linux_dirent64: same layout */
    if (!buf)
        return -RV_EFAULT;
    i64 r = sys_host(syscall(SYS_getdents64, sys_fd(a[0]), buf, len));
    return r > 0 ? (i64)hostfd_filter_dents(sys_fd(a[0]), buf, (size_t)r) : r;
}

/* The path is resolved only after the /proc links rvx answers itself
 * (exe) had their chance: path_resolve maps /proc/self/exe to the file. */
i64 sys_readlinkat(struct cpu *cpu, const u64 *a)
{
    char raw[PATH_MAX], path[PATH_MAX];
    long n = copy_str_from_guest(cpu->vm, raw, a[1], PATH_MAX);
    if (n < 0)
        return n;
    if ((i64)a[3] <= 0)
        return -RV_EINVAL;
    u64 len = a[3];
    void *buf = sys_buf(cpu->vm, a[2], &len, PAGE_W);
    if (!buf)
        return -RV_EFAULT;
    i64 r;
    if (hostfd_path(raw)) /* /proc/self/fd/N of rvx's own fds: not there */
        return -RV_ENOENT;
    if (proc_readlink(cpu->vm, raw, buf, len, &r))
        return r;
    int err = path_resolve_at(cpu->vm, raw, path, false);
    if (err)
        return err;
    return sys_host(readlinkat(sys_fd(a[0]), path, buf, len));
}

static i64 sys_put_stat(struct cpu *cpu, guest_addr dst, const struct stat *st)
{
    struct rv_stat rs;
    convert_stat(&rs, st);
    return copy_to_guest(cpu->vm, dst, &rs, sizeof rs) ? -RV_EFAULT : 0;
}

i64 sys_newfstatat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH_AT(path, a[1], !(a[3] & AT_SYMLINK_NOFOLLOW));
    struct stat st;
    long r = fstatat(sys_fd(a[0]), path, &st, (int)a[3]);
    if (r)
        return sys_host(r);
    return sys_put_stat(cpu, a[2], &st);
}

i64 sys_fstat(struct cpu *cpu, const u64 *a)
{
    struct stat st;
    long r = fstat(sys_fd(a[0]), &st);
    if (r)
        return sys_host(r);
    return sys_put_stat(cpu, a[1], &st);
}

i64 sys_utimensat(struct cpu *cpu, const u64 *a)
{
    /* A NULL path is allowed: it means the fd itself (futimens). */
    char path[PATH_MAX];
    const char *p = NULL;
    if (a[1]) {
        int err = sys_path_at(cpu->vm, a[1], path, !(a[3] & AT_SYMLINK_NOFOLLOW));
        if (err)
            return err;
        p = path;
    }
    void *times;
    if (!sys_opt(cpu->vm, a[2], 32, PAGE_R, &times)) /* 2 x timespec */
        return -RV_EFAULT;
    return sys_host(syscall(SYS_utimensat, sys_fd(a[0]), p, times, (int)a[3]));
}

i64 sys_statx(struct cpu *cpu, const u64 *a)
{
    /* NULL with AT_EMPTY_PATH means the fd (kernel 6.11+); older hosts
     * want "" for that. */
    char path[PATH_MAX];
    const char *p = "";
    if (a[1] || !(a[2] & RV_AT_EMPTY_PATH)) {
        int err = sys_path_at(cpu->vm, a[1], path, !(a[2] & AT_SYMLINK_NOFOLLOW));
        if (err)
            return err;
        p = path;
    }
    void *buf = guest_ptr(cpu->vm, a[4], RV_STATX_SIZE, PAGE_W); /* same layout */
    if (!buf)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_statx, sys_fd(a[0]), p, (int)a[2], (unsigned)a[3], buf));
}

i64 sys_mknodat(struct cpu *cpu, const u64 *a)
{
    GUEST_PATH(path, a[1]);
    return sys_host(mknodat(sys_fd(a[0]), path, (mode_t)a[2], (dev_t)(u32)a[3]));
}
