/* Precise faults from translated code: a SIGSEGV handler sees the pc of
 * the faulting load/store and every register as it was before it (the
 * translator keeps some guest registers in host registers; they must be
 * recovered). The faulting sequence runs hot in a loop so it is
 * translated. Exits 0 when every check passes. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char fault_ld[], fault_sd[];
static volatile int faults, bad;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    unsigned long *r = (unsigned long *)uc->uc_mcontext.__gregs; /* r[0] = pc, r[n] = xn */
    (void)sig;
    int which = (char *)r[0] == fault_ld ? 0 : (char *)r[0] == fault_sd ? 1 : -1;
    if (which < 0 || (uintptr_t)si->si_addr != 0x18)
        bad |= 1;
    /* a0..a5 = 100+n, s0, s1 = 200, 201, t1 = 300 + loop count in t2 */
    for (int n = 10; n <= 15; n++)
        if (r[n] != 100u + n)
            bad |= 2;
    if (r[8] != 200 || r[9] != 201 || r[6] != 300 + r[7])
        bad |= 4;
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
    for (long i = 0; i < 300; i++) {
        __asm__ volatile(
            "li a0, 110\n li a1, 111\n li a2, 112\n li a3, 113\n li a4, 114\n li a5, 115\n"
            "li s0, 200\n li s1, 201\n mv t2, %0\n addi t1, t2, 300\n"
            ".globl fault_ld\nfault_ld: ld t0, 0x18(zero)\n"
            "addi a0, a0, 0\n"
            ".globl fault_sd\nfault_sd: sd t0, 0x18(zero)\n"
            :
            : "r"(i)
            : "a0", "a1", "a2", "a3", "a4", "a5", "s0", "s1", "t0", "t1", "t2", "memory");
    }
    if (faults != 600 || bad) {
        printf("faults %d bad %d\n", faults, bad);
        return 1;
    }
    puts("fault_regs ok");
    return 0;
}
