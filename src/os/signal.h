/* Guest signal delivery: pending queues, the choice between a handler
 * and the default action, syscall restart, and the host dispositions
 * and masks that mirror the guest's (os/signal.c, os/sigframe.c).
 *
 * Model: a guest signal is a host signal with the same number. The host
 * mask of each thread mirrors its guest mask, and the host disposition
 * mirrors the guest's, so the host kernel itself keeps blocked signals
 * pending, picks the thread for a process-directed signal, discards
 * ignored ones, stops and terminates. rvx catches a signal on the host
 * only when the guest has a handler for it, when its default action
 * dumps core (rvx must not), and always SIGSEGV/SIGBUS (rvx's faults).
 * A caught signal is queued on the cpu of the host thread that took it
 * and cpu->interrupt is set; the top loop delivers it (vm/run.c). */
#ifndef RVX_OS_SIGNAL_H
#define RVX_OS_SIGNAL_H

#include <signal.h>

#include "abi/rv_signal.h"
#include "cpu/cpu.h"

struct vm;

/* The syscall whose return is being handled, for the restart rules. */
struct sig_syscall {
    u64 nr;
    u64 a[6];           /* a0..a5 as the guest passed them */
};

/* Once, before the guest runs: takes over the host's inherited ignored
 * dispositions and blocked mask as the guest's, and installs the host
 * dispositions that mirror the guest table. */
void sig_init(struct vm *vm);

/* Delivers every pending signal the cpu does not block: handler frames
 * (the last pushed runs first, as on Linux) or default actions. sc is
 * the syscall that just returned (its result in a0), or NULL. */
void sig_deliver(struct cpu *cpu, const struct sig_syscall *sc);

/* True if a synchronous fault signal would run a guest handler (not
 * blocked, not ignored, not default): otherwise Linux forces the
 * default action, and the caller reports the crash and dies. */
bool sig_fault_caught(const struct cpu *cpu, int sig);

/* Delivers a synchronous fault to the guest handler (sig_fault_caught
 * must hold): siginfo with code and si_addr = addr. */
void sig_fault(struct cpu *cpu, int sig, int code, u64 addr);

/* Forces sig on the cpu at the next delivery, like the kernel's
 * force_sig: a blocked or ignored signal is reset to SIG_DFL first. */
void sig_force(struct cpu *cpu, int sig, int code);

/* Sets the guest blocked set (KILL/STOP removed) and the host mirror. */
void sig_set_mask(struct cpu *cpu, u64 mask);

/* Re-mirrors the host disposition of sig after the guest table changed;
 * drops queued instances that are now ignored. */
void sig_update_action(struct vm *vm, int sig);

/* Takes one queued signal in allowed (rvx's queues only, not the host's
 * pending set); false if none. */
bool sig_dequeue(struct cpu *cpu, u64 allowed, struct rv_siginfo *out);

/* Signals queued by rvx for this cpu (its own queue and the shared one). */
u64 sig_queued(struct cpu *cpu);

/* Called by the host handler (all host signals blocked): queues the
 * host signal for c (or for any cpu when c is NULL) and interrupts it. */
/* Queues a caught host signal; false if the queue was full (the caller
 * then leaves it pending, blocked, in the host kernel). */
bool sig_record(struct cpu *c, const siginfo_t *si);
/* A thread leaving with signals still queued (host signals blocked): the
 * process-directed ones go back to the host kernel for another thread,
 * as Linux hands them on; the ones sent to this thread die with it. */
void sig_thread_exit(struct cpu *cpu);

/* Ends rvx by sig with the default action, as the guest would end; for
 * a stop signal, stops rvx and returns once continued. No core file. */
void sig_default_die(int sig);

/* The address handlers return to: the vDSO's rt_sigreturn, or a page
 * rvx maps with the same two instructions. */
guest_addr sig_trampoline(struct vm *vm);

/* With the syscall sc's result -EINTR in a0: keeps it, or rewinds the
 * cpu to run the call again (os/sigrestart.c). handler: a handler is
 * about to run, with sa_flags flags. */
void sig_restart(struct cpu *cpu, const struct sig_syscall *sc, bool handler, u64 flags);

/* Alternate stack of a cpu: is sp on it; its ss_flags as Linux reports. */
bool sig_on_altstack(const struct cpu *cpu, u64 sp);
int sig_altstack_flags(const struct cpu *cpu, u64 sp);
/* sigaltstack's set half (Linux's do_sigaltstack order); 0 or -RV_E*. */
int sig_altstack_set(struct cpu *cpu, const struct rv_stack *ss, u64 sp);

/* Signal frames (os/sigframe.c). Push: builds the rt_sigframe for si on
 * the current or alternate stack and points the cpu at the handler;
 * false if the frame cannot be written. Pop (rt_sigreturn): restores the
 * frame at sp; false on a bad frame (the caller forces SIGSEGV). */
bool sigframe_push(struct cpu *cpu, const struct rv_siginfo *si, u64 handler, u64 flags,
                   u64 saved_mask);
bool sigframe_pop(struct cpu *cpu);

#define RV_SIG_UNBLOCKABLE (RV_SIGBIT(RV_SIGKILL) | RV_SIGBIT(RV_SIGSTOP))

#endif
