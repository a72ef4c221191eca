/* Loads and stores whose base register was already used in the same
 * block, then changed: the translator may skip a bounds check for a base
 * it has checked, so the second access must still fault exactly when
 * and where the new address says (SIGSEGV, si_addr = base + offset),
 * including a base near 2^64 whose sum wraps to a small address, for a
 * base kept in a host register (a0) and one kept in memory (s5), and a
 * base moved by addi after its check, past the top of the address space
 * and below 0, and bases holding known constants. Runs hot so it is translated. Exits 0 when every check
 * passes. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int faults, bad;
static volatile uintptr_t expect;
static const uint64_t *volatile expects; /* in order, when set */
static volatile int nexp;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig;
    if (expects)
        expect = expects[nexp++];
    if ((uintptr_t)si->si_addr != expect) {
        if (!bad)
            printf("si_addr %p, expected %#lx\n", si->si_addr, (unsigned long)expect);
        bad |= 1;
    }
    faults++;
    uc->uc_mcontext.__gregs[0] += 4; /* skip the access (never compressed) */
}

static uint64_t buf[4] = { 11, 22, 33, 44 };

/* ld t0,8(a0); a0 = bad; ld t1,16(a0) -> fault at bad + 16; then the same
 * through s5 with a store too; returns t0 + t1 (t1 never loaded). */
static uint64_t probe(uint64_t *good, uint64_t badp)
{
    uint64_t r0 = 0, r1 = 0;
    expect = badp + 16;
    __asm__ volatile(".option push\n.option norvc\n mv a0, %2\n ld %0, 8(a0)\n mv a0, %3\n ld %1, 16(a0)\n.option pop\n"
                     : "+&r"(r0), "+&r"(r1)
                     : "r"(good), "r"(badp)
                     : "a0", "memory");
    __asm__ volatile(".option push\n.option norvc\n mv s5, %2\n ld %0, 8(s5)\n mv s5, %3\n sd %0, 16(s5)\n ld %1, 16(s5)\n.option pop\n"
                     : "+&r"(r0), "+&r"(r1)
                     : "r"(good), "r"(badp)
                     : "s5", "memory");
    return r0 + r1;
}

/* A base moved by addi after the access that checked it: the translator
 * may then skip the check while the distance from the checked value
 * stays in [0, 2048), so the accesses must still fault exactly at their
 * addresses. top: the end of the highest mapping (the stack's), with
 * nothing mapped above it: two accesses just past it, one 2024 bytes
 * past, then one back below it. Returns the last load (top - 8). */
static uint64_t moved_top(uint64_t top)
{
    static uint64_t list[3];
    list[0] = top, list[1] = top, list[2] = top + 2024;
    uint64_t v = 0;
    expects = list, nexp = 0;
    __asm__ volatile(".option push\n.option norvc\n"
                     " mv a0, %1\n ld %0, 0(a0)\n addi a0, a0, 8\n ld %0, 0(a0)\n"
                     " addi a0, a0, -16\n ld %0, 16(a0)\n ld %0, 8(a0)\n"
                     " addi a0, a0, 2040\n sd %0, 0(a0)\n addi a0, a0, -2048\n ld %0, 8(a0)\n ld %0, 16(a0)\n"
                     ".option pop\n"
                     : "+&r"(v)
                     : "r"(top - 8)
                     : "a0", "memory");
    if (nexp != 3)
        bad |= 4;
    expects = NULL;
    return v;
}

/* The same near 0: a base moved below 0x100 and to -8 (wrapping). */
static void moved_low(void)
{
    static const uint64_t list[] = { 0x100, 0x100, 0, 0, (uint64_t)-8 };
    expects = list, nexp = 0;
    __asm__ volatile(".option push\n.option norvc\n"
                     " li a0, 0x100\n ld t0, 0(a0)\n addi a0, a0, -0x100\n ld t0, 0x100(a0)\n"
                     " ld t0, 0(a0)\n addi a0, a0, -8\n ld t0, 8(a0)\n ld t0, 0(a0)\n"
                     ".option pop\n"
                     :
                     :
                     : "a0", "t0", "memory");
    if (nexp != 5)
        bad |= 8;
    expects = NULL;
}

/* Bases holding constants (li, addi of one): the translator knows the
 * address; inside the space it needs no compare, outside it must fault
 * at the address all the same. */
static void const_base(void)
{
    static const uint64_t list[] = { 0x108, (uint64_t)-8, (uint64_t)-0x100 };
    expects = list, nexp = 0;
    __asm__ volatile(".option push\n.option norvc\n"
                     " li a0, 0x100\n ld t0, 8(a0)\n li a1, -8\n sd t0, 0(a1)\n"
                     " addi a0, a0, -0x200\n ld t0, 0(a0)\n"
                     ".option pop\n"
                     :
                     :
                     : "a0", "a1", "t0", "memory");
    if (nexp != 3)
        bad |= 32;
    expects = NULL;
}

static uint64_t stack_end(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long lo, hi, top = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && hi > top)
            top = hi;
    if (f)
        fclose(f);
    return top;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    static const uint64_t bads[] = {
        (uint64_t)-8,             /* wraps to 8 */
        (uint64_t)-16,            /* wraps to 0 */
        0x8000000000000000ull,    /* far beyond any address space */
        0x7ffffffffff8ull,        /* just below 2^47, past the end */
        0x100,                    /* low page, never mapped */
    };
    int n = 0;
    for (int k = 0; k < 200; k++)
        for (unsigned b = 0; b < sizeof bads / sizeof bads[0]; b++) {
            uint64_t r = probe(buf, bads[b]);
            n += 3; /* ld through a0, sd and ld through s5 */
            if (r != 22) /* r0 = buf[1]; r1 never loaded (0) */
                bad |= 2;
        }
    uint64_t top = stack_end();
    for (int k = 0; k < 200; k++) {
        if (moved_top(top) != *(volatile uint64_t *)(top - 8))
            bad |= 16;
        moved_low();
        const_base();
        n += 11;
    }
    if (faults != n || bad) {
        printf("faults %d of %d, bad %d\n", faults, n, bad);
        return 1;
    }
    puts("fault_base ok");
    return 0;
}
