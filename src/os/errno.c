/* Host errno -> guest errno: the one mapping function. riscv64 and
 * x86-64 both use asm-generic errno 1..133 (fact sheet 1.3), so this is
 * the identity on that range; the asserts keep it honest. Anything else
 * (a host-only value) becomes EINVAL rather than leaking through. */
#include <errno.h>

#include "abi/rv_errno.h"
#include "os/sys_impl.h"

_Static_assert(EAGAIN == RV_EAGAIN && EDEADLK == RV_EDEADLK, "errno");
_Static_assert(ENOSYS == RV_ENOSYS && ELOOP == RV_ELOOP, "errno");
_Static_assert(EOPNOTSUPP == RV_EOPNOTSUPP && ETIMEDOUT == RV_ETIMEDOUT, "errno");
_Static_assert(EHWPOISON == RV_EHWPOISON && ENOTSUP == RV_EOPNOTSUPP, "errno");

int errno_to_guest(int host_errno)
{
    if (host_errno >= 1 && host_errno <= RV_EHWPOISON)
        return host_errno;
    return RV_EINVAL;
}
