/* Precise faults and FP registers: the translator keeps FP values in
 * host registers within a block, so a fault right after FP ops must still
 * show the handler every f register as computed before the faulting
 * access (and an FP store that faults must not have written). The
 * sequence runs hot in a loop so it is translated. Exits 0 when every
 * check passes. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char ffault_ld[], ffault_fsd[];
static volatile int faults, bad;
static volatile long cur;

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    unsigned long *r = (unsigned long *)uc->uc_mcontext.__gregs;
    uint64_t *f = (uint64_t *)uc->uc_mcontext.__fpregs.__d.__f;
    (void)sig;
    (void)si;
    int which = (char *)r[0] == ffault_ld ? 0 : (char *)r[0] == ffault_fsd ? 1 : -1;
    double x = (double)cur;
    if (which < 0)
        bad |= 1;
    /* fa0 = i, fa1 = 2i + 0.5, fa2 = fa1 * fa1, fa3 = -fa2, fa4 = 1/3 bits */
    if (f[10] != bits(x) || f[11] != bits(2 * x + 0.5) ||
        f[12] != bits((2 * x + 0.5) * (2 * x + 0.5)) || f[13] != bits(-((2 * x + 0.5) * (2 * x + 0.5))))
        bad |= 2;
    if (f[14] != 0x3fd5555555555555ull)
        bad |= 4;
    if (which == 1 && f[15] != bits(x + 1))
        bad |= 8;
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
    static const double half = 0.5;
    static const uint64_t third = 0x3fd5555555555555ull;
    for (long i = 0; i < 300; i++) {
        cur = i;
        __asm__ volatile(
            "fcvt.d.l fa0, %0\n"
            "fld ft0, 0(%1)\n"
            "fadd.d fa1, fa0, fa0\n"
            "fadd.d fa1, fa1, ft0\n"
            "fmul.d fa2, fa1, fa1\n"
            "fneg.d fa3, fa2\n"
            "fmv.d.x fa4, %2\n"
            ".globl ffault_ld\nffault_ld: ld t0, 0x18(zero)\n"
            "li t1, 1\n fcvt.d.l fa5, t1\n fadd.d fa5, fa5, fa0\n"
            ".globl ffault_fsd\nffault_fsd: fsd fa5, 0x18(zero)\n"
            :
            : "r"(i), "r"(&half), "r"(third)
            : "t0", "t1", "ft0", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "memory");
    }
    if (faults != 600 || bad) {
        printf("faults %d bad %d\n", faults, bad);
        return 1;
    }
    puts("fault_fregs ok");
    return 0;
}
