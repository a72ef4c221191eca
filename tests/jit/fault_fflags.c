/* Precise faults and fflags: the translator's inline FP ops leave their
 * exception flags in the host's MXCSR until something reads fflags, so a
 * fault right after them must still show the handler every flag raised
 * before the faulting access (DZ, then OF and NX), and fflags as the
 * handler leaves them in the signal frame (UF alone) is what the code
 * reads after it, with none of the earlier flags coming back. Runs hot in
 * a loop so it is translated. Exits 0 when every check passes. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char fflags_ld[];
static volatile int faults, bad;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    unsigned long *r = (unsigned long *)uc->uc_mcontext.__gregs;
    (void)sig;
    (void)si;
    if ((char *)r[0] != fflags_ld)
        bad |= 1;
    if ((uc->uc_mcontext.__fpregs.__d.__fcsr & 0x1f) != 0x0d) /* DZ OF NX */
        bad |= 2;
    uc->uc_mcontext.__fpregs.__d.__fcsr = (uc->uc_mcontext.__fpregs.__d.__fcsr & ~0x1fu) | 0x02;
    faults++;
    r[0] += 4; /* skip the access */
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    const uint64_t one = 0x3ff0000000000000ull, max = 0x7fefffffffffffffull;
    for (int i = 0; i < 300; i++) {
        unsigned long fl;
        __asm__ volatile("fmv.d.x ft0, %[one]\n\t"
                         "fmv.d.x ft1, zero\n\t"
                         "fmv.d.x ft2, %[max]\n\t"
                         "fsflags zero\n\t"
                         "fdiv.d ft3, ft0, ft1\n\t"  /* 1/0: DZ */
                         "fadd.d ft3, ft2, ft2\n\t"  /* max+max: OF NX */
                         ".globl fflags_ld\nfflags_ld: ld t0, 0x18(zero)\n\t"
                         "fadd.d ft3, ft0, ft0\n\t" /* exact */
                         "frflags %[fl]"
                         : [fl] "=r"(fl)
                         : [one] "r"(one), [max] "r"(max)
                         : "t0", "ft0", "ft1", "ft2", "ft3", "memory");
        if (fl != 0x02)
            bad |= 4;
    }
    if (faults != 300 || bad) {
        printf("faults %d bad %d\n", faults, bad);
        return 1;
    }
    puts("fault_fflags ok");
    return 0;
}
