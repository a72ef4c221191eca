/* Shared by the syscall test programs: CHECK-style printing that shows
 * a result or an errno name, never a host-dependent number. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints "what: 0" / "what: 3" or "what: -1 EINVAL". */
#define SHOW(what, expr)                                                     \
    do {                                                                     \
        errno = 0;                                                           \
        long r_ = (long)(expr);                                              \
        if (r_ == -1)                                                        \
            printf("%s: -1 %s\n", what, strerrorname_np(errno));             \
        else                                                                 \
            printf("%s: %ld\n", what, r_);                                   \
    } while (0)

/* Stops the test with a message when a setup step fails. */
#define MUST(expr)                                                           \
    do {                                                                     \
        if ((long)(expr) == -1) {                                            \
            printf("setup failed: %s: %s\n", #expr, strerrorname_np(errno)); \
            exit(1);                                                         \
        }                                                                    \
    } while (0)

/* An address that is never mapped, hidden from the compiler's checks. */
static volatile unsigned long bad_addr_ = 8;
#define BADPTR ((void *)bad_addr_)
