/* Signal syscalls, recording stage: rt_sigaction and rt_sigprocmask
 * keep the guest's table and mask in struct vm with Linux's argument
 * checks; sigaltstack is recorded; kill/tkill/tgkill act on rvx itself
 * only where the outcome needs no guest delivery (default action or
 * ignore). Handler delivery comes with the signal layer. */
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_signal.h"
#include "base/log.h"
#include "os/sys_impl.h"

/* KILL and STOP can be neither caught nor blocked. */
#define RV_UNBLOCKABLE (RV_SIGBIT(RV_SIGKILL) | RV_SIGBIT(RV_SIGSTOP))

/* The alternate signal stack of the one guest thread (moves into the
 * per-thread state with threads). */
static struct rv_stack sig_altstack = {.ss_flags = RV_SS_DISABLE};

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
        vm->sigact[sig].mask = act.mask & ~RV_UNBLOCKABLE;
    }
    if (a[2] && copy_to_guest(vm, a[2], &old, sizeof old))
        return -RV_EFAULT;
    return 0;
}

i64 sys_rt_sigprocmask(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    if (a[3] != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    u64 old = vm->sigmask, set;
    if (a[1]) {
        if (copy_from_guest(vm, &set, a[1], sizeof set))
            return -RV_EFAULT;
        set &= ~RV_UNBLOCKABLE;
        switch (a[0]) {
        case RV_SIG_BLOCK: vm->sigmask |= set; break;
        case RV_SIG_UNBLOCK: vm->sigmask &= ~set; break;
        case RV_SIG_SETMASK: vm->sigmask = set; break;
        default: return -RV_EINVAL;
        }
    }
    if (a[2] && copy_to_guest(vm, a[2], &old, sizeof old))
        return -RV_EFAULT;
    return 0;
}

i64 sys_sigaltstack(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    struct rv_stack old = sig_altstack, ss;
    if (a[0]) {
        if (copy_from_guest(vm, &ss, a[0], sizeof ss))
            return -RV_EFAULT;
        u32 mode = (u32)ss.ss_flags & ~RV_SS_AUTODISARM;
        if (mode != 0 && mode != RV_SS_ONSTACK && mode != RV_SS_DISABLE)
            return -RV_EINVAL;
        if (mode == RV_SS_DISABLE) {
            ss.ss_sp = 0;
            ss.ss_size = 0;
        } else if (ss.ss_size < RV_MINSIGSTKSZ) {
            return -RV_ENOMEM;
        }
        /* ONSTACK on input means "enable", like 0. */
        ss.ss_flags = mode == RV_SS_DISABLE ? RV_SS_DISABLE
                                            : (i32)((u32)ss.ss_flags & RV_SS_AUTODISARM);
        ss.pad = 0;
        sig_altstack = ss;
    }
    if (a[1] && copy_to_guest(vm, a[1], &old, sizeof old))
        return -RV_EFAULT;
    return 0;
}

/* Signals whose default action is to do nothing. */
static bool sig_default_ignored(int sig)
{
    return sig == RV_SIGCHLD || sig == RV_SIGCONT || sig == RV_SIGURG || sig == RV_SIGWINCH;
}

static bool sig_is_stop(int sig)
{
    return sig == RV_SIGSTOP || sig == RV_SIGTSTP || sig == RV_SIGTTIN || sig == RV_SIGTTOU;
}

/* Takes the default action of sig on rvx itself. Raw calls: glibc
 * refuses to touch its reserved signals 32 and 33 through signal(). The
 * guest's core would be rvx's, so none is written (as in vm/run.c). */
static void sig_host_default(int sig)
{
    struct { u64 handler, flags, restorer, mask; } dfl = {0, 0, 0, 0}; /* x86-64 layout */
    u64 unblock = RV_SIGBIT(sig);
    fflush(NULL);
    if (!sig_is_stop(sig)) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
    }
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, NULL, 8);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
}

/* A signal sent to rvx's own guest. With no guest handler the default
 * action is taken on rvx itself (terminate, core, stop), which is what
 * the parent must observe; a blocked signal would be delivered on
 * unblock anyway (glibc's raise blocks it around tgkill). A guest
 * handler needs delivery: not yet. */
static i64 sig_self(struct cpu *cpu, int sig)
{
    if (sig == 0)
        return 0;
    if (!sig_valid((u64)sig))
        return -RV_EINVAL;
    u64 h = cpu->vm->sigact[sig].handler;
    if (sig != RV_SIGKILL && sig != RV_SIGSTOP) {
        if (h == RV_SIG_IGN || (h == RV_SIG_DFL && sig_default_ignored(sig)))
            return 0;
        if (h != RV_SIG_DFL) {
            if (log_on(LOG_UNIMP))
                log_printf("rvx: signal %d to a guest handler: delivery not implemented\n", sig);
            return -RV_ENOSYS;
        }
    }
    sig_host_default(sig);
    return 0; /* only a stop signal comes back, once continued */
}

i64 sys_kill(struct cpu *cpu, const u64 *a)
{
    pid_t pid = (pid_t)a[0];
    if (pid == getpid())
        return sig_self(cpu, (int)a[1]);
    if (pid > 0) /* another process: a plain host process */
        return sys_host(kill(pid, (int)a[1]));
    /* Process groups and -1 include rvx itself. */
    if (log_on(LOG_UNIMP))
        log_printf("rvx: kill(%d, %d) to a group: not implemented\n", pid, (int)a[1]);
    return -RV_ENOSYS;
}

i64 sys_tkill(struct cpu *cpu, const u64 *a)
{
    pid_t tid = (pid_t)a[0];
    if (tid <= 0)
        return -RV_EINVAL;
    if (tid == (pid_t)syscall(SYS_gettid))
        return sig_self(cpu, (int)a[1]);
    return -RV_ESRCH; /* the only guest thread is the caller */
}

i64 sys_tgkill(struct cpu *cpu, const u64 *a)
{
    pid_t tgid = (pid_t)a[0], tid = (pid_t)a[1];
    if (tgid <= 0 || tid <= 0)
        return -RV_EINVAL;
    if (tgid == getpid() && tid == (pid_t)syscall(SYS_gettid))
        return sig_self(cpu, (int)a[2]);
    if (tgid == getpid())
        return -RV_ESRCH;
    return sys_host(syscall(SYS_tgkill, tgid, tid, (int)a[2]));
}
