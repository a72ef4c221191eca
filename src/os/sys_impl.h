/* What the syscall handlers (os/sys_*.c) share: the handler type, the
 * declarations generated from abi/rv_syscall.def, and small helpers for
 * host results and guest buffers. Only os/ includes this. */
#ifndef RVX_OS_SYS_IMPL_H
#define RVX_OS_SYS_IMPL_H

#include <errno.h>
#include <limits.h>

#include "abi/rv_errno.h"
#include "cpu/cpu.h"
#include "mem/copy.h"
#include "mem/mem.h"
#include "vm/vm.h"

/* A handler gets the calling cpu and a0..a5; it returns the result or
 * -RV_E*, which sys_ecall writes to a0. */
typedef i64 sys_fn(struct cpu *cpu, const u64 *a);

#define SYSCALL(nr, name, fn, nargs, fmt) sys_fn fn;
#include "abi/rv_syscall.def"
#undef SYSCALL

/* Host errno -> guest errno (os/errno.c). */
int errno_to_guest(int host_errno);

/* The result of a host call that returns -1 and sets errno. */
static inline i64 sys_host(long r)
{
    return r == -1 ? -errno_to_guest(errno) : r;
}

/* Copies the guest path at p into buf (PATH_MAX bytes) and resolves it
 * to the host path to use (os/path.c), following a symlink in the last
 * component as most calls do (open, stat, exec ...; inside the sysroot
 * rvx follows it itself). The one place where a sysroot lookup goes.
 * Returns 0, -RV_EFAULT, -RV_ENAMETOOLONG or -RV_ELOOP. */
int sys_path(struct vm *vm, guest_addr p, char *buf);
/* sys_path with follow false for the calls that act on a final symlink
 * itself: unlink, rename, readlink, lstat, mkdir, symlink, mknod,
 * O_NOFOLLOW opens, AT_SYMLINK_NOFOLLOW. */
int sys_path_at(struct vm *vm, guest_addr p, char *buf, bool follow);

/* Host pointer for a guest buffer the host kernel may fill or read with
 * a partial transfer (read, getdents, ...): like guest_ptr, but when the
 * whole range is not accessible, *len is cut to the accessible prefix,
 * as Linux stops at the first bad page. NULL (-> EFAULT) if not even the
 * first byte is, or if the range reaches past the space (access_ok). */
void *sys_buf(struct vm *vm, guest_addr a, u64 *len, int need);

/* Optional buffer: guest 0 gives *out = NULL. False if a != 0 is bad. */
static inline bool sys_opt(struct vm *vm, guest_addr a, u64 len, int need, void **out)
{
    *out = NULL;
    if (!a)
        return true;
    *out = guest_ptr(vm, a, len, need);
    return *out != NULL;
}

/* Guest fd argument as an int (the kernel truncates to unsigned int). */
static inline int sys_fd(u64 a) { return (int)a; }

#endif
