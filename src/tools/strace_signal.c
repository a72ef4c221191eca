/* strace lines for signals (the siginfo strace shows) and for the end
 * of the process (see strace.h). */
#include "tools/strace.h"

#include <string.h>

#include "base/log.h"
#include "cpu/cpu.h"
#include "os/signal.h"
#include "tools/strace_internal.h"
#include "vm/vm.h"

static i32 si_i32(const struct rv_siginfo *si, size_t off)
{
    i32 v;
    memcpy(&v, (const u8 *)si + off, sizeof v);
    return v;
}

static u64 si_u64(const struct rv_siginfo *si, size_t off)
{
    u64 v;
    memcpy(&v, (const u8 *)si + off, sizeof v);
    return v;
}

/* siginfo (linux: include/uapi/asm-generic/siginfo.h), read by offset
 * so this file needs no more than the 128-byte layout: si_signo at 0,
 * si_code at 8, the union from 16. */
enum { SI_SIGNO = 0, SI_CODE = 8, SI_F0 = 16, SI_F1 = 20, SI_F2 = 24, SI_F4 = 32, SI_F6 = 40 };
enum { S_ILL = 4, S_TRAP = 5, S_BUS = 7, S_FPE = 8, S_SEGV = 11, S_CHLD = 17 };
enum { C_USER = 0, C_KERNEL = 0x80, C_QUEUE = -1, C_TIMER = -2, C_TKILL = -6, C_EXITED = 1 };

/* The union fields strace shows, by signal and si_code. */
static void put_sifields(struct sb *b, const struct rv_siginfo *si)
{
    int sig = si_i32(si, SI_SIGNO), code = si_i32(si, SI_CODE);
    bool fault = sig == S_SEGV || sig == S_BUS || sig == S_ILL || sig == S_FPE || sig == S_TRAP;
    if (code > 0 && code != C_KERNEL && fault) {
        sb_printf(b, ", si_addr=");
        strace_ptr(b, si_u64(si, SI_F0));
    } else if (code > 0 && sig == S_CHLD) {
        sb_printf(b, ", si_pid=%d, si_uid=%u, si_status=", si_i32(si, SI_F0),
                  (u32)si_i32(si, SI_F1));
        if (code == C_EXITED)
            sb_printf(b, "%d", si_i32(si, SI_F2));
        else
            sn_signal(b, (u64)si_i32(si, SI_F2));
        sb_printf(b, ", si_utime=%lld, si_stime=%lld", (long long)si_u64(si, SI_F4),
                  (long long)si_u64(si, SI_F6));
    } else if (code == C_USER || code == C_TKILL || code == C_QUEUE) {
        sb_printf(b, ", si_pid=%d, si_uid=%u", si_i32(si, SI_F0), (u32)si_i32(si, SI_F1));
        if (code == C_QUEUE)
            sb_printf(b, ", si_int=%d, si_ptr=%#llx", si_i32(si, SI_F2),
                      (unsigned long long)si_u64(si, SI_F2));
    } else if (code == C_TIMER) {
        sb_printf(b, ", si_timerid=%#x, si_overrun=%d, si_int=%d, si_ptr=%#llx",
                  (u32)si_i32(si, SI_F0), si_i32(si, SI_F1), si_i32(si, SI_F2),
                  (unsigned long long)si_u64(si, SI_F2));
    }
}

void strace_signal(struct cpu *cpu, const struct rv_siginfo *si)
{
    struct sb b;
    char name[16];
    b.n = 0;
    b.buf[0] = 0;
    strace_prefix(&b, cpu);
    int signo = si_i32(si, SI_SIGNO);
    const char *sig = strace_signame(signo, name);
    sb_printf(&b, "--- %s {si_signo=%s, si_code=", sig, sig);
    sn_si_code(&b, signo, si_i32(si, SI_CODE));
    put_sifields(&b, si);
    sb_printf(&b, "} ---");
    log_printf("%s\n", b.buf);
}

void strace_fault(struct cpu *cpu, int sig, int code, u64 addr)
{
    u8 si[128] = {0};
    memcpy(si + SI_SIGNO, &sig, 4);
    memcpy(si + SI_CODE, &code, 4);
    memcpy(si + SI_F0, &addr, 8);
    strace_signal(cpu, (const struct rv_siginfo *)si);
}

void strace_exited(struct vm *vm, int status)
{
    struct sb b = {0};
    (void)vm;
    strace_prefix(&b, NULL);
    log_printf("%s+++ exited with %d +++\n", b.buf, status);
}

void strace_killed(struct vm *vm, int sig)
{
    char name[16];
    struct sb b = {0};
    (void)vm;
    strace_prefix(&b, NULL);
    log_printf("%s+++ killed by %s +++\n", b.buf, strace_signame(sig, name));
}
