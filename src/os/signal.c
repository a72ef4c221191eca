/* Guest signal delivery (the model is described in os/signal.h).
 *
 * Queues: a caught host signal is queued on the cpu of the host thread
 * that took it (the host kernel chose that thread by the mirrored masks,
 * so it is the right one for both thread- and process-directed
 * signals), or on vm->sigpend when no cpu runs there. The host handler
 * runs with every host signal blocked; normal code blocks them too while
 * it touches a queue, and every queue is touched under vm->sig_lock, so
 * one thread may drop a signal from another's queue (a signal set to
 * be ignored is discarded from every thread, as Linux does).
 * Standard signals (1-31) coalesce, real-time ones queue, as on Linux.
 *
 * Delivery happens in the top loop only, at an instruction boundary:
 * after a syscall (with the restart rules), on EXIT_INTERRUPT, or for a
 * synchronous fault. */
#include "os/signal.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_errno.h"
#include "base/log.h"
#include "mem/copy.h"
#include "mem/mem.h"
#include "mem/mman.h"
#include "os/hostsig.h"
#include "vm/thread.h"
#include "tools/gdbstub.h"
#include "tools/strace.h"
#include "vm/vm.h"

/* The synchronous signals the kernel dequeues first (next_signal). */
#define SIG_SYNC_MASK (RV_SIGBIT(RV_SIGSEGV) | RV_SIGBIT(RV_SIGBUS) | RV_SIGBIT(RV_SIGILL) | \
                       RV_SIGBIT(RV_SIGTRAP) | RV_SIGBIT(RV_SIGFPE) | RV_SIGBIT(RV_SIGSYS))
/* Never blocked on the host: rvx's own faults arrive through them. */
#define SIG_HOST_UNMASKABLE (RV_SIGBIT(RV_SIGSEGV) | RV_SIGBIT(RV_SIGBUS))

static struct vm *sig_vm; /* for host handlers on threads without a cpu */

/* ---- default actions (man 7 signal) ---- */

static bool sig_default_ignored(int sig)
{
    return sig == RV_SIGCHLD || sig == RV_SIGCONT || sig == RV_SIGURG || sig == RV_SIGWINCH;
}

static bool sig_default_stops(int sig)
{
    return sig == RV_SIGSTOP || sig == RV_SIGTSTP || sig == RV_SIGTTIN || sig == RV_SIGTTOU;
}

static bool sig_default_core(int sig)
{
    return sig == RV_SIGQUIT || sig == RV_SIGILL || sig == RV_SIGTRAP || sig == RV_SIGABRT ||
           sig == RV_SIGBUS || sig == RV_SIGFPE || sig == RV_SIGSEGV || sig == RV_SIGXCPU ||
           sig == RV_SIGXFSZ || sig == RV_SIGSYS;
}

/* Raw calls: glibc will not touch its reserved 32 and 33. The guest's
 * core would be rvx's, so none is written. */
void sig_default_die(int sig)
{
    u64 unblock = RV_SIGBIT(sig);
    fflush(NULL);
    if (!sig_default_stops(sig)) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
    }
    struct { u64 handler, flags, restorer, mask; } dfl = {0, 0, 0, 0}; /* x86-64 layout */
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, NULL, 8);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
    if (!sig_default_stops(sig))
        _exit(128 + sig); /* not reached: the signal kills */
    if (sig_vm) /* continued: back to the mirrored disposition */
        sig_update_action(sig_vm, sig);
}

/* ---- masks and dispositions ---- */

void sig_set_mask(struct cpu *cpu, u64 mask)
{
    cpu->sigmask = mask & ~RV_SIG_UNBLOCKABLE;
    hostsig_set_mask(cpu->sigmask & ~SIG_HOST_UNMASKABLE);
    if (sig_queued(cpu) & ~cpu->sigmask) /* rvx's queue: the host's is handled by the host */
        cpu->interrupt = 1;
}

static void sig_queue_drop(struct sig_queue *q, int sig);
static void sig_lock(struct vm *vm);
static void sig_unlock(struct vm *vm);

void sig_update_action(struct vm *vm, int sig)
{
    u64 h = vm->sigact[sig].handler;
    u64 extra = vm->sigact[sig].flags & (RV_SA_NOCLDSTOP | RV_SA_NOCLDWAIT);
    bool ignored = h == RV_SIG_IGN || (h == RV_SIG_DFL && sig_default_ignored(sig));
    if (h == RV_SIG_IGN)
        hostsig_set_action(sig, HOSTSIG_IGN, extra);
    else if (h == RV_SIG_DFL && !sig_default_core(sig))
        hostsig_set_action(sig, HOSTSIG_DFL, extra);
    else
        hostsig_set_action(sig, HOSTSIG_CATCH, extra);
    if (ignored) { /* Linux discards pending instances from every thread */
        u64 old = hostsig_block_all();
        bool threads = vm->thread_lock != NULL; /* else vm->cpu is the only one */
        if (threads)
            thread_lock(vm);
        sig_lock(vm);
        for (struct cpu *c = threads ? vm->threads : vm->cpu; c; c = threads ? c->thread_next : NULL)
            sig_queue_drop(&c->sigpend, sig);
        sig_queue_drop(&vm->sigpend, sig);
        sig_unlock(vm);
        if (threads)
            thread_unlock(vm);
        hostsig_set_mask(old);
    }
}

void sig_init(struct vm *vm)
{
    sig_vm = vm;
    for (int sig = 1; sig <= RV_NSIG; sig++) {
        if (sig == RV_SIGKILL || sig == RV_SIGSTOP)
            continue;
        if (hostsig_inherited_ignore(sig)) /* exec keeps ignored dispositions */
            vm->sigact[sig].handler = RV_SIG_IGN;
        sig_update_action(vm, sig);
    }
    sig_set_mask(vm->cpu, hostsig_get_mask()); /* exec keeps the mask */
}

/* ---- queues ---- */

static void sig_lock(struct vm *vm)
{
    while (__atomic_exchange_n(&vm->sig_lock, 1, __ATOMIC_ACQUIRE))
        __builtin_ia32_pause();
}

static void sig_unlock(struct vm *vm) { __atomic_store_n(&vm->sig_lock, 0, __ATOMIC_RELEASE); }

static int sig_entry_signo(const struct sig_queue *q, u32 i)
{
    i32 s;
    memcpy(&s, q->q[i].info, sizeof s);
    return s;
}

/* False when q is full: the caller must keep the signal elsewhere. */
static bool sig_queue_push(struct sig_queue *q, const void *info)
{
    int sig;
    memcpy(&sig, info, sizeof sig);
    if (sig < 1 || sig > RV_NSIG)
        return true;
    if (sig < 32 && (q->set & RV_SIGBIT(sig)))
        return true; /* a standard signal is pending at most once */
    if (q->n == SIG_QUEUE_MAX) {
        q->throttled |= RV_SIGBIT(sig);
        return false;
    }
    memcpy(q->q[q->n++].info, info, sizeof q->q[0].info);
    q->set |= RV_SIGBIT(sig);
    return true;
}

static void sig_queue_remove(struct sig_queue *q, u32 i)
{
    int sig = sig_entry_signo(q, i);
    memmove(&q->q[i], &q->q[i + 1], (q->n - i - 1) * sizeof q->q[0]);
    q->n--;
    for (u32 j = 0; j < q->n; j++)
        if (sig_entry_signo(q, j) == sig)
            return;
    q->set &= ~RV_SIGBIT(sig);
}

static void sig_queue_drop(struct sig_queue *q, int sig)
{
    for (u32 i = q->n; i-- > 0;)
        if (sig_entry_signo(q, i) == sig)
            sig_queue_remove(q, i);
}

/* Synchronous signals first, then the lowest number (next_signal). */
static int sig_pick(u64 set)
{
    u64 s = (set & SIG_SYNC_MASK) ? (set & SIG_SYNC_MASK) : set;
    return s ? __builtin_ctzll(s) + 1 : 0;
}

static bool sig_queue_take(struct sig_queue *q, u64 allowed, struct rv_siginfo *out)
{
    int sig = sig_pick(q->set & allowed);
    if (!sig)
        return false;
    for (u32 i = 0; i < q->n; i++) {
        if (sig_entry_signo(q, i) == sig) {
            memcpy(out, q->q[i].info, sizeof *out);
            sig_queue_remove(q, i);
            return true;
        }
    }
    return false;
}

bool sig_record(struct cpu *c, const siginfo_t *si)
{
    _Static_assert(sizeof(siginfo_t) == sizeof(struct rv_siginfo), "siginfo layout");
    struct vm *vm = c ? c->vm : sig_vm;
    if (c) {
        sig_lock(c->vm);
        bool ok = sig_queue_push(&c->sigpend, si);
        sig_unlock(c->vm);
        c->interrupt = 1;
        return ok;
    } else if (vm) {
        sig_lock(vm);
        bool ok = sig_queue_push(&vm->sigpend, si);
        sig_unlock(vm);
        vm->cpu->interrupt = 1;
        return ok;
    }
    return true;
}

/* tkill/tgkill, and a fault's signal (si_code > 0 from the kernel). */
static bool sig_thread_directed(const struct rv_siginfo *si)
{
    if (si->si_code == RV_SI_TKILL)
        return true;
    bool fault = si->si_signo == RV_SIGSEGV || si->si_signo == RV_SIGBUS ||
                 si->si_signo == RV_SIGILL || si->si_signo == RV_SIGTRAP ||
                 si->si_signo == RV_SIGFPE;
    return fault && si->si_code > 0;
}

void sig_thread_exit(struct cpu *cpu)
{
    struct rv_siginfo si;
    sig_lock(cpu->vm);
    /* rt_sigqueueinfo to our own process keeps si_code and the sender. */
    while (sig_queue_take(&cpu->sigpend, ~(u64)0, &si))
        if (!sig_thread_directed(&si))
            syscall(SYS_rt_sigqueueinfo, getpid(), si.si_signo, &si);
    sig_unlock(cpu->vm);
}

bool sig_dequeue(struct cpu *cpu, u64 allowed, struct rv_siginfo *out)
{
    struct vm *vm = cpu->vm;
    u64 old = hostsig_block_all();
    sig_lock(vm);
    bool ok = sig_queue_take(&cpu->sigpend, allowed, out) ||
              sig_queue_take(&vm->sigpend, allowed, out);
    sig_unlock(vm);
    /* Room again: let the host deliver what it holds for us. */
    u64 throttled = cpu->sigpend.throttled | vm->sigpend.throttled;
    if (ok && throttled) {
        cpu->sigpend.throttled = vm->sigpend.throttled = 0;
        old &= ~(throttled & ~cpu->sigmask);
    }
    hostsig_set_mask(old);
    return ok;
}

u64 sig_queued(struct cpu *cpu)
{
    return cpu->sigpend.set | cpu->vm->sigpend.set;
}

/* ---- delivery ---- */

static void sig_default(struct cpu *cpu, int sig)
{
    UNUSED(cpu);
    if (sig_default_ignored(sig))
        return;
    if (log_on(LOG_SYSCALLS))
        log_printf("rvx: guest signal %d: default action\n", sig);
    sig_default_die(sig);
}

/* Runs the action for one dequeued signal. Returns true if a handler
 * frame was pushed. *sc is consumed by the first signal. */
static bool sig_handle(struct cpu *cpu, const struct rv_siginfo *si,
                       const struct sig_syscall **sc)
{
    struct vm *vm = cpu->vm;
    int sig = si->si_signo;
    u64 handler = vm->sigact[sig].handler, flags = vm->sigact[sig].flags;
    if (handler == RV_SIG_IGN || handler == RV_SIG_DFL) {
        if (handler == RV_SIG_DFL)
            sig_default(cpu, sig);
        return false;
    }
    if (*sc)
        sig_restart(cpu, *sc, true, flags);
    *sc = NULL;
    if (flags & RV_SA_RESETHAND) {
        vm->sigact[sig].handler = RV_SIG_DFL;
        sig_update_action(vm, sig);
    }
    u64 saved = cpu->sig_saved_valid ? cpu->sig_saved_mask : cpu->sigmask;
    if (!sigframe_push(cpu, si, handler, flags, saved)) {
        /* force_sigsegv: a SIGSEGV that cannot be handled kills. */
        if (sig == RV_SIGSEGV) {
            fprintf(stderr, "rvx: guest SIGSEGV: no room for the signal frame at sp=0x%llx\n",
                    (unsigned long long)cpu->x[2]);
            sig_default_die(RV_SIGSEGV);
        }
        sig_force(cpu, RV_SIGSEGV, RV_SI_KERNEL);
        return false;
    }
    u64 mask = cpu->sigmask | vm->sigact[sig].mask;
    if (!(flags & RV_SA_NODEFER))
        mask |= RV_SIGBIT(sig);
    cpu->sig_saved_valid = false;
    sig_set_mask(cpu, mask);
    return true;
}

void sig_deliver(struct cpu *cpu, const struct sig_syscall *sc)
{
    struct rv_siginfo si;
    cpu->interrupt = 0; /* before dequeuing: a new arrival sets it again */
    while (sig_dequeue(cpu, ~cpu->sigmask, &si)) {
        if (cpu->vm->gdb && !gdbstub_signal(cpu, &si))
            continue; /* gdb resumed without it ("signal 0"); or si is gdb's */
        if (log_on(LOG_STRACE))
            strace_signal(cpu, &si);
        sig_handle(cpu, &si, &sc);
    }
    if (sc) /* no handler ran: every ERESTART* call reruns */
        sig_restart(cpu, sc, false, 0);
    if (cpu->sig_saved_valid) { /* sigsuspend woke for nothing to run */
        cpu->sig_saved_valid = false;
        sig_set_mask(cpu, cpu->sig_saved_mask);
    }
}

bool sig_fault_caught(const struct cpu *cpu, int sig)
{
    u64 h = cpu->vm->sigact[sig].handler;
    return h != RV_SIG_DFL && h != RV_SIG_IGN && !(cpu->sigmask & RV_SIGBIT(sig));
}

void sig_fault(struct cpu *cpu, int sig, int code, u64 addr)
{
    struct rv_siginfo si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.u.addr = addr;
    if (log_on(LOG_STRACE))
        strace_signal(cpu, &si);
    const struct sig_syscall *none = NULL;
    sig_handle(cpu, &si, &none);
}

void sig_force(struct cpu *cpu, int sig, int code)
{
    struct vm *vm = cpu->vm;
    if (vm->sigact[sig].handler == RV_SIG_IGN || (cpu->sigmask & RV_SIGBIT(sig))) {
        vm->sigact[sig].handler = RV_SIG_DFL;
        sig_update_action(vm, sig);
        sig_set_mask(cpu, cpu->sigmask & ~RV_SIGBIT(sig));
    }
    struct rv_siginfo si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    u64 old = hostsig_block_all();
    sig_lock(vm);
    sig_queue_push(&cpu->sigpend, &si);
    sig_unlock(vm);
    cpu->interrupt = 1;
    hostsig_set_mask(old);
}

/* ---- the return trampoline ---- */

guest_addr sig_trampoline(struct vm *vm)
{
    static guest_addr page;
    if (vm->vdso_sigreturn)
        return vm->vdso_sigreturn;
    if (!page) {
        i64 a = mem_mmap(vm, 0, GUEST_PAGE_SIZE, RV_PROT_READ | RV_PROT_WRITE,
                         RV_MAP_PRIVATE | RV_MAP_ANONYMOUS, -1, 0);
        if (a < 0)
            return 0;
        const u32 code[2] = {RV_SIGRETURN_INSN0, RV_SIGRETURN_INSN1};
        copy_to_guest(vm, (guest_addr)a, code, sizeof code);
        mem_mprotect(vm, (guest_addr)a, GUEST_PAGE_SIZE, RV_PROT_READ | RV_PROT_EXEC);
        mem_name(&vm->mem, (guest_addr)a, (guest_addr)a + GUEST_PAGE_SIZE, "[sigpage]");
        page = (guest_addr)a;
    }
    return page;
}

/* ---- alternate stack (kernel/signal.c: on_sig_stack, do_sigaltstack) ---- */

bool sig_on_altstack(const struct cpu *cpu, u64 sp)
{
    if (cpu->altstack.flags & RV_SS_AUTODISARM)
        return false;
    return sp > cpu->altstack.sp && sp - cpu->altstack.sp <= cpu->altstack.size;
}

int sig_altstack_flags(const struct cpu *cpu, u64 sp)
{
    if (!cpu->altstack.size)
        return RV_SS_DISABLE;
    return sig_on_altstack(cpu, sp) ? RV_SS_ONSTACK : 0;
}

int sig_altstack_set(struct cpu *cpu, const struct rv_stack *ss, u64 sp)
{
    if (sig_on_altstack(cpu, sp))
        return -RV_EPERM;
    u32 mode = (u32)ss->ss_flags & ~RV_SS_AUTODISARM;
    if (mode != 0 && mode != RV_SS_ONSTACK && mode != RV_SS_DISABLE)
        return -RV_EINVAL;
    u64 base = ss->ss_sp, size = ss->ss_size;
    if (mode == RV_SS_DISABLE)
        base = size = 0;
    else if (size < RV_MINSIGSTKSZ)
        return -RV_ENOMEM;
    cpu->altstack.sp = base;
    cpu->altstack.size = size;
    cpu->altstack.flags = (u32)ss->ss_flags; /* kept as given, like Linux */
    return 0;
}
