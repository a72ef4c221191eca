/* Guest iovec arrays -> host iovecs. The layout is the same on both
 * (two u64s); only the base addresses are translated, each buffer is
 * checked with sys_buf so the host kernel never sees a bad pointer. */
#include "os/iov.h"

#include "abi/rv_net.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct iovec) == sizeof(struct rv_iovec), "iovec");

int iov_from_guest(struct vm *vm, guest_addr gv, u64 n, int need, struct iovec *out)
{
    if (n > RV_UIO_MAXIOV)
        return -RV_EINVAL;
    struct rv_iovec g;
    for (u64 i = 0; i < n; i++) {
        if (copy_from_guest(vm, &g, gv + i * sizeof g, sizeof g))
            return -RV_EFAULT;
        if ((i64)g.iov_len < 0)
            return -RV_EINVAL;
        out[i].iov_base = g.iov_len ? sys_buf(vm, g.iov_base, &g.iov_len, need) : NULL;
        if (!out[i].iov_base && g.iov_len)
            return -RV_EFAULT;
        out[i].iov_len = g.iov_len;
    }
    return 0;
}
