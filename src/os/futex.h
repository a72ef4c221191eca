/* Futexes on guest memory. Guest address a is host address base + a,
 * so the host kernel's futex does the waiting and waking on the very
 * same words; rvx checks the addresses (bounds, alignment) and walks the
 * robust list itself, since the host kernel would read host pointers. */
#ifndef RVX_OS_FUTEX_H
#define RVX_OS_FUTEX_H

#include "cpu/cpu.h"

/* What Linux does for an exiting thread (mm_release): marks the robust
 * futexes it still holds FUTEX_OWNER_DIED and wakes a waiter of each,
 * then stores 0 at clear_child_tid and wakes one waiter there. */
void futex_exit_release(struct cpu *cpu);

#endif
