/* The riscv64 rt_sigframe (abi/rv_signal.h; arch/riscv/kernel/signal.c):
 * built on the guest stack for a handler, read back by rt_sigreturn.
 *
 *   new sp -> siginfo (128) | ucontext (960): flags, link, uc_stack,
 *             uc_sigmask, padding, mcontext = pc x1..x31 f0..f31 fcsr,
 *             sc_extdesc {reserved 0, END header {0, 0}} (no V state)
 *
 * Placement (get_sigframe): the alternate stack's top if SA_ONSTACK and
 * not already on it, else sp; minus the frame, 16-byte aligned. A frame
 * that would overflow the alternate stack we are on is refused. */
#include <string.h>

#include "mem/copy.h"
#include "os/signal.h"
#include "vm/vm.h"

static u64 sigframe_addr(const struct cpu *cpu, u64 flags, bool *ok)
{
    u64 sp = cpu->x[2];
    *ok = true;
    if (sig_on_altstack(cpu, sp) && !sig_on_altstack(cpu, sp - sizeof(struct rv_sigframe)))
        *ok = false;
    if ((flags & RV_SA_ONSTACK) && sig_altstack_flags(cpu, sp) == 0)
        sp = cpu->altstack.sp + cpu->altstack.size;
    return (sp - sizeof(struct rv_sigframe)) & ~15ull;
}

static void sigframe_fill(const struct cpu *cpu, struct rv_sigframe *fr,
                          const struct rv_siginfo *si, u64 saved_mask)
{
    memset(fr, 0, sizeof *fr);
    fr->info = *si;
    struct rv_ucontext *uc = &fr->uc;
    uc->uc_stack.ss_sp = cpu->altstack.sp;
    uc->uc_stack.ss_size = cpu->altstack.size;
    /* __save_altstack writes the flags as set (a fresh thread: DISABLE). */
    uc->uc_stack.ss_flags = cpu->altstack.size || cpu->altstack.flags
                                ? (i32)cpu->altstack.flags : RV_SS_DISABLE;
    uc->uc_sigmask = saved_mask;
    struct rv_sigcontext *sc = &uc->uc_mcontext;
    sc->pc = cpu->pc;
    memcpy(sc->x, &cpu->x[1], sizeof sc->x);
    memcpy(sc->f, cpu->f, sizeof sc->f);
    sc->fcsr = cpu->fcsr;
    /* reserved, and the END header {0, 0}: already zero. */
}

bool sigframe_push(struct cpu *cpu, const struct rv_siginfo *si, u64 handler, u64 flags,
                   u64 saved_mask)
{
    bool ok;
    u64 sp = sigframe_addr(cpu, flags, &ok);
    guest_addr ret = sig_trampoline(cpu->vm);
    struct rv_sigframe fr;
    sigframe_fill(cpu, &fr, si, saved_mask);
    if (!ok || !ret || copy_to_guest(cpu->vm, sp, &fr, sizeof fr))
        return false;
    if (cpu->altstack.flags & RV_SS_AUTODISARM) { /* sas_ss_reset */
        cpu->altstack.sp = cpu->altstack.size = 0;
        cpu->altstack.flags = RV_SS_DISABLE;
    }
    cpu->x[1] = ret;
    cpu->x[2] = sp;
    cpu->x[10] = (u64)si->si_signo;
    cpu->x[11] = sp + offsetof(struct rv_sigframe, info);
    cpu->x[12] = sp + offsetof(struct rv_sigframe, uc);
    cpu->pc = handler;
    cpu->resv_valid = false;
    return true;
}

bool sigframe_pop(struct cpu *cpu)
{
    struct rv_sigframe fr;
    if (copy_from_guest(cpu->vm, &fr, cpu->x[2], sizeof fr))
        return false;
    const struct rv_sigcontext *sc = &fr.uc.uc_mcontext;
    /* restore_sigcontext: no V state is accepted, only an END header. */
    if (sc->ext_reserved || sc->ext_magic || sc->ext_size)
        return false;
    sig_set_mask(cpu, fr.uc.uc_sigmask);
    cpu->pc = sc->pc;
    memcpy(&cpu->x[1], sc->x, sizeof sc->x);
    memcpy(cpu->f, sc->f, sizeof sc->f);
    cpu->fcsr = sc->fcsr & 0xff;
    cpu->resv_valid = false;
    /* restore_altstack: errors other than EFAULT are ignored. */
    sig_altstack_set(cpu, &fr.uc.uc_stack, cpu->x[2]);
    return true;
}
