/* futex(2) and the robust-list walk at thread exit (see futex.h).
 *
 * Every op passes through: the futex words, the timeouts (struct
 * timespec, same layout) and the ops' semantics are the host's, and
 * guest tids are host tids, so even the PI ops (whose word holds the
 * owner's tid) work unchanged. rvx checks each guest address: outside
 * the guest space is EFAULT (it would otherwise name rvx's own memory),
 * a misaligned word is EINVAL; an unmapped guest page is host PROT_NONE,
 * so the host kernel reports EFAULT itself. */
#include "os/futex.h"

#include <errno.h>
#include <linux/futex.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_thread.h"
#include "cpu/block.h"
#include "os/restart.h"
#include "os/safe_syscall.h"
#include "os/sys_impl.h"

/* Host pointer of the futex word at a, or NULL with *err set. */
static u32 *futex_word(struct vm *vm, guest_addr a, int *err)
{
    if (a & 3) {
        *err = -RV_EINVAL;
        return NULL;
    }
    if (a >= vm->mem.size || vm->mem.size - a < 4) {
        *err = -RV_EFAULT;
        return NULL;
    }
    return mem_host(&vm->mem, a);
}

static bool futex_has_timeout(int cmd)
{
    return cmd == RV_FUTEX_WAIT || cmd == RV_FUTEX_WAIT_BITSET || cmd == RV_FUTEX_LOCK_PI ||
           cmd == RV_FUTEX_LOCK_PI2 || cmd == RV_FUTEX_WAIT_REQUEUE_PI;
}

static bool futex_has_uaddr2(int cmd)
{
    return cmd == RV_FUTEX_REQUEUE || cmd == RV_FUTEX_CMP_REQUEUE || cmd == RV_FUTEX_WAKE_OP ||
           cmd == RV_FUTEX_CMP_REQUEUE_PI || cmd == RV_FUTEX_WAIT_REQUEUE_PI;
}

static clockid_t futex_clock(int op)
{
    return (op & RV_FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME : CLOCK_MONOTONIC;
}

/* The absolute deadline of a timed wait that Linux resumes after a
 * signal with no handler (ERESTART_RESTARTBLOCK): FUTEX_WAIT's timeout
 * is relative, FUTEX_WAIT_BITSET's absolute. The PI ops restart whole
 * (their timeouts are absolute). */
static bool futex_deadline(int cmd, int op, const struct timespec *ts, struct timespec *out)
{
    if (cmd == RV_FUTEX_WAIT_BITSET) {
        *out = *ts;
        return true;
    }
    if (cmd != RV_FUTEX_WAIT || ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
        return false;
    return restart_deadline(futex_clock(op), ts, out);
}

void restart_set_futex(struct cpu *cpu, u64 uaddr, u64 op, u64 val, u64 bitset,
                       clockid_t clock, const struct timespec *deadline)
{
    cpu->restart.fn = RESTART_FN_FUTEX;
    cpu->restart.uaddr = uaddr;
    cpu->restart.op = op;
    cpu->restart.val = val;
    cpu->restart.bitset = bitset;
    cpu->restart.clock = clock;
    cpu->restart.sec = deadline->tv_sec;
    cpu->restart.nsec = deadline->tv_nsec;
}

/* futex(uaddr, op, val, timeout | val2, uaddr2, val3) */
i64 sys_futex(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    int op = (int)a[1], cmd = op & RV_FUTEX_CMD_MASK, err = 0;
    if (cmd > RV_FUTEX_LOCK_PI2 || cmd == RV_FUTEX_FD)
        return -RV_ENOSYS;
    u32 *uaddr = futex_word(vm, a[0], &err);
    if (!uaddr)
        return err;
    u32 *uaddr2 = NULL;
    if (futex_has_uaddr2(cmd) && !(uaddr2 = futex_word(vm, a[4], &err)))
        return err;
    long arg4 = (long)a[3]; /* val2 for the requeue and wake_op ops */
    struct timespec deadline;
    bool resumable = false;
    if (futex_has_timeout(cmd)) {
        void *ts;
        if (!sys_opt(vm, a[3], 16, PAGE_R, &ts))
            return -RV_EFAULT;
        arg4 = (long)ts;
        cpu->restart.fn = RESTART_FN_NONE;
        resumable = ts && futex_deadline(cmd, op, ts, &deadline);
    }
    /* A wait may block for long: tell the block cache this thread
     * holds no block meanwhile (cpu/block.h). */
    bool blocking = futex_has_timeout(cmd);
    if (blocking)
        block_offline(cpu, true);
    long r = safe_syscall(SYS_futex, uaddr, op, (u32)a[2], arg4, uaddr2, (u32)a[5]);
    if (blocking)
        block_offline(cpu, false);
    if (r < 0 && errno == EINTR && resumable)
        restart_set_futex(cpu, a[0], (u64)op, a[2], cmd == RV_FUTEX_WAIT ? ~0u : a[5],
                          futex_clock(op), &deadline);
    return sys_host(r);
}

/* Resumes a timed wait as FUTEX_WAIT_BITSET with its absolute deadline
 * (futex_wait_restart). */
i64 futex_restart(struct cpu *cpu)
{
    struct timespec deadline = {cpu->restart.sec, cpu->restart.nsec};
    int op = RV_FUTEX_WAIT_BITSET | ((int)cpu->restart.op & ~RV_FUTEX_CMD_MASK);
    int err = 0;
    u32 *uaddr = futex_word(cpu->vm, cpu->restart.uaddr, &err);
    if (!uaddr)
        return err;
    block_offline(cpu, true);
    long r = safe_syscall(SYS_futex, uaddr, op, (u32)cpu->restart.val, &deadline, NULL,
                          (u32)cpu->restart.bitset);
    block_offline(cpu, false);
    if (r < 0 && errno == EINTR)
        restart_set_futex(cpu, cpu->restart.uaddr, cpu->restart.op, cpu->restart.val,
                          cpu->restart.bitset, cpu->restart.clock, &deadline);
    return sys_host(r);
}

/* A shared (not private) wake, as the kernel's exit path does: glibc
 * waits on robust mutexes and on pd->tid with shared futexes. */
static void futex_wake_one(u32 *p)
{
    syscall(SYS_futex, p, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* The kernel's handle_futex_death for the word at a. */
static void futex_death(struct vm *vm, guest_addr a, u32 tid, bool pi, bool pending)
{
    u32 *p = a & 3 ? NULL : guest_ptr(vm, a, 4, PAGE_R | PAGE_W);
    if (!p)
        return;
    u32 uval = __atomic_load_n(p, __ATOMIC_SEQ_CST), mval;
    do {
        /* Died between taking the lock and recording it: wake a waiter
         * so the lock is not lost. */
        if (pending && !pi && !uval) {
            futex_wake_one(p);
            return;
        }
        if ((uval & RV_FUTEX_TID_MASK) != tid)
            return;
        mval = (uval & RV_FUTEX_WAITERS) | RV_FUTEX_OWNER_DIED;
    } while (!__atomic_compare_exchange_n(p, &uval, mval, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    if (!pi && (uval & RV_FUTEX_WAITERS))
        futex_wake_one(p);
}

/* Reads a list pointer; bit 0 marks a PI futex. */
static bool robust_fetch(struct vm *vm, guest_addr a, guest_addr *entry, bool *pi)
{
    u64 v;
    if (copy_from_guest(vm, &v, a, 8))
        return false;
    *entry = v & ~1ull;
    *pi = v & 1;
    return true;
}

/* The kernel's exit_robust_list: the list is guest memory the guest may
 * have corrupted, so every read is checked and the walk is bounded. */
static void futex_exit_robust(struct cpu *cpu)
{
    struct vm *vm = cpu->vm;
    guest_addr head = cpu->robust_list, entry, pending, next;
    struct rv_robust_list_head h;
    bool pi, pending_pi, next_pi;
    if (!head || copy_from_guest(vm, &h, head, sizeof h))
        return;
    if (!robust_fetch(vm, head, &entry, &pi) ||
        !robust_fetch(vm, head + 16, &pending, &pending_pi))
        return;
    for (int limit = RV_ROBUST_LIST_LIMIT; entry != head && limit > 0; limit--) {
        bool ok = robust_fetch(vm, entry, &next, &next_pi);
        if (entry != pending)
            futex_death(vm, entry + (u64)h.futex_offset, (u32)cpu->tid, pi, false);
        if (!ok)
            return;
        entry = next;
        pi = next_pi;
    }
    if (pending)
        futex_death(vm, pending + (u64)h.futex_offset, (u32)cpu->tid, pending_pi, true);
}

void futex_exit_release(struct cpu *cpu)
{
    futex_exit_robust(cpu);
    cpu->robust_list = 0;
    guest_addr a = cpu->clear_child_tid;
    u32 *p = a && !(a & 3) ? guest_ptr(cpu->vm, a, 4, PAGE_W) : NULL;
    if (p) {
        __atomic_store_n(p, 0, __ATOMIC_SEQ_CST);
        futex_wake_one(p);
    }
    cpu->clear_child_tid = 0;
}
