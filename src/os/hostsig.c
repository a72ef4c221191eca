/* Host signal handlers. A host SIGSEGV/SIGBUS raised by a guest memory
 * access becomes a precise guest fault: the handler records it in the
 * running cpu and longjmps back into the engine, which restores the
 * guest state of the faulting instruction. Any other fault is a bug in
 * rvx and is reported as one. Every other host signal rvx catches (and
 * a SIGSEGV/SIGBUS sent by another process) is queued for the guest by
 * os/signal.c. The handlers run with every signal blocked except the
 * fault handler, which must stay NODEFER to leave by siglongjmp. */
#include "os/hostsig.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "jit/jit.h"
#include "mem/mem.h"
#include "os/safe_syscall.h"
#include "os/signal.h"
#include "vm/vm.h"

__thread struct cpu *hostsig_cpu;

/* The x86-64 kernel's struct sigaction; a handler needs SA_RESTORER and
 * glibc's __restore_rt, borrowed once from a glibc sigaction call. */
struct host_ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    u64 mask;
};
#define HOST_SA_RESTORER 0x04000000ul

static void *host_restorer;

static bool fault_in_guest(struct cpu *c, const siginfo_t *si, guest_addr *ga)
{
    if (!c || !c->in_guest || si->si_code <= 0)
        return false;
    const struct mem *m = &c->vm->mem;
    const u8 *a = si->si_addr;
    if (a < m->base || a >= m->base + m->size + GUEST_GUARD)
        return false;
    *ga = (guest_addr)(a - m->base);
    return true;
}

static void on_async(int sig, siginfo_t *si, void *uc)
{
    int saved = errno;
    if (!sig_record(hostsig_cpu, si)) {
        /* rvx's queue is full: give the signal back to the kernel, which
         * queues it with its siginfo, and keep it blocked on return from
         * this handler until the guest makes room (sig_dequeue). */
        syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), sig, si);
        sigaddset(&((ucontext_t *)uc)->uc_sigmask, sig);
    }
    /* The pending word is set: a thread about to block in a host call
     * checks it again instead (os/safe_syscall.h). */
    safe_syscall_rewind(uc);
    errno = saved;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    struct cpu *c = hostsig_cpu;
    guest_addr ga;
    if (fault_in_guest(c, si, &ga)) {
        c->in_guest = false;
        if (c->vm->jit) /* translated code: recover the guest registers */
            jit_fault_hook(c, uc);
        c->fault_addr = ga;
        if (sig == SIGBUS) { /* a file mapping beyond its end */
            c->exit = EXIT_BUS;
            c->fault_code = RV_BUS_ADRERR;
        } else {
            c->exit = EXIT_SEGV;
            c->fault_code = (mem_page_flags(&c->vm->mem, ga) & PAGE_MAPPED)
                                ? RV_SEGV_ACCERR : RV_SEGV_MAPERR;
        }
        siglongjmp(c->fault_jmp, 1);
    }
    if (si->si_code <= 0) { /* kill, sigqueue, tgkill: a guest signal */
        hostsig_block_all(); /* returning restores the mask from uc */
        on_async(sig, si, uc);
        return;
    }
    static const char msg[] = "rvx: internal error: host fault outside guest memory\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    UNUSED(r);
    signal(sig, SIG_DFL); /* returning re-executes the access and dies */
}

static int host_sigaction(int sig, const struct host_ksigaction *act,
                          struct host_ksigaction *old)
{
    return (int)syscall(SYS_rt_sigaction, sig, act, old, 8);
}

void hostsig_set_action(int sig, enum hostsig_action how, u64 extra)
{
    struct host_ksigaction ka = {SIG_DFL, extra, NULL, 0};
    if (sig == SIGSEGV || sig == SIGBUS || sig == SIGKILL || sig == SIGSTOP)
        return; /* rvx's own, or not settable */
    if (how == HOSTSIG_IGN) {
        ka.handler = SIG_IGN;
    } else if (how == HOSTSIG_CATCH) {
        ka.handler = (void *)on_async;
        ka.flags |= SA_SIGINFO | SA_ONSTACK | HOST_SA_RESTORER; /* no SA_RESTART: EINTR */
        ka.restorer = host_restorer;
        ka.mask = ~0ull;
    }
    host_sigaction(sig, &ka, NULL);
}

bool hostsig_inherited_ignore(int sig)
{
    struct host_ksigaction old;
    return host_sigaction(sig, NULL, &old) == 0 && old.handler == SIG_IGN;
}

u64 hostsig_get_mask(void)
{
    u64 old = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &old, 8);
    return old;
}

void hostsig_set_mask(u64 set)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8);
}

u64 hostsig_block_all(void)
{
    u64 all = ~0ull, old = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8);
    return old;
}

/* mmap'd, not malloc'd: only the kernel points at a thread's alternate
 * stack, so LeakSanitizer would report the stacks of threads still
 * running at exit; thread_exit (vm/thread.c) unmaps it. */
void hostsig_thread_init(void)
{
    size_t size = 64 * 1024;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return;
    stack_t ss = {.ss_sp = p, .ss_size = size};
    sigaltstack(&ss, NULL);
}

/* glibc's __restore_rt, as glibc's own sigaction installs it. */
static void borrow_restorer(void)
{
    struct sigaction sa, prev;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_async;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, &prev);
    struct host_ksigaction k;
    if (host_sigaction(SIGUSR1, NULL, &k) == 0)
        host_restorer = k.restorer;
    sigaction(SIGUSR1, &prev, NULL);
}

void hostsig_init(void)
{
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    borrow_restorer();

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    /* NODEFER: we leave by siglongjmp without restoring the mask. */
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
