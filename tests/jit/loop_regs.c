/* Loop translations (tr_loop.c) hold guest registers the loop uses a lot
 * (t0-t6, a6, a7 here) in the host registers of mapped ones it never
 * names (s0, s1, sp, a0-a5). The state the guest sees must not show it:
 * a fault in the middle of the loop, a timer signal caught at the loop's
 * back edge and helpers called inside it (an AMO, fclass, fcvt) all see
 * and leave every register as the interpreter does. A loop nest whose
 * inner loop uses nine t and a registers takes the slots of mapped ones
 * its outer blocks still use (a0, a1, s1): a fault in the inner loop
 * sees those too. FP loops keep their f registers in XMM registers
 * (pins): a fault sees them and a change its handler makes to one
 * holds; a timer signal at the back edge sees them consistent. Exits 0
 * when every check passes. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

extern char loop_ld[], branchy_ld[], nest_ld[], fp_ld[];
static volatile int faults, ticks, bad, branchy, nest, fp_mode;
static volatile long stop;
static unsigned long sp_seen;
static long buf[4];

static unsigned long xor7(unsigned long k)
{
    unsigned long x = 0;
    for (unsigned long j = 1; j <= k; j++)
        x ^= 7 * j;
    return x;
}

static void check_common(const unsigned long *r, int why)
{
    if (r[8] != 200 || r[9] != 201 || r[2] != sp_seen)
        bad |= why;
    for (int n = 10; n <= 15; n++)
        if (r[n] != 100u + n)
            bad |= why;
}

/* t0 = k after pass k of the branchy loop: odd passes added 3 to t1,
 * even ones 5 to t2. */
static void on_segv_branchy(unsigned long *r, siginfo_t *si)
{
    unsigned long k = r[5];
    if ((char *)r[0] != branchy_ld || (uintptr_t)si->si_addr != 0x18 || k != 101)
        bad |= 32;
    if (r[6] != 3 * ((k + 1) / 2) || r[7] != 5 * (k / 2) || r[16] != 7)
        bad |= 64;
    check_common(r, 128);
    faults++;
    r[0] += 4;
}

/* Pass 50 of the outer loop, pass 5 of the inner one. */
static void on_segv_nest(unsigned long *r, siginfo_t *si)
{
    if ((char *)r[0] != nest_ld || (uintptr_t)si->si_addr != 0x18)
        bad |= 256;
    if (r[10] != 50 || r[11] != 100 || r[9] != 201 + 2 * 50 || r[8] != 200 || r[2] != sp_seen)
        bad |= 512;
    if (r[5] != 5 || r[6] != 15 || r[7] != xor7(5) || r[16] != 7)
        bad |= 1024;
    for (int n = 12; n <= 15; n++)
        if (r[n] != 100u + n)
            bad |= 2048;
    faults++;
    r[0] += 4;
}

static double fget(void *ctx, int n)
{
    double d;
    memcpy(&d, &((ucontext_t *)ctx)->uc_mcontext.__fpregs.__d.__f[n], sizeof d);
    return d;
}

static void fset(void *ctx, int n, double d)
{
    memcpy(&((ucontext_t *)ctx)->uc_mcontext.__fpregs.__d.__f[n], &d, sizeof d);
}

/* Pass 100 of the FP loop (t0 = 100): ft0 = 1 + 100 / 2, ft3 = 100 / 4. */
static void on_segv_fp(unsigned long *r, siginfo_t *si, void *ctx)
{
    if ((char *)r[0] != fp_ld || (uintptr_t)si->si_addr != 0x18 || r[5] != 100)
        bad |= 4096;
    if (fget(ctx, 0) != 51.0 || fget(ctx, 1) != 0.5 || fget(ctx, 2) != 0.25 ||
        fget(ctx, 3) != 25.0)
        bad |= 8192;
    fset(ctx, 0, fget(ctx, 0) + 1000.0); /* must hold after the return */
    faults++;
    r[0] += 4;
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    unsigned long *r = (unsigned long *)((ucontext_t *)ctx)->uc_mcontext.__gregs;
    (void)sig;
    if (fp_mode) {
        on_segv_fp(r, si, ctx);
        return;
    }
    if (nest) {
        on_segv_nest(r, si);
        return;
    }
    if (branchy) {
        on_segv_branchy(r, si);
        return;
    }
    unsigned long k = r[5]; /* t0: the iteration */
    if ((char *)r[0] != loop_ld || (uintptr_t)si->si_addr != 0x18 || k != 100)
        bad |= 1;
    if (r[6] != xor7(k) || r[7] != k * (k + 1) / 2 || r[30] != 7 * k || r[16] != 7)
        bad |= 2;
    check_common(r, 4);
    faults++;
    r[0] += 4; /* skip the load */
}

static void on_alarm(int sig, siginfo_t *si, void *ctx)
{
    unsigned long *r = (unsigned long *)((ucontext_t *)ctx)->uc_mcontext.__gregs;
    (void)sig, (void)si;
    if (fp_mode) { /* ft0 = t0 and ft3 = 2 * t0 at every block boundary */
        if (fget(ctx, 0) != (double)r[5] || fget(ctx, 3) != 2.0 * (double)r[5])
            bad |= 16384;
        if (++ticks == 40)
            stop = 1;
        return;
    }
    /* t1 = 3 * t0 and t2 = t0 ^ 0x5555 at every block boundary */
    if (r[6] != 3 * r[5] || r[7] != (r[5] ^ 0x5555))
        bad |= 8;
    check_common(r, 16);
    if (++ticks == 20)
        stop = 1;
}

#define MAPPED_SETUP                                                                     \
    "li a0, 110\n li a1, 111\n li a2, 112\n li a3, 113\n li a4, 114\n li a5, 115\n" \
    "li s0, 200\n li s1, 201\n sd sp, 0(%[spout])\n"
#define MAPPED_CLOBBERS                                                                   \
    "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s0", "s1", "t0", "t1", "t2", "t3", \
        "t4", "t5", "t6", "memory"

/* A fault at iteration 100 of 300; the handler skips the load. */
static int fault_loop(void)
{
    unsigned long t1, t2;
    __asm__ volatile(MAPPED_SETUP
                     "li t0, 0\n li t1, 0\n li t2, 0\n mv t3, %[buf]\n li t4, 300\n li a6, 7\n"
                     "1: addi t0, t0, 1\n mul t5, t0, a6\n xor t1, t1, t5\n add t2, t2, t0\n"
                     "addi a7, t0, -100\n seqz a7, a7\n neg a7, a7\n"
                     "li t6, 0x18\n xor t6, t6, t3\n and t6, t6, a7\n xor t6, t6, t3\n"
                     ".globl loop_ld\nloop_ld: ld t5, 0(t6)\n"
                     "bne t0, t4, 1b\n mv %[o1], t1\n mv %[o2], t2\n"
                     : [o1] "=r"(t1), [o2] "=r"(t2)
                     : [buf] "r"(buf), [spout] "r"(&sp_seen)
                     : MAPPED_CLOBBERS);
    if (faults != 1 || t1 != xor7(300) || t2 != 300 * 301 / 2) {
        printf("fault loop: faults %d t1 %lx t2 %lu\n", faults, t1, t2);
        return 1;
    }
    return 0;
}

/* Spins until the timer handler has run 20 times. */
static int signal_loop(void)
{
    struct itimerval it = {{0, 1000}, {0, 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long n;
    __asm__ volatile(MAPPED_SETUP
                     "li t0, 0\n li t1, 0\n li t2, 0x5555\n li t4, 3\n li a6, 0x5555\n"
                     "1: addi t0, t0, 1\n mul t1, t0, t4\n xor t2, t0, a6\n"
                     "ld t5, 0(%[stop])\n beqz t5, 1b\n mv %[n], t0\n"
                     : [n] "=r"(n)
                     : [stop] "r"(&stop), [spout] "r"(&sp_seen)
                     : MAPPED_CLOBBERS);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    if (ticks < 20 || !n) {
        printf("signal loop: ticks %d n %lu\n", ticks, n);
        return 1;
    }
    return 0;
}

/* Helpers in the loop: amomax.d and fclass.d, fcvt.d.l on t registers. */
static int helper_loop(void)
{
    long cell = 0;
    unsigned long sum, last, r0, r1;
    __asm__ volatile(MAPPED_SETUP
                     "li t0, 0\n li t1, 0\n li t4, 1000\n mv t6, %[cell]\n li a7, 0\n"
                     "1: addi t0, t0, 1\n sub t2, t4, t0\n amomax.d t3, t2, (t6)\n"
                     "add a7, a7, t3\n fcvt.d.l ft0, t2\n fclass.d t5, ft0\n add t1, t1, t5\n"
                     "bne t0, t4, 1b\n mv %[sum], t1\n mv %[last], a7\n"
                     "mv %[r0], a0\n mv %[r1], s1\n"
                     : [sum] "=r"(sum), [last] "=r"(last), [r0] "=r"(r0), [r1] "=r"(r1)
                     : [cell] "r"(&cell), [spout] "r"(&sp_seen)
                     : MAPPED_CLOBBERS, "ft0");
    /* t2 runs 999..0: fclass is 0x40 (positive normal) 999 times, then
     * 0x10 (+0); amomax returns the old maximum: 0, then 999 each time. */
    if (sum != 999 * 0x40 + 0x10 || last != 999ul * 999 || cell != 999 || r0 != 110 ||
        r1 != 201) {
        printf("helper loop: sum %lx last %lu cell %ld r0 %lu r1 %lu\n", sum, last, cell, r0,
               r1);
        return 1;
    }
    return 0;
}

/* A loop of four blocks (an if/else inside): a region, not one block.
 * The odd path of pass 101 loads from 0x18. */
static int branchy_loop(void)
{
    unsigned long t1, t2;
    branchy = 1;
    faults = 0;
    __asm__ volatile(MAPPED_SETUP
                     "li t0, 0\n li t1, 0\n li t2, 0\n mv t3, %[buf]\n li t4, 300\n li a6, 7\n"
                     "1: addi t0, t0, 1\n andi t5, t0, 1\n beqz t5, 2f\n"
                     "addi t1, t1, 3\n addi a7, t0, -101\n seqz a7, a7\n neg a7, a7\n"
                     "li t6, 0x18\n xor t6, t6, t3\n and t6, t6, a7\n xor t6, t6, t3\n"
                     ".globl branchy_ld\nbranchy_ld: ld t5, 0(t6)\n j 3f\n"
                     "2: addi t2, t2, 5\n"
                     "3: bne t0, t4, 1b\n mv %[o1], t1\n mv %[o2], t2\n"
                     : [o1] "=r"(t1), [o2] "=r"(t2)
                     : [buf] "r"(buf), [spout] "r"(&sp_seen)
                     : MAPPED_CLOBBERS);
    branchy = 0;
    if (faults != 1 || t1 != 3 * 150 || t2 != 5 * 150) {
        printf("branchy loop: faults %d t1 %lu t2 %lu\n", faults, t1, t2);
        return 1;
    }
    return 0;
}

/* 100 passes of an outer loop (a0 counts them, s1 += 2) around 8 of an
 * inner one; the load of pass 50's fifth inner pass reads 0x18. */
static int nest_loop(void)
{
    unsigned long a0, s1, t2;
    nest = 1;
    faults = 0;
    __asm__ volatile(MAPPED_SETUP
                     "li a0, 0\n li a1, 100\n mv t3, %[buf]\n li t4, 8\n li a6, 7\n"
                     "1: addi a0, a0, 1\n addi s1, s1, 2\n li t0, 0\n li t1, 0\n li t2, 0\n"
                     "addi a7, a0, -50\n seqz a7, a7\n neg a7, a7\n"
                     "2: addi t0, t0, 1\n add t1, t1, t0\n mul t5, t0, a6\n xor t2, t2, t5\n"
                     "addi t5, t0, -5\n seqz t5, t5\n neg t5, t5\n and t5, t5, a7\n"
                     "li t6, 0x18\n xor t6, t6, t3\n and t6, t6, t5\n xor t6, t6, t3\n"
                     ".globl nest_ld\nnest_ld: ld t5, 0(t6)\n"
                     "bne t0, t4, 2b\n bne a0, a1, 1b\n"
                     "mv %[a0], a0\n mv %[s1], s1\n mv %[t2], t2\n"
                     : [a0] "=r"(a0), [s1] "=r"(s1), [t2] "=r"(t2)
                     : [buf] "r"(buf), [spout] "r"(&sp_seen)
                     : MAPPED_CLOBBERS);
    nest = 0;
    if (faults != 1 || a0 != 100 || s1 != 201 + 2 * 100 || t2 != xor7(8)) {
        printf("nest loop: faults %d a0 %lu s1 %lu t2 %lx\n", faults, a0, s1, t2);
        return 1;
    }
    return 0;
}

/* f registers held across the back edge: a fault at pass 100 of 300
 * (its handler adds 1000 to ft0), then a loop under a 1 ms timer. */
static int fp_loop(void)
{
    double acc, sq;
    fp_mode = 1;
    faults = 0;
    __asm__ volatile("li t0, 0\n mv t3, %[buf]\n li t4, 300\n"
                     "li t1, 1\n fcvt.d.l ft0, t1\n fcvt.d.l ft1, t1\n li t1, 2\n"
                     "fcvt.d.l ft2, t1\n fdiv.d ft1, ft1, ft2\n fcvt.d.l ft3, zero\n"
                     "1: fadd.d ft0, ft0, ft1\n fmul.d ft2, ft1, ft1\n fadd.d ft3, ft3, ft2\n"
                     "addi t0, t0, 1\n addi a7, t0, -100\n seqz a7, a7\n neg a7, a7\n"
                     "li t6, 0x18\n xor t6, t6, t3\n and t6, t6, a7\n xor t6, t6, t3\n"
                     ".globl fp_ld\nfp_ld: ld t5, 0(t6)\n"
                     "bne t0, t4, 1b\n fmv.d %[acc], ft0\n fmv.d %[sq], ft3\n"
                     : [acc] "=f"(acc), [sq] "=f"(sq)
                     : [buf] "r"(buf)
                     : "t0", "t1", "t3", "t4", "t5", "t6", "a7", "ft0", "ft1", "ft2", "ft3",
                       "memory");
    if (faults != 1 || acc != 1151.0 || sq != 75.0) {
        printf("fp loop: faults %d acc %g sq %g\n", faults, acc, sq);
        fp_mode = 0;
        return 1;
    }
    ticks = 0;
    stop = 0;
    struct itimerval it = {{0, 1000}, {0, 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long n;
    __asm__ volatile("li t0, 0\n fcvt.d.l ft0, zero\n fcvt.d.l ft3, zero\n li t1, 1\n"
                     "fcvt.d.l ft1, t1\n fadd.d ft2, ft1, ft1\n"
                     "1: addi t0, t0, 1\n fadd.d ft0, ft0, ft1\n fmul.d ft3, ft0, ft2\n"
                     "ld t5, 0(%[stop])\n beqz t5, 1b\n mv %[n], t0\n"
                     : [n] "=r"(n)
                     : [stop] "r"(&stop)
                     : "t0", "t1", "t5", "ft0", "ft1", "ft2", "ft3", "memory");
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    fp_mode = 0;
    if (ticks < 40 || !n) {
        printf("fp signal loop: ticks %d n %lu\n", ticks, n);
        return 1;
    }
    return 0;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sa.sa_sigaction = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    int fail = fault_loop() | signal_loop() | helper_loop() | branchy_loop() | nest_loop() | fp_loop();
    if (fail || bad) {
        printf("loop_regs: bad %#x\n", bad);
        return 1;
    }
    puts("loop_regs ok");
    return 0;
}
