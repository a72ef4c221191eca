/* Temporary signal masks of the waiting calls (os/sigtmp.h). */
#include "os/sigtmp.h"

#include "abi/rv_errno.h"
#include "abi/rv_signal.h"
#include "mem/copy.h"
#include "os/signal.h"
#include "vm/vm.h"

int sig_tmpmask_get(struct cpu *cpu, u64 set, u64 size, struct sig_tmpmask *m)
{
    m->on = set != 0;
    if (!m->on)
        return 0;
    if (size != RV_SIGSET_SIZE)
        return -RV_EINVAL;
    if (copy_from_guest(cpu->vm, &m->guest, set, sizeof m->guest))
        return -RV_EFAULT;
    m->guest &= ~RV_SIG_UNBLOCKABLE;
    m->host = m->guest & ~(RV_SIGBIT(RV_SIGSEGV) | RV_SIGBIT(RV_SIGBUS));
    return 0;
}

bool sig_tmpmask_pending(struct cpu *cpu, const struct sig_tmpmask *m)
{
    return m->on && (sig_queued(cpu) & ~m->guest);
}

void sig_tmpmask_interrupted(struct cpu *cpu, const struct sig_tmpmask *m)
{
    if (cpu->sys_not_started || !sig_tmpmask_pending(cpu, m))
        return; /* not started: the signal is taken under the old mask */
    u64 old = cpu->sigmask;
    sig_set_mask(cpu, m->guest);
    cpu->sig_saved_mask = old;
    cpu->sig_saved_valid = true;
    cpu->interrupt = 1;
}
