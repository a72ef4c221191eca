/* Guest iovec arrays -> host iovecs, for the syscalls that take one
 * inside another structure (sendmsg, recvmsg, vmsplice, ...). */
#ifndef RVX_OS_IOV_H
#define RVX_OS_IOV_H

#include <sys/uio.h>

#include "base/types.h"

struct vm;

/* Fills out[0..n) from the guest array at gv (struct rv_iovec). need is
 * what the host does to the buffers (PAGE_W when it fills them). Like
 * Linux: n > 1024 or a negative length is EINVAL, an unreadable array or
 * a bad first buffer byte EFAULT; a partly bad buffer is cut short.
 * Returns 0 or -RV_E*. */
int iov_from_guest(struct vm *vm, guest_addr gv, u64 n, int need, struct iovec *out);

#endif
