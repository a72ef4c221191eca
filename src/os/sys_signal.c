/* Signal syscalls. The guest's table, masks and alternate stacks are
 * kept by rvx (os/signal.c mirrors them onto the host), so a signal a
 * guest sends with kill/tkill/tgkill/rt_sigqueueinfo goes through the
 * host kernel unchanged: guest and host signal numbers, pids and tids
 * are the same, and the host kernel picks the target thread, queues,
 * stops or kills exactly as Linux does for the guest. rt_sigtimedwait
 * and signalfd likewise wait on the host for the (host-blocked) set,
 * after rvx's own queue. */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/hostsig.h"
#include "os/restart.h"
#include "os/safe_syscall.h"
#include "os/signal.h"
#include "os/sys_impl.h"

static bool sig_valid(u64 sig) { return sig >= 1 && sig <= RV_NSIG; }

/* Linux's order: sigsetsize, then reading act (EFAULT), then the signal
 * number, then writing oact. */
i64 sys_rt_sigaction(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    u64 sig = a[0];
    struct rv_sigaction act;
    if (a[3] != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    if (a[1] && copy_from_guest(vm, &act, a[1], sizeof act))
        return -RV_EFAULT;
    if (!sig_valid(sig) || (a[1] && (sig == RV_SIGKILL || sig == RV_SIGSTOP)))
        return -RV_EINVAL;
    struct rv_sigaction old = {vm->sigact[sig].handler, vm->sigact[sig].flags,
                               vm->sigact[sig].mask};
    if (a[1]) {
        vm->sigact[sig].handler = act.handler;
        vm->sigact[sig].flags = act.flags;
        vm->sigact[sig].mask = act.mask & ~RV_SIG_UNBLOCKABLE;
        sig_update_action(vm, (int)sig);
    }
    if (a[2] && copy_to_guest(vm, a[2], &old, sizeof old))
        return -RV_EFAULT;
    return 0;
}

/* Unblocking may make a signal (queued by rvx, or pending on the host
 * and caught as the host mask opens) deliverable: the top loop sees
 * cpu->interrupt when the call returns. */
i64 sys_rt_sigprocmask(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    if (a[3] != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    u64 old = cpu->sigmask, set, mask = cpu->sigmask;
    if (a[1]) {
        if (copy_from_guest(vm, &set, a[1], sizeof set))
            return -RV_EFAULT;
        switch (a[0]) {
        case RV_SIG_BLOCK: mask |= set; break;
        case RV_SIG_UNBLOCK: mask &= ~set; break;
        case RV_SIG_SETMASK: mask = set; break;
        default: return -RV_EINVAL;
        }
        sig_set_mask(cpu, mask);
    }
    if (a[2] && copy_to_guest(vm, a[2], &old, sizeof old))
        return -RV_EFAULT;
    return 0;
}

i64 sys_sigaltstack(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    u64 sp = cpu->x[2];
    struct rv_stack old = {cpu->altstack.sp,
                           sig_altstack_flags(cpu, sp) |
                               (i32)(cpu->altstack.flags & RV_SS_AUTODISARM),
                           0, cpu->altstack.size};
    if (a[0]) {
        struct rv_stack ss;
        if (copy_from_guest(vm, &ss, a[0], sizeof ss))
            return -RV_EFAULT;
        int r = sig_altstack_set(cpu, &ss, sp);
        if (r)
            return r;
    }
    if (a[1] && copy_to_guest(vm, a[1], &old, sizeof old))
        return -RV_EFAULT;
    return 0;
}

/* Pending = queued by rvx or pending on the host, and blocked. */
i64 sys_rt_sigpending(struct cpu *cpu, const u64 *a)
{
    if (a[1] != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    u64 host = 0;
    syscall(SYS_rt_sigpending, &host, 8);
    u64 set = (sig_queued(cpu) | host) & cpu->sigmask;
    return copy_to_guest(cpu->vm, a[0], &set, sizeof set) ? -RV_EFAULT : 0;
}

/* Waits with the temporary mask; returns -EINTR once a signal it lets
 * through is queued, and the top loop runs its handler with the old
 * mask saved in the frame (set_restore_sigmask). */
i64 sys_rt_sigsuspend(struct cpu *cpu, const u64 *a)
{
    u64 set;
    if (a[1] != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    if (copy_from_guest(cpu->vm, &set, a[0], sizeof set))
        return -RV_EFAULT;
    u64 old = cpu->sigmask;
    set &= ~RV_SIG_UNBLOCKABLE;
    u64 host_set = set & ~(RV_SIGBIT(RV_SIGSEGV) | RV_SIGBIT(RV_SIGBUS));
    /* Checking the queue and sleeping must be one step: with every host
     * signal blocked in between, one that comes after the check waits
     * for the host's rt_sigsuspend, which opens host_set atomically. */
    hostsig_block_all();
    while (!(sig_queued(cpu) & ~set))
        syscall(SYS_rt_sigsuspend, &host_set, 8);
    sig_set_mask(cpu, set);
    cpu->sig_saved_mask = old;
    cpu->sig_saved_valid = true;
    cpu->interrupt = 1;
    return -RV_EINTR;
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize): rvx's queue first,
 * then the host's (the guest blocked set is blocked on the host too, so
 * the host kernel holds it; an unblocked one it takes before a handler,
 * as Linux does). */
i64 sys_rt_sigtimedwait(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    u64 set;
    if (a[3] != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    if (copy_from_guest(vm, &set, a[0], sizeof set))
        return -RV_EFAULT;
    void *ts, *info;
    if (!sys_opt(vm, a[2], 16, PAGE_R, &ts) ||
        !sys_opt(vm, a[1], sizeof(struct rv_siginfo), PAGE_W, &info))
        return -RV_EFAULT;
    set &= ~RV_SIG_UNBLOCKABLE;
    struct rv_siginfo si;
    if (sig_dequeue(cpu, set, &si)) {
        if (a[1] && copy_to_guest(vm, a[1], &si, sizeof si))
            return -RV_EFAULT;
        return si.si_signo;
    }
    return sys_host(safe_syscall(SYS_rt_sigtimedwait, &set, info, ts, 8));
}

/* signalfd4(fd, mask, sizemask, flags): a host signalfd for the same
 * set. It sees what the host kernel holds pending, i.e. every signal the
 * guest blocks, sent by anyone; struct signalfd_siginfo (128 bytes) and
 * SFD_* are the same on both. Not seen: the few signals rvx itself
 * queued (an external SIGSEGV/SIGBUS the guest blocks). */
i64 sys_signalfd4(struct cpu *cpu, const u64 *a)
{
    u64 set;
    if (a[2] != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    if (copy_from_guest(cpu->vm, &set, a[1], sizeof set))
        return -RV_EFAULT;
    if (a[3] & ~(u64)(RV_SFD_CLOEXEC | RV_SFD_NONBLOCK))
        return -RV_EINVAL;
    set &= ~RV_SIG_UNBLOCKABLE;
    return sys_host(syscall(SYS_signalfd4, sys_fd(a[0]), &set, 8, (int)a[3]));
}

/* rt_sigreturn: the frame at sp; a bad one is a forced SIGSEGV. The
 * restored a0 is the result (vm/run.c does not restart this call). */
i64 sys_rt_sigreturn(struct cpu *cpu, const u64 *a)
{
    UNUSED(a);
    cpu->restart.fn = RESTART_FN_NONE; /* a handler ran: nothing to resume */
    if (!sigframe_pop(cpu)) {
        sig_force(cpu, RV_SIGSEGV, RV_SI_KERNEL);
        return 0;
    }
    return (i64)cpu->x[10];
}

i64 sys_kill(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_kill, (pid_t)a[0], (int)a[1]));
}

i64 sys_tkill(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}

i64 sys_tgkill(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

/* The siginfo passes unchanged (same layout); the host kernel refuses
 * a forged si_code >= 0 for another process, as Linux does. */
static i64 sig_queueinfo(struct cpu *cpu, guest_addr uinfo, struct rv_siginfo *si)
{
    return copy_from_guest(cpu->vm, si, uinfo, sizeof *si) ? -RV_EFAULT : 0;
}

i64 sys_rt_sigqueueinfo(struct cpu *cpu, const u64 *a)
{
    struct rv_siginfo si;
    i64 r = sig_queueinfo(cpu, a[2], &si);
    return r ? r : sys_host(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], (int)a[1], &si));
}

i64 sys_rt_tgsigqueueinfo(struct cpu *cpu, const u64 *a)
{
    struct rv_siginfo si;
    i64 r = sig_queueinfo(cpu, a[3], &si);
    return r ? r
             : sys_host(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1], (int)a[2], &si));
}
