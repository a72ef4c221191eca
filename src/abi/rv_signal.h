/* Guest signal ABI: numbers, the kernel's rt_sigaction struct, stack_t.
 * linux: include/uapi/asm-generic/signal.h, signal-defs.h (riscv64 has
 * no SA_RESTORER, so its kernel sigaction is 24 bytes, not x86-64's 32). */
#ifndef RVX_ABI_RV_SIGNAL_H
#define RVX_ABI_RV_SIGNAL_H

#include <stddef.h>

#include "base/types.h"

#define RV_NSIG 64           /* _NSIG: signals 1..64 */
#define RV_SIGSET_SIZE 8     /* the only sigsetsize the kernel accepts */

#define RV_SIGHUP 1
#define RV_SIGINT 2
#define RV_SIGQUIT 3
#define RV_SIGILL 4
#define RV_SIGTRAP 5
#define RV_SIGABRT 6
#define RV_SIGBUS 7
#define RV_SIGFPE 8
#define RV_SIGKILL 9
#define RV_SIGUSR1 10
#define RV_SIGSEGV 11
#define RV_SIGUSR2 12
#define RV_SIGPIPE 13
#define RV_SIGALRM 14
#define RV_SIGTERM 15
#define RV_SIGSTKFLT 16
#define RV_SIGCHLD 17
#define RV_SIGCONT 18
#define RV_SIGSTOP 19
#define RV_SIGTSTP 20
#define RV_SIGTTIN 21
#define RV_SIGTTOU 22
#define RV_SIGURG 23
#define RV_SIGXCPU 24
#define RV_SIGXFSZ 25
#define RV_SIGVTALRM 26
#define RV_SIGPROF 27
#define RV_SIGWINCH 28
#define RV_SIGIO 29
#define RV_SIGPWR 30
#define RV_SIGSYS 31

#define RV_SIG_DFL 0
#define RV_SIG_IGN 1

#define RV_SIG_BLOCK 0
#define RV_SIG_UNBLOCK 1
#define RV_SIG_SETMASK 2

/* Bit of signal n in a kernel sigset. */
#define RV_SIGBIT(n) (1ull << ((n) - 1))

/* rt_sigaction's struct (kernel view, not glibc's). */
struct rv_sigaction {
    u64 handler;
    u64 flags;
    u64 mask;
};
_Static_assert(sizeof(struct rv_sigaction) == 24, "rv_sigaction size");
_Static_assert(offsetof(struct rv_sigaction, mask) == 16, "sa_mask");

/* stack_t; linux: include/uapi/asm-generic/signal.h */
struct rv_stack {
    u64 ss_sp;
    i32 ss_flags;
    i32 pad;
    u64 ss_size;
};
_Static_assert(sizeof(struct rv_stack) == 24, "stack_t size");
_Static_assert(offsetof(struct rv_stack, ss_size) == 16, "ss_size");

#define RV_SS_ONSTACK 1
#define RV_SS_DISABLE 2
#define RV_SS_AUTODISARM (1u << 31)
#define RV_MINSIGSTKSZ 2048

#endif
