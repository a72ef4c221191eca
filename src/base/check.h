/* Internal invariants. CHECK is always on; DCHECK only in debug builds.
 * A misbehaving guest is never a CHECK failure: it gets a signal or errno. */
#ifndef RVX_BASE_CHECK_H
#define RVX_BASE_CHECK_H

#include "base/types.h"

_Noreturn void check_fail(const char *file, int line, const char *expr);

#define CHECK(cond) \
    do { if (unlikely(!(cond))) check_fail(__FILE__, __LINE__, #cond); } while (0)
#ifdef RVX_DEBUG
#define DCHECK(cond) CHECK(cond)
#else
#define DCHECK(cond) ((void)0)
#endif

#endif
