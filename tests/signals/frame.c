/* The rt_sigframe field by field, as the handler finds it: sp = &info,
 * a1 = &info, a2 = &uc = &info + 128, sp 16-aligned, ra -> li a7,139;
 * ecall; uc_mcontext at uc + 176 with pc and x1..x31 equal to the
 * registers at the ebreak, f registers and fcsr, the END header; the
 * mask to restore and the handler's own mask. Edits of the saved
 * registers and fcsr are what the code sees after sigreturn. A plain
 * (non-SA_SIGINFO) handler gets a1/a2 too. qemu-riscv64 does not block
 * the handler's mask for its SIGTRAP. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

uint64_t entry[5]; /* a0 a1 a2 sp ra at handler entry */
void asm_handler(void);
void plain_handler(void);
__asm__(".globl asm_handler\n"
        "asm_handler:\n"
        "  lla t0, entry\n"
        "  sd a0, 0(t0)\n  sd a1, 8(t0)\n  sd a2, 16(t0)\n  sd sp, 24(t0)\n  sd ra, 32(t0)\n"
        "  tail c_handler\n"
        ".globl plain_handler\n"
        "plain_handler:\n"
        "  lla t0, entry\n"
        "  sd a0, 0(t0)\n  sd a1, 8(t0)\n  sd a2, 16(t0)\n  sd sp, 24(t0)\n  sd ra, 32(t0)\n"
        "  ret\n");

static int bad;
#define CHECK(c) do { if (!(c)) { printf("bad: %s\n", #c); bad++; } } while (0)

#define PAT(i) (0x0101010101010101ull * (i))
static const int pat_regs[] = {5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                               22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

void c_handler(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    char *ucb = p;
    CHECK(sig == SIGTRAP);
    CHECK(entry[1] == (uint64_t)si && entry[3] == entry[1]);
    CHECK(entry[2] == entry[1] + 128);
    CHECK(entry[3] % 16 == 0);
    const uint32_t *ra = (const uint32_t *)entry[4];
    CHECK(ra[0] == 0x08b00893 && ra[1] == 0x00000073);
    CHECK(si->si_code == 1 /* TRAP_BRKPT */);
    CHECK((char *)&uc->uc_mcontext == ucb + 176);
    uint64_t f0, l0, s0;
    memcpy(&f0, ucb, 8);
    memcpy(&l0, ucb + 8, 8);
    memcpy(&s0, ucb + 40, 8);
    CHECK(f0 == 0 && l0 == 0);
    CHECK((s0 & (1ull << (SIGUSR2 - 1))) && !(s0 & (1ull << (SIGTRAP - 1))));
    const uint64_t *regs = (const uint64_t *)(ucb + 176);
    CHECK(regs[0] == (uint64_t)si->si_addr); /* pc, si_addr: the ebreak */
    for (unsigned k = 0; k < sizeof pat_regs / sizeof pat_regs[0]; k++)
        if (regs[pat_regs[k]] != PAT(pat_regs[k])) {
            printf("bad: x%d = %#lx\n", pat_regs[k], (unsigned long)regs[pat_regs[k]]);
            bad++;
        }
    CHECK(regs[2] > entry[3]); /* interrupted sp is above the frame */
    const uint64_t *f = (const uint64_t *)(ucb + 176 + 256);
    uint32_t fcsr, reserved, magic, size;
    memcpy(&fcsr, ucb + 176 + 256 + 256, 4);
    memcpy(&reserved, ucb + 176 + 256 + 516, 4);
    memcpy(&magic, ucb + 176 + 256 + 520, 4);
    memcpy(&size, ucb + 176 + 256 + 524, 4);
    CHECK(f[8] == 0x400921fb54442d18ull && f[9] == 0xffffffff3f800000ull);
    CHECK(fcsr == 0x45);
    CHECK(reserved == 0 && magic == 0 && size == 0);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(sigismember(&cur, SIGTRAP) && sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2));
    /* Edits: skip the ebreak, new s2, new rounding mode and flags. */
    uc->uc_mcontext.__gregs[REG_PC] += 4;
    uc->uc_mcontext.__gregs[18] = 0x777;
    uc->uc_mcontext.__fpregs.__d.__fcsr = 0x21;
    uc->uc_mcontext.__fpregs.__d.__f[8] = 0x4000000000000000ull;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))asm_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR1);
    sigaction(SIGTRAP, &sa, NULL);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &usr2, NULL);

    uint64_t s2_after, fcsr_after, f8_after;
    __asm__ volatile(
        ".option push\n.option norvc\n"
        "li t0, 0x400921fb54442d18\n fmv.d.x fs0, t0\n"
        "li t0, 0x3f800000\n fmv.w.x fs1, t0\n"
        "li t0, 0x45\n csrw fcsr, t0\n"
#define L(i) "li x" #i ", " #i " * 0x0101010101010101\n"
        L(5) L(6) L(7) L(9) L(10) L(11) L(12) L(13) L(14) L(15) L(16) L(17) L(18) L(19)
        L(20) L(21) L(22) L(23) L(24) L(25) L(26) L(27) L(28) L(29) L(30) L(31)
        "ebreak\n"
        "sd s2, %0\n"
        "csrr t0, fcsr\n sd t0, %1\n"
        "fsd fs0, %2\n"
        ".option pop\n"
        : "=m"(s2_after), "=m"(fcsr_after), "=m"(f8_after)
        :
        : "t0", "t1", "t2", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3",
          "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6", "fs0",
          "fs1", "memory");
    CHECK(s2_after == 0x777);
    CHECK(fcsr_after == 0x21);
    CHECK(f8_after == 0x4000000000000000ull);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(!sigismember(&cur, SIGTRAP) && !sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGUSR2));
    printf("frame siginfo: %s\n", bad ? "BAD" : "ok");

    /* Without SA_SIGINFO the kernel still passes &info and &uc. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = (void (*)(int))plain_handler;
    sigaction(SIGUSR1, &sa, NULL);
    memset(entry, 0, sizeof entry);
    raise(SIGUSR1);
    CHECK(entry[0] == SIGUSR1 && entry[1] && entry[2] == entry[1] + 128 && entry[3] == entry[1]);
    printf("frame plain: %s\n", bad ? "BAD" : "ok");
    return bad != 0;
}
