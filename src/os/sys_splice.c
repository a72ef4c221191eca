/* In-kernel copies between fds (copy_file_range, splice, tee,
 * vmsplice) and the sync calls not in sys_fd.c. The fds are host fds
 * and the offsets loff_t (8 bytes on both), updated in place in guest
 * memory by the host kernel. vmsplice's iovecs are translated; its
 * direction (user memory read or written) follows the fd's mode. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "abi/rv_net.h"
#include "os/safe_syscall.h"
#include "os/iov.h"
#include "os/sys_impl.h"

#define LOFF_SIZE 8

/* copy_file_range(fd_in, off_in, fd_out, off_out, len, flags) */
i64 sys_copy_file_range(struct cpu *cpu, const u64 *a)
{
    void *oi, *oo;
    if (!sys_opt(cpu->vm, a[1], LOFF_SIZE, PAGE_R | PAGE_W, &oi) ||
        !sys_opt(cpu->vm, a[3], LOFF_SIZE, PAGE_R | PAGE_W, &oo))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_copy_file_range, sys_fd(a[0]), oi, sys_fd(a[2]), oo,
                            (size_t)a[4], (unsigned)a[5]));
}

/* splice(fd_in, off_in, fd_out, off_out, len, flags) */
i64 sys_splice(struct cpu *cpu, const u64 *a)
{
    void *oi, *oo;
    if (!sys_opt(cpu->vm, a[1], LOFF_SIZE, PAGE_R | PAGE_W, &oi) ||
        !sys_opt(cpu->vm, a[3], LOFF_SIZE, PAGE_R | PAGE_W, &oo))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_splice, sys_fd(a[0]), oi, sys_fd(a[2]), oo, (size_t)a[4],
                            (unsigned)a[5]));
}

i64 sys_tee(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(safe_syscall(SYS_tee, sys_fd(a[0]), sys_fd(a[1]), (size_t)a[2], (unsigned)a[3]));
}

/* vmsplice(fd, iov, nr_segs, flags). Linux: a writable fd (a pipe's
 * write end) takes the user pages into the pipe, a readable one copies
 * the pipe into them. */
i64 sys_vmsplice(struct cpu *cpu, const u64 *a)
{
    int fl = fcntl(sys_fd(a[0]), F_GETFL);
    if (fl < 0)
        return sys_host(fl);
    int acc = fl & O_ACCMODE;
    int need = (acc == O_WRONLY || acc == O_RDWR) ? PAGE_R : PAGE_W;
    struct iovec iov[RV_UIO_MAXIOV];
    int err = iov_from_guest(cpu->vm, a[1], a[2], need, iov);
    if (err)
        return err;
    return sys_host(safe_syscall(SYS_vmsplice, sys_fd(a[0]), iov, (unsigned long)a[2],
                            (unsigned)a[3]));
}

i64 sys_syncfs(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syncfs(sys_fd(a[0])));
}

/* sync_file_range(fd, offset, nbytes, flags): the asm-generic order. */
i64 sys_sync_file_range(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_sync_file_range, sys_fd(a[0]), (off_t)a[1], (off_t)a[2],
                            (unsigned)a[3]));
}
