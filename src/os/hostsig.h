/* Host signal handling: the few true globals. rvx owns every host
 * handler. A host SIGSEGV/SIGBUS caused by a guest memory access (the
 * current thread's cpu has in_guest set and the address is inside the
 * guest reservation or its guard) becomes EXIT_SEGV/EXIT_BUS with the
 * guest address, via siglongjmp(cpu->fault_jmp, 1); any other is an rvx
 * bug and is reported as such. */
#ifndef RVX_OS_HOSTSIG_H
#define RVX_OS_HOSTSIG_H

#include "cpu/cpu.h"

extern __thread struct cpu *hostsig_cpu; /* cpu running on this thread */

void hostsig_init(void);

#endif
