/* Host signal handlers. A host SIGSEGV/SIGBUS raised by a guest memory
 * access becomes a precise guest fault: the handler records it in the
 * running cpu and longjmps back into the engine, which restores the
 * guest state of the faulting instruction. Any other fault is a bug in
 * rvx and is reported as one. */
#include "os/hostsig.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem/mem.h"
#include "vm/vm.h"

__thread struct cpu *hostsig_cpu;

static bool fault_in_guest(struct cpu *c, const siginfo_t *si, guest_addr *ga)
{
    if (!c || !c->in_guest)
        return false;
    const struct mem *m = &c->vm->mem;
    const u8 *a = si->si_addr;
    if (a < m->base || a >= m->base + m->size + GUEST_GUARD)
        return false;
    *ga = (guest_addr)(a - m->base);
    return true;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    UNUSED(uc);
    struct cpu *c = hostsig_cpu;
    guest_addr ga;
    if (fault_in_guest(c, si, &ga)) {
        c->in_guest = false;
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
    static const char msg[] = "rvx: internal error: host fault outside guest memory\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    UNUSED(r);
    signal(sig, SIG_DFL); /* returning re-executes the access and dies */
}

void hostsig_init(void)
{
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    /* NODEFER: we leave by siglongjmp without restoring the mask. */
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
