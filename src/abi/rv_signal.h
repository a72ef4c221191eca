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

/* sa_flags; linux: include/uapi/asm-generic/signal-defs.h */
#define RV_SA_NOCLDSTOP 0x00000001u
#define RV_SA_NOCLDWAIT 0x00000002u
#define RV_SA_SIGINFO 0x00000004u
#define RV_SA_ONSTACK 0x08000000u
#define RV_SA_RESTART 0x10000000u
#define RV_SA_NODEFER 0x40000000u
#define RV_SA_RESETHAND 0x80000000u

/* si_code values not tied to one signal (asm-generic/siginfo.h). */
#define RV_SI_USER 0
#define RV_SI_KERNEL 0x80
#define RV_SI_QUEUE (-1)
#define RV_SI_TKILL (-6)

/* siginfo_t: the generic 128-byte layout, the same on x86-64, so a host
 * siginfo for a signal not raised by a fault is copied unchanged.
 * linux: include/uapi/asm-generic/siginfo.h */
struct rv_siginfo {
    i32 si_signo;
    i32 si_errno;
    i32 si_code;
    i32 pad0;
    union {
        u64 addr;                                       /* si_addr: faults */
        struct { i32 pid; u32 uid; u64 value; } kill;   /* kill, sigqueue */
        u8 raw[112];
    } u;
};
_Static_assert(sizeof(struct rv_siginfo) == 128, "siginfo size");
_Static_assert(offsetof(struct rv_siginfo, u.addr) == 16, "si_addr");

/* struct sigcontext without vector state: sc_regs (pc, x1..x31), then
 * the FP union, q-sized (528 bytes). The 6.5+ kernel overlays it with
 * sc_extdesc: 516 bytes of FP state, u32 reserved (0), then an END
 * header {magic 0, size 0} at 520.
 * linux: arch/riscv/include/uapi/asm/sigcontext.h, ptrace.h */
struct rv_sigcontext {
    u64 pc;
    u64 x[31];          /* x1 (ra) .. x31 (t6) */
    u64 f[32];
    u32 fcsr;
    u8 fp_pad[256];     /* rest of the q-sized union */
    u32 ext_reserved;   /* must be 0 on sigreturn */
    u32 ext_magic;      /* END_MAGIC 0 */
    u32 ext_size;       /* END_HDR_SIZE 0 */
};
_Static_assert(sizeof(struct rv_sigcontext) == 784, "sigcontext size");
_Static_assert(offsetof(struct rv_sigcontext, fcsr) == 512, "fcsr");
_Static_assert(offsetof(struct rv_sigcontext, ext_reserved) == 256 + 516, "sc_extdesc.reserved");
_Static_assert(offsetof(struct rv_sigcontext, ext_magic) == 256 + 520, "sc_extdesc.hdr");

/* struct ucontext; linux: arch/riscv/include/uapi/asm/ucontext.h */
struct rv_ucontext {
    u64 uc_flags;
    u64 uc_link;
    struct rv_stack uc_stack;
    u64 uc_sigmask;     /* the kernel's 8-byte sigset */
    u8 unused[120];     /* glibc's 1024-bit sigset extends over this */
    u64 align_pad;      /* uc_mcontext is 16-byte aligned */
    struct rv_sigcontext uc_mcontext;
} __attribute__((aligned(16)));
_Static_assert(sizeof(struct rv_ucontext) == 960, "ucontext size");
_Static_assert(offsetof(struct rv_ucontext, uc_mcontext) == 176, "uc_mcontext");

/* The frame a handler gets (arch/riscv/kernel/signal.c); sp points at
 * it, a1 = &info, a2 = &uc. */
struct rv_sigframe {
    struct rv_siginfo info;
    struct rv_ucontext uc;
};
_Static_assert(sizeof(struct rv_sigframe) == 1088, "rt_sigframe size");

/* signalfd4 flags (= O_CLOEXEC, O_NONBLOCK; the same on x86-64). */
#define RV_SFD_CLOEXEC 02000000
#define RV_SFD_NONBLOCK 04000

/* The vDSO's __vdso_rt_sigreturn: li a7, 139; ecall. */
#define RV_SIGRETURN_INSN0 0x08b00893u
#define RV_SIGRETURN_INSN1 0x00000073u

#endif
