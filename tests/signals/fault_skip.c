/* Handlers that edit the ucontext: skip the faulting instruction by
 * advancing uc_mcontext pc, and write a register the interrupted code
 * then sees. SIGILL (si_addr = pc, ILL_ILLOPC), SIGTRAP from ebreak
 * (TRAP_BRKPT, si_addr = pc), SIGBUS from a misaligned AMO (BUS_ADRALN,
 * si_addr = pc), SIGSEGV from a load. qemu-riscv64 reports the data
 * address for the misaligned AMO; the kernel passes regs->epc. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile uintptr_t fault_pc, fault_addr;
static volatile int fault_code;

static void on_fault(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    (void)sig;
    fault_pc = uc->uc_mcontext.__gregs[REG_PC];
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    uc->uc_mcontext.__gregs[REG_PC] += 4;   /* every test insn is 4 bytes */
    uc->uc_mcontext.__gregs[10] = 0x5a5a;   /* a0 as the code resumes */
}

static void report(const char *what, int sig, uintptr_t label, long a0, int addr_is_pc)
{
    printf("%s: sig=%d code=%d pc_ok=%d addr_ok=%d a0=%#lx\n", what, sig, fault_code,
           fault_pc == label, addr_is_pc ? fault_addr == label : 1, a0);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);

    uintptr_t label;
    long a0;
    __asm__ volatile(".option push\n.option norvc\n"
                     "li a0, 1\n"
                     "lla %0, 1f\n"
                     "1: .word 0xc0001073\n" /* csrrw x0, cycle, x0: illegal */
                     "mv %1, a0\n"
                     ".option pop\n"
                     : "=&r"(label), "=r"(a0) : : "a0", "memory");
    report("illegal", SIGILL, label, a0, 1);

    __asm__ volatile(".option push\n.option norvc\n"
                     "li a0, 1\n"
                     "lla %0, 1f\n"
                     "1: ebreak\n"
                     "mv %1, a0\n"
                     ".option pop\n"
                     : "=&r"(label), "=r"(a0) : : "a0", "memory");
    report("ebreak", SIGTRAP, label, a0, 1);

    static uint64_t words[2];
    char *mis = (char *)words + 2;
    __asm__ volatile(".option push\n.option norvc\n"
                     "li a0, 1\n"
                     "lla %0, 1f\n"
                     "1: amoadd.w a0, a0, (%2)\n"
                     "mv %1, a0\n"
                     ".option pop\n"
                     : "=&r"(label), "=r"(a0) : "r"(mis) : "a0", "memory");
    report("misaligned amo", SIGBUS, label, a0, 1);

    __asm__ volatile(".option push\n.option norvc\n"
                     "li a0, 1\n"
                     "lla %0, 1f\n"
                     "1: ld a0, 0(%2)\n"
                     "mv %1, a0\n"
                     ".option pop\n"
                     : "=&r"(label), "=r"(a0) : "r"(8) : "a0", "memory");
    report("load", SIGSEGV, label, a0, 0);
    printf("load addr=%#lx\n", (unsigned long)fault_addr);
    return 0;
}
