/* struct cpu: the architectural state of one guest hart (one guest
 * thread) plus what the engines need to leave and re-enter guest code.
 *
 * Invariant: when an engine returns an exit reason, x[], f[], fcsr and pc
 * are exactly the state before the instruction named by pc (for ECALL:
 * pc is the ecall itself; the caller advances it by 4 after the call). */
#ifndef RVX_CPU_CPU_H
#define RVX_CPU_CPU_H

#include <setjmp.h>

#include "base/types.h"

struct vm;

enum exit_reason {
    EXIT_NONE = 0,
    EXIT_ECALL,      /* pc = the ecall */
    EXIT_EBREAK,     /* pc = the ebreak: SIGTRAP/TRAP_BRKPT */
    EXIT_ILLEGAL,    /* pc = the insn; fault_insn = its bits: SIGILL/ILL_ILLOPC */
    EXIT_SEGV,       /* fault_addr, fault_code = SEGV_MAPERR/ACCERR */
    EXIT_BUS,        /* misaligned atomic: fault_addr = pc, BUS_ADRALN */
    EXIT_FETCH,      /* instruction fetch from a non-executable or unmapped
                        page: SIGSEGV, fault_addr = the address fetched */
    EXIT_FLUSH,      /* fence.i or code invalidation: caller flushes blocks */
    EXIT_HALT,       /* the process is exiting (exit_group) */
    EXIT_INTERRUPT,  /* cpu->interrupt was set: pc = the next block, nothing
                        half done; the top loop delivers pending signals */
};

/* si_code values (asm-generic/siginfo.h) for the fault exits. */
enum { RV_SEGV_MAPERR = 1, RV_SEGV_ACCERR = 2, RV_BUS_ADRALN = 1, RV_BUS_ADRERR = 2,
       RV_ILL_ILLOPC = 1, RV_TRAP_BRKPT = 1 };

/* fcsr: bits 4:0 fflags (NV DZ OF UF NX), bits 7:5 frm. */
enum { FFLAG_NX = 1, FFLAG_UF = 2, FFLAG_OF = 4, FFLAG_DZ = 8, FFLAG_NV = 16 };

/* Guest signals recorded but not yet delivered (os/signal.c): one
 * entry per instance, siginfo included. All zero is an empty queue. */
#define SIG_QUEUE_MAX 32
struct sig_queue {
    u64 set;            /* bit n-1: signal n has at least one entry */
    u32 n;              /* entries used in q[] */
    /* Signals left pending in the host kernel (and blocked there) because
     * q[] was full; unblocked when the guest takes an entry. */
    u64 throttled;
    struct { u8 info[128]; } q[SIG_QUEUE_MAX]; /* struct rv_siginfo */
};

struct cpu {
    u64 x[32];          /* x[0] is always 0 */
    u64 f[32];          /* NaN-boxed when holding a single */
    u64 pc;
    u32 fcsr;
    u32 pad;
    u64 instret;        /* retired guest instructions (Zicntr instret) */

    /* LR/SC reservation: address and the value loaded by LR. SC succeeds
     * by compare-and-swap against that value while valid. */
    u64 resv_addr;
    u64 resv_val;
    bool resv_valid;

    /* Exit information, filled when an engine returns. */
    enum exit_reason exit;
    u64 fault_addr;
    int fault_code;
    u32 fault_insn;

    struct vm *vm;
    int tid;            /* host thread id of this guest thread */

    /* Per-thread signal state (the signal layer owns its meaning). */
    u64 sigmask;        /* blocked guest signals, bit n-1 for signal n */
    struct { u64 sp, flags, size; } altstack; /* sigaltstack, rv_stack layout */
    /* Set (by a host signal handler or another thread) to make the engine
     * leave guest code at the next block boundary, within bounded time
     * even in a chained loop; the top loop then looks at why. */
    volatile u32 interrupt;
    struct sig_queue sigpend; /* thread-directed or taken by this thread */
    u64 sig_saved_mask; /* sigsuspend: the mask to restore after the handler */
    bool sig_saved_valid;
    /* The current syscall's host call returned EINTR without starting:
     * a signal came first, so the call reruns after it (os/signal.c). */
    bool sys_not_started;
    /* The kernel's restart_block: how restart_syscall resumes a sleep
     * that a signal with no handler interrupted (os/restart.h). */
    struct {
        u32 fn;              /* enum restart_fn; 0: none (EINTR) */
        i32 clock;           /* host clock of the absolute deadline */
        i64 sec, nsec;       /* the deadline */
        u64 rem;             /* guest timespec for the time left, or 0 */
        u64 uaddr, op, val, bitset; /* a futex wait */
    } restart;

    /* The translator's per-thread state (jit/jit_internal.h), or NULL. */
    void *jit;
    /* Translated code's host stack (jit/tr_tramp.c): rsp as the entry
     * trampoline left it (the exit restores it, dropping every
     * return-address frame), the lowest rsp a guest call may push a
     * frame at, and a scratch word for stmxcsr. */
    u64 jit_rsp;
    u64 jit_ras_limit;
    u32 jit_mxcsr;

    /* Threads (vm/thread.c, os/sys_thread.c). */
    guest_addr clear_child_tid; /* CLONE_CHILD_CLEARTID, set_tid_address */
    guest_addr robust_list;     /* set_robust_list head, 0 if none */
    struct cpu *thread_next;    /* the vm's list of live guest threads */
    bool vfork_child;           /* a CLONE_VM|CLONE_VFORK child: ends with _exit */

    /* The block cache's per-thread state (cpu/block.c): the direct-mapped
     * front table, and the entry count the quiescence check reads. */
    struct block **blk_fast;
    u64 blk_fast_gen;           /* cache generation the front table belongs to */
    volatile u64 blk_seq;       /* engine entries: changes => passed a quiescent point */
    u64 blk_snap;               /* blk_seq when the pending retire batch closed */
    u64 blk_snap_batch;         /* which batch blk_snap belongs to */
    volatile bool blk_offline;  /* in a blocking call: holds no block */

    /* Host SIGSEGV/SIGBUS inside guest memory access longjmps here. */
    sigjmp_buf fault_jmp;
    volatile bool in_guest; /* the host fault handler may longjmp */
};

#endif
