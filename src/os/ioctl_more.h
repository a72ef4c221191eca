/* Socket and terminal ioctls beyond sys_fd.c's basic set. */
#ifndef RVX_OS_IOCTL_MORE_H
#define RVX_OS_IOCTL_MORE_H

#include "cpu/cpu.h"

/* Runs ioctl(a[0], a[1], a[2]) if the request is one of ours, storing
 * the result or -RV_E* in *ret. False if the request is unknown here. */
bool ioctl_more(struct cpu *cpu, const u64 *a, i64 *ret);

#endif
