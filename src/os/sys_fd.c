/* File-descriptor syscalls: I/O, dup, pipes, fcntl, ioctl. Guest fds are
 * host fds. Buffers go to the host kernel in place (guest_ptr/sys_buf);
 * a bad buffer gives EFAULT, a partly bad one a short transfer. */
#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "abi/rv_misc.h"
#include "base/log.h"
#include "os/safe_syscall.h"
#include "os/sigtmp.h"
#include "os/hostfd.h"
#include "os/ioctl_more.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct flock) == RV_FLOCK_SIZE, "struct flock");
_Static_assert(sizeof(struct winsize) == RV_WINSIZE_SIZE, "struct winsize");
_Static_assert(TCGETS == RV_TCGETS && TIOCGWINSZ == RV_TIOCGWINSZ && FIONREAD == RV_FIONREAD,
               "ioctl numbers");
_Static_assert(sizeof(struct iovec) == 16, "iovec");
_Static_assert(TIOCGPTN == RV_TIOCGPTN && TIOCSPTLCK == RV_TIOCSPTLCK, "pty ioctls");

i64 sys_read(struct cpu *cpu, const u64 *a)
{
    u64 len = a[2];
    void *buf = sys_buf(cpu->vm, a[1], &len, PAGE_W);
    if (!buf)
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_read, sys_fd(a[0]), buf, len));
}

i64 sys_write(struct cpu *cpu, const u64 *a)
{
    u64 len = a[2];
    void *buf = sys_buf(cpu->vm, a[1], &len, PAGE_R);
    if (!buf)
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_write, sys_fd(a[0]), buf, len));
}

i64 sys_pread64(struct cpu *cpu, const u64 *a)
{
    u64 len = a[2];
    void *buf = sys_buf(cpu->vm, a[1], &len, PAGE_W);
    if (!buf)
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_pread64, sys_fd(a[0]), buf, len, (long)a[3]));
}

i64 sys_pwrite64(struct cpu *cpu, const u64 *a)
{
    u64 len = a[2];
    void *buf = sys_buf(cpu->vm, a[1], &len, PAGE_R);
    if (!buf)
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_pwrite64, sys_fd(a[0]), buf, len, (long)a[3]));
}

/* Builds host iovecs from the guest's (same layout, guest addresses).
 * need is what the host does to the buffers (PAGE_W for readv). */
static int sys_iov(struct vm *vm, guest_addr gv, u64 n, int need, struct iovec *out)
{
    if (n > RV_IOV_MAX)
        return -RV_EINVAL;
    struct { u64 base, len; } g;
    for (u64 i = 0; i < n; i++) {
        if (copy_from_guest(vm, &g, gv + i * 16, sizeof g))
            return -RV_EFAULT;
        if ((i64)g.len < 0)
            return -RV_EINVAL;
        out[i].iov_base = sys_buf(vm, g.base, &g.len, need);
        if (!out[i].iov_base && g.len)
            return -RV_EFAULT;
        out[i].iov_len = g.len;
    }
    return 0;
}

i64 sys_readv(struct cpu *cpu, const u64 *a)
{
    struct iovec iov[RV_IOV_MAX];
    int err = sys_iov(cpu->vm, a[1], a[2], PAGE_W, iov);
    if (err)
        return err;
    return sys_host(safe_syscall(SYS_readv, sys_fd(a[0]), iov, (int)a[2]));
}

i64 sys_writev(struct cpu *cpu, const u64 *a)
{
    struct iovec iov[RV_IOV_MAX];
    int err = sys_iov(cpu->vm, a[1], a[2], PAGE_R, iov);
    if (err)
        return err;
    return sys_host(safe_syscall(SYS_writev, sys_fd(a[0]), iov, (int)a[2]));
}

i64 sys_lseek(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(lseek(sys_fd(a[0]), (off_t)a[1], (int)a[2]));
}

i64 sys_close(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(close(sys_fd(a[0])));
}

i64 sys_close_range(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    /* rvx's own fds (os/hostfd.h) stay open. */
    int r = hostfd_close_range((unsigned)a[0], (unsigned)a[1], (unsigned)a[2]);
    return r < 0 ? -errno_to_guest(-r) : 0;
}

i64 sys_fsync(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(fsync(sys_fd(a[0])));
}

i64 sys_fdatasync(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(fdatasync(sys_fd(a[0])));
}

i64 sys_flock(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(safe_syscall(SYS_flock, sys_fd(a[0]), (int)a[1]));
}

i64 sys_dup(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(dup(sys_fd(a[0])));
}

i64 sys_dup3(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    /* dup3 with oldfd == newfd is EINVAL (the host agrees). */
    return sys_host(dup3(sys_fd(a[0]), sys_fd(a[1]), (int)a[2]));
}

i64 sys_pipe2(struct cpu *cpu, const u64 *a)
{
    void *fds = guest_ptr(cpu->vm, a[0], 2 * sizeof(int), PAGE_W);
    if (!fds)
        return -RV_EFAULT;
    return sys_host(pipe2(fds, (int)a[1]));
}

/* Size of the struct an fcntl command points to, 0 for an int arg. */
static u64 fcntl_arg_size(int cmd, int *need)
{
    *need = PAGE_R;
    switch (cmd) {
    case RV_F_GETLK:
    case RV_F_OFD_GETLK: *need = PAGE_R | PAGE_W; return RV_FLOCK_SIZE;
    case RV_F_SETLK:
    case RV_F_SETLKW:
    case RV_F_OFD_SETLK:
    case RV_F_OFD_SETLKW: return RV_FLOCK_SIZE;
    case RV_F_GETOWN_EX: *need = PAGE_W; return RV_F_OWNER_EX_SIZE;
    case RV_F_SETOWN_EX: return RV_F_OWNER_EX_SIZE;
    case RV_F_GET_RW_HINT:
    case RV_F_GET_FILE_RW_HINT: *need = PAGE_W; return 8;
    case RV_F_SET_RW_HINT:
    case RV_F_SET_FILE_RW_HINT: return 8;
    default: return 0;
    }
}

i64 sys_fcntl(struct cpu *cpu, const u64 *a)
{
    int cmd = (int)a[1], need;
    u64 size = fcntl_arg_size(cmd, &need);
    if (!size)
        return sys_host(fcntl(sys_fd(a[0]), cmd, (unsigned long)a[2]));
    void *p = guest_ptr(cpu->vm, a[2], size, need);
    if (!p)
        return -RV_EFAULT;
    if (cmd == RV_F_SETLKW || cmd == RV_F_OFD_SETLKW) /* waits for the lock */
        return sys_host(safe_syscall(SYS_fcntl, sys_fd(a[0]), cmd, p));
    return sys_host(fcntl(sys_fd(a[0]), cmd, p));
}

/* Size and direction of an ioctl's pointer argument; -1 if unsupported,
 * 0 if the argument is a plain integer (or unused). */
static i64 ioctl_arg_size(u64 req, int *need)
{
    *need = PAGE_R;
    switch (req) {
    case RV_TCGETS: *need = PAGE_W; return RV_TERMIOS_SIZE;
    case RV_TCSETS:
    case RV_TCSETSW:
    case RV_TCSETSF: return RV_TERMIOS_SIZE;
    case RV_TIOCGWINSZ: *need = PAGE_W; return RV_WINSIZE_SIZE;
    case RV_TIOCSWINSZ: return RV_WINSIZE_SIZE;
    case RV_FIONREAD:
    case RV_TIOCGPGRP:
    case RV_TIOCGPTN: *need = PAGE_W; return 4;
    case RV_FIONBIO:
    case RV_TIOCSPGRP:
    case RV_TIOCSPTLCK: return 4;
    case RV_FIOCLEX:
    case RV_FIONCLEX:
    case RV_TCSBRK:
    case RV_TCXONC:
    case RV_TCFLSH: return 0;
    default: return -1;
    }
}

i64 sys_ioctl(struct cpu *cpu, const u64 *a)
{
    int need;
    i64 size = ioctl_arg_size(a[1], &need), ret;
    if (size < 0 && ioctl_more(cpu, a, &ret)) /* sockets, more ttys */
        return ret;
    if (size < 0) {
        /* ENOTTY is what the kernel says for a request a file does not
         * support; isatty() and friends rely on it. */
        if (log_on(LOG_UNIMP))
            log_printf("rvx: ioctl 0x%llx on fd %d not supported: ENOTTY\n",
                       (unsigned long long)a[1], sys_fd(a[0]));
        return -RV_ENOTTY;
    }
    if (!size)
        return sys_host(safe_syscall(SYS_ioctl, sys_fd(a[0]), (unsigned long)a[1], (unsigned long)a[2]));
    void *p = guest_ptr(cpu->vm, a[2], (u64)size, need);
    if (!p)
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_ioctl, sys_fd(a[0]), (unsigned long)a[1], p));
}

i64 sys_fallocate(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(fallocate(sys_fd(a[0]), (int)a[1], (off_t)a[2], (off_t)a[3]));
}

i64 sys_fadvise64(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_fadvise64, sys_fd(a[0]), (off_t)a[1], (off_t)a[2], (int)a[3]));
}

i64 sys_sync(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    UNUSED(a);
    sync();
    return 0;
}

i64 sys_sendfile(struct cpu *cpu, const u64 *a)
{
    void *off;
    if (!sys_opt(cpu->vm, a[2], 8, PAGE_R | PAGE_W, &off))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_sendfile, sys_fd(a[0]), sys_fd(a[1]), off, (size_t)a[3]));
}

i64 sys_memfd_create(struct cpu *cpu, const u64 *a)
{
    char name[256]; /* the kernel's limit is 249 plus "memfd:" */
    long n = copy_str_from_guest(cpu->vm, name, a[0], sizeof name);
    if (n < 0)
        return n == -RV_ENAMETOOLONG ? -RV_EINVAL : n;
    return sys_host(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

/* The wait of ppoll and pselect6 under the guest's temporary mask
 * (os/sigtmp.h). With a signal for the guest already queued, Linux
 * still makes one pass over the fds (do_poll, do_select): a
 * zero-timeout host call, then EINTR if nothing was ready, even for a
 * zero timeout. */
static i64 poll_wait(struct cpu *cpu, long nr, long a0, void *s0, void *s1, void *s2,
                     struct timespec *ts, const struct sig_tmpmask *m)
{
    static struct timespec zero;
    bool pending = sig_tmpmask_pending(cpu, m);
    long r;
    if (nr == SYS_ppoll)
        r = safe_syscall(nr, s0, a0, pending ? &zero : ts, sig_tmpmask_host(m), 8);
    else {
        struct { const u64 *set; u64 size; } sm = {sig_tmpmask_host(m), 8};
        r = safe_syscall(nr, a0, s0, s1, s2, pending ? &zero : ts, &sm);
    }
    if (pending && r == 0) {
        r = -1;
        errno = EINTR;
    }
    if (r < 0 && errno == EINTR)
        sig_tmpmask_interrupted(cpu, m);
    return sys_host(r);
}

/* ppoll(fds, n, timeout, sigmask, sigsetsize). struct pollfd is the same
 * on both; the host writes the time left into the guest's timeout. */
i64 sys_ppoll(struct cpu *cpu, const u64 *a)
{
    if (a[1] > (1u << 20))
        return -RV_EINVAL;
    void *fds = guest_ptr(cpu->vm, a[0], a[1] * 8, PAGE_R | PAGE_W), *ts;
    if (!fds || !sys_opt(cpu->vm, a[2], 16, PAGE_R | PAGE_W, &ts))
        return -RV_EFAULT;
    struct sig_tmpmask m;
    int err = sig_tmpmask_get(cpu, a[3], a[4], &m);
    if (err)
        return err;
    return poll_wait(cpu, SYS_ppoll, (long)a[1], fds, NULL, NULL, ts, &m);
}

/* pselect6(n, in, out, ex, timeout, {sigmask, size}). fd_set is the same
 * on both (bits in longs). */
i64 sys_pselect6(struct cpu *cpu, const u64 *a)
{
    if ((i64)(int)a[0] < 0)
        return -RV_EINVAL;
    u64 bytes = ((u64)(int)a[0] + 63) / 64 * 8;
    void *set[3], *ts;
    for (int i = 0; i < 3; i++)
        if (!sys_opt(cpu->vm, a[1 + i], bytes, PAGE_R | PAGE_W, &set[i]))
            return -RV_EFAULT;
    if (!sys_opt(cpu->vm, a[4], 16, PAGE_R | PAGE_W, &ts))
        return -RV_EFAULT;
    struct sig_tmpmask m = {0};
    if (a[5]) {
        u64 sm[2]; /* struct { const sigset_t *ss; size_t ss_len; } */
        if (copy_from_guest(cpu->vm, sm, a[5], sizeof sm))
            return -RV_EFAULT;
        int err = sig_tmpmask_get(cpu, sm[0], sm[1], &m);
        if (err)
            return err;
    }
    return poll_wait(cpu, SYS_pselect6, (int)a[0], set[0], set[1], set[2], ts, &m);
}
