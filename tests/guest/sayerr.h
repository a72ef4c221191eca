/* Shared by the guest tests that print a call's result and errno. */
#ifndef RVX_TESTS_GUEST_SAYERR_H
#define RVX_TESTS_GUEST_SAYERR_H

#include <errno.h>
#include <stdio.h>

/* Runs expr, then prints "label result [ERRNO]": the call is sequenced
 * before errno is read (printf argument order is unspecified). */
static const char *errname(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case EEXIST: return "EEXIST";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ERANGE: return "ERANGE";
    case EINVAL: return "EINVAL";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case ENOTTY: return "ENOTTY";
    default: return "other";
    }
}
#define SAYERR(label, expr)                                                  \
    do {                                                                     \
        errno = 0;                                                           \
        long r_ = (long)(expr);                                              \
        printf("%s %ld %s\n", label, r_, r_ == -1 || r_ == 0 ? (errno ? errname(errno) : "-") : "-"); \
    } while (0)

#endif
