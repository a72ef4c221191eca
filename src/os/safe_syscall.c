/* The safe-syscall stub (os/safe_syscall.h). x86-64 System V in:
 * rdi = &pending, rsi = nr, rdx, rcx, r8, r9, then two on the stack;
 * Linux syscall in: rax = nr, rdi, rsi, rdx, r10, r8, r9. rbp (callee
 * saved) keeps the pending pointer across the register shuffle. The
 * window [start, end) is the check and the syscall instruction itself:
 * a signal taken there is rewound to start, where the check now sees
 * the pending word set. After `syscall` (rip == end) the kernel has
 * already made the call return EINTR or finish. A call stopped by the
 * check has not started: as with a signal that came before the ecall,
 * the guest's handler runs and the call then runs whole (as QEMU's
 * -QEMU_ERESTARTSYS), so a write to a file never fails with EINTR. */
#include "os/safe_syscall.h"

#include <errno.h>
#include <ucontext.h>

#include "os/hostsig.h"

long safe_syscall_base(const volatile u32 *pending, long nr, long a0, long a1, long a2,
                       long a3, long a4, long a5);
extern const char safe_syscall_start[], safe_syscall_end[];

__asm__(".text\n"
        ".globl safe_syscall_base\n"
        ".type safe_syscall_base, @function\n"
        "safe_syscall_base:\n"
        "    .cfi_startproc\n"
        "    push %rbp\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_rel_offset %rbp, 0\n"
        "    mov %rdi, %rbp\n"
        "    mov %rsi, %rax\n"
        "    mov %rdx, %rdi\n"
        "    mov %rcx, %rsi\n"
        "    mov %r8, %rdx\n"
        "    mov %r9, %r10\n"
        "    mov 16(%rsp), %r8\n"
        "    mov 24(%rsp), %r9\n"
        ".globl safe_syscall_start\n"
        "safe_syscall_start:\n"
        "    cmpl $0, (%rbp)\n"
        "    jnz 1f\n"
        "    syscall\n"
        ".globl safe_syscall_end\n"
        "safe_syscall_end:\n"
        "    pop %rbp\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    .cfi_restore %rbp\n"
        "    ret\n"
        "1:\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_rel_offset %rbp, 0\n"
        "    mov $-513, %rax\n" /* not started: SAFE_NOT_STARTED */
        "    pop %rbp\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    .cfi_restore %rbp\n"
        "    ret\n"
        "    .cfi_endproc\n"
        ".size safe_syscall_base, .-safe_syscall_base\n");

#define SAFE_NOT_STARTED 513 /* the kernel's ERESTARTNOINTR, never a host result */

static const u32 no_cpu_pending; /* a thread without a cpu has nothing to miss */

long safe_syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    struct cpu *c = hostsig_cpu;
    long r = safe_syscall_base(c ? &c->interrupt : &no_cpu_pending, nr, a0, a1, a2, a3, a4, a5);
    if (r == -SAFE_NOT_STARTED) {
        c->sys_not_started = true; /* c: the word was set, so there is a cpu */
        r = -EINTR;
    }
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

void safe_syscall_rewind(void *uc)
{
    greg_t *rip = &((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
    if (*rip > (greg_t)safe_syscall_start && *rip < (greg_t)safe_syscall_end)
        *rip = (greg_t)safe_syscall_start;
}
