/* Syscall restart after a signal (arch/riscv/kernel/signal.c, man 7
 * signal): which calls Linux reruns, and how, when a signal interrupted
 * them; called by the delivery code in os/signal.c. */
#include "abi/rv_errno.h"
#include "abi/rv_thread.h"
#include "os/signal.h"

#define RV_NR_restart_syscall 128 /* asm-generic */

enum restart_class { RESTART_SYS, RESTART_NOHAND, RESTART_BLOCK, RESTART_NOINTR, RESTART_NEVER };

/* How Linux ends each blocking call interrupted by a signal: ERESTARTSYS
 * (restarted with SA_RESTART), ERESTARTNOHAND (restarted only when no
 * handler runs), ERESTART_RESTARTBLOCK (likewise, as restart_syscall
 * resuming the sleep, os/restart.h), ERESTARTNOINTR (always restarted)
 * or a plain EINTR. Riscv64 syscall numbers. */
static enum restart_class sig_restart_kind(const struct sig_syscall *sc)
{
    switch (sc->nr) {
    case 22: case 441:      /* epoll_pwait, epoll_pwait2 */
    case 4: case 292:       /* io_getevents, io_pgetevents */
    case 137:               /* rt_sigtimedwait */
    case 192:               /* semtimedop */
        return RESTART_NEVER;
    case 72: case 73:       /* pselect6, ppoll */
    case 133:               /* rt_sigsuspend */
    case 188:               /* msgrcv */
        return RESTART_NOHAND;
    case 101:               /* nanosleep */
    case 128:               /* restart_syscall, interrupted again */
        return RESTART_BLOCK;
    case 115:               /* clock_nanosleep: absolute sleeps just rerun */
        return (sc->a[1] & 1) ? RESTART_NOHAND : RESTART_BLOCK;
    case 98:                /* futex */
        switch (sc->a[1] & RV_FUTEX_CMD_MASK) {
        case RV_FUTEX_WAIT:
        case RV_FUTEX_WAIT_BITSET: /* a timed wait has a restart block */
            return sc->a[3] ? RESTART_BLOCK : RESTART_SYS;
        case RV_FUTEX_LOCK_PI:
        case RV_FUTEX_LOCK_PI2:
            return RESTART_NOINTR;
        default:
            return RESTART_SYS;
        }
    default:
        return RESTART_SYS;
    }
}

/* With the syscall's a0 = -EINTR, either keeps it or rewinds to run the
 * ecall again (pc -= 4, a0 = orig_a0) after the handler, if any.
 * ERESTART_RESTARTBLOCK without a handler becomes restart_syscall
 * (a7 = 128) when the call left a restart block, as arch/riscv's
 * do_signal does; without one (it failed before it slept) it reruns. */
void sig_restart(struct cpu *cpu, const struct sig_syscall *sc, bool handler,
                        u64 flags)
{
    if ((i64)cpu->x[10] != -RV_EINTR)
        return;
    if (cpu->sys_not_started) { /* the signal came first: run the call after it */
        cpu->sys_not_started = false;
        cpu->pc -= 4;
        cpu->x[10] = sc->a[0];
        return;
    }
    enum restart_class k = sig_restart_kind(sc);
    bool rerun = k == RESTART_NEVER    ? false
                 : k == RESTART_NOINTR ? true
                 : handler             ? k == RESTART_SYS && (flags & RV_SA_RESTART)
                                       : true;
    if (rerun) {
        cpu->pc -= 4;
        cpu->x[10] = sc->a[0];
        if (k == RESTART_BLOCK && cpu->restart.fn)
            cpu->x[17] = RV_NR_restart_syscall;
    }
}
