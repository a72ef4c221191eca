/* Guest constants for threads and processes: clone flags, futex ops,
 * the robust futex list, wait options, prctl options. The values are
 * the asm-generic ones and equal the x86-64 host's (fact sheet 1.3).
 * linux: include/uapi/linux/sched.h, futex.h, wait.h, prctl.h. */
#ifndef RVX_ABI_RV_THREAD_H
#define RVX_ABI_RV_THREAD_H

#include "base/types.h"

#define RV_CSIGNAL 0x000000ff
#define RV_CLONE_VM 0x00000100
#define RV_CLONE_FS 0x00000200
#define RV_CLONE_FILES 0x00000400
#define RV_CLONE_SIGHAND 0x00000800
#define RV_CLONE_PIDFD 0x00001000
#define RV_CLONE_PTRACE 0x00002000
#define RV_CLONE_VFORK 0x00004000
#define RV_CLONE_PARENT 0x00008000
#define RV_CLONE_THREAD 0x00010000
#define RV_CLONE_NEWNS 0x00020000
#define RV_CLONE_SYSVSEM 0x00040000
#define RV_CLONE_SETTLS 0x00080000
#define RV_CLONE_PARENT_SETTID 0x00100000
#define RV_CLONE_CHILD_CLEARTID 0x00200000
#define RV_CLONE_DETACHED 0x00400000
#define RV_CLONE_UNTRACED 0x00800000
#define RV_CLONE_CHILD_SETTID 0x01000000
#define RV_CLONE_IO 0x80000000ull
/* Namespaces and cgroup placement: a process VM cannot give these. */
#define RV_CLONE_NS_MASK 0x7e020000ull
#define RV_CLONE_CLEAR_SIGHAND 0x100000000ull
#define RV_CLONE_INTO_CGROUP 0x200000000ull

/* struct clone_args (clone3), CLONE_ARGS_SIZE_VER0/1/2 = 64/80/88. */
struct rv_clone_args {
    u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
    u64 set_tid, set_tid_size, cgroup;
};
_Static_assert(sizeof(struct rv_clone_args) == 88, "clone_args");
#define RV_CLONE_ARGS_SIZE_VER0 64

#define RV_FUTEX_WAIT 0
#define RV_FUTEX_WAKE 1
#define RV_FUTEX_FD 2
#define RV_FUTEX_REQUEUE 3
#define RV_FUTEX_CMP_REQUEUE 4
#define RV_FUTEX_WAKE_OP 5
#define RV_FUTEX_LOCK_PI 6
#define RV_FUTEX_UNLOCK_PI 7
#define RV_FUTEX_TRYLOCK_PI 8
#define RV_FUTEX_WAIT_BITSET 9
#define RV_FUTEX_WAKE_BITSET 10
#define RV_FUTEX_WAIT_REQUEUE_PI 11
#define RV_FUTEX_CMP_REQUEUE_PI 12
#define RV_FUTEX_LOCK_PI2 13
#define RV_FUTEX_PRIVATE_FLAG 128
#define RV_FUTEX_CLOCK_REALTIME 256
#define RV_FUTEX_CMD_MASK (~(RV_FUTEX_PRIVATE_FLAG | RV_FUTEX_CLOCK_REALTIME))

/* The futex word of a robust (and PI) mutex. */
#define RV_FUTEX_WAITERS 0x80000000u
#define RV_FUTEX_OWNER_DIED 0x40000000u
#define RV_FUTEX_TID_MASK 0x3fffffffu
#define RV_ROBUST_LIST_LIMIT 2048

/* struct robust_list_head: next, futex_offset, list_op_pending. */
struct rv_robust_list_head {
    u64 next;
    i64 futex_offset;
    u64 list_op_pending;
};
_Static_assert(sizeof(struct rv_robust_list_head) == 24, "robust_list_head");

#define RV_WNOHANG 1
#define RV_WUNTRACED 2
#define RV_WEXITED 4
#define RV_WCONTINUED 8
#define RV_WNOWAIT 0x01000000
#define RV_WNOTHREAD 0x20000000
#define RV_WALL 0x40000000
#define RV_WCLONE 0x80000000u

#define RV_PR_SET_PDEATHSIG 1
#define RV_PR_GET_PDEATHSIG 2
#define RV_PR_GET_DUMPABLE 3
#define RV_PR_SET_DUMPABLE 4
#define RV_PR_GET_KEEPCAPS 7
#define RV_PR_SET_KEEPCAPS 8
#define RV_PR_GET_TIMERSLACK 30
#define RV_PR_SET_TIMERSLACK 29
#define RV_PR_CAPBSET_READ 23
#define RV_PR_GET_SECCOMP 21
#define RV_PR_SET_CHILD_SUBREAPER 36
#define RV_PR_GET_CHILD_SUBREAPER 37
#define RV_PR_SET_NO_NEW_PRIVS 38
#define RV_PR_GET_NO_NEW_PRIVS 39
#define RV_PR_GET_TID_ADDRESS 40
#define RV_PR_SET_THP_DISABLE 41
#define RV_PR_GET_THP_DISABLE 42

#endif
