/* System-wide and process-attribute syscalls whose answer is a policy
 * of rvx rather than a pass-through: personality is emulated (the guest
 * sees PER_LINUX and its own flags, never the host's), membarrier goes
 * to the host for the commands that mean the same for host threads,
 * and what a user-mode VM must not or cannot do is refused the way an
 * unprivileged Linux process would see it:
 *   mount, umount2, pivot_root, syslog: EPERM (no CAP_SYS_ADMIN /
 *     CAP_SYSLOG with dmesg_restrict): passing them through would let
 *     a guest change the host's mounts or read its log;
 *   process_vm_readv/writev: ENOSYS (another process's guest addresses
 *     are not host addresses);
 *   NUMA policy and io_uring: ENOSYS (glibc and most programs fall back).
 * The pidfd calls pass through: pids are host pids. */
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_cred.h"
#include "os/sys_impl.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

#define RV_SIGINFO_SIZE 128

/* personality(persona): returns the old value; 0xffffffff only asks.
 * Linux stores any value it is given (bits it does not know included). */
i64 sys_personality(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    u32 old = vm->personality;
    if ((u32)a[0] != RV_PER_QUERY)
        vm->personality = (u32)a[0];
    return old;
}

/* The commands whose host meaning is the guest's: guest threads are
 * host threads of this one process, so a host barrier on them orders
 * the guest's accesses too. SYNC_CORE and RSEQ are left out (rvx has no
 * rseq, and core serialization of translated code is not the host's). */
#define MEMBARRIER_OK                                                              \
    (RV_MEMBARRIER_CMD_GLOBAL | RV_MEMBARRIER_CMD_GLOBAL_EXPEDITED |               \
     RV_MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | RV_MEMBARRIER_CMD_PRIVATE_EXPEDITED | \
     RV_MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | RV_MEMBARRIER_CMD_GET_REGISTRATIONS)

/* membarrier(cmd, flags, cpu_id) */
i64 sys_membarrier(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    int cmd = (int)a[0];
    if (cmd == RV_MEMBARRIER_CMD_QUERY) {
        if ((u32)a[1])
            return -RV_EINVAL;
        long r = syscall(SYS_membarrier, 0, 0, 0);
        return r < 0 ? sys_host(r) : (r & MEMBARRIER_OK);
    }
    if (cmd < 0 || (cmd & (cmd - 1)) || !(cmd & MEMBARRIER_OK))
        return -RV_EINVAL;
    return sys_host(syscall(SYS_membarrier, cmd, (unsigned)a[1], (int)a[2]));
}

static i64 admin_eperm(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    UNUSED(a);
    return -RV_EPERM;
}

static i64 admin_enosys(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    UNUSED(a);
    return -RV_ENOSYS;
}

i64 sys_mount(struct cpu *cpu, const u64 *a) { return admin_eperm(cpu, a); }
i64 sys_umount2(struct cpu *cpu, const u64 *a) { return admin_eperm(cpu, a); }
i64 sys_pivot_root(struct cpu *cpu, const u64 *a) { return admin_eperm(cpu, a); }
i64 sys_syslog(struct cpu *cpu, const u64 *a) { return admin_eperm(cpu, a); }
i64 sys_process_vm_readv(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }
i64 sys_process_vm_writev(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }
i64 sys_mbind(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }
i64 sys_get_mempolicy(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }
i64 sys_set_mempolicy(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }
i64 sys_io_uring_setup(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }
i64 sys_io_uring_enter(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }
i64 sys_io_uring_register(struct cpu *cpu, const u64 *a) { return admin_enosys(cpu, a); }

i64 sys_pidfd_open(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_pidfd_open, (pid_t)a[0], (unsigned)a[1]));
}

i64 sys_pidfd_getfd(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_pidfd_getfd, sys_fd(a[0]), sys_fd(a[1]), (unsigned)a[2]));
}

/* pidfd_send_signal(pidfd, sig, info or NULL, flags): siginfo is 128
 * bytes of the same layout on both; signal numbers are the same. */
i64 sys_pidfd_send_signal(struct cpu *cpu, const u64 *a)
{
    void *info;
    if (!sys_opt(cpu->vm, a[2], RV_SIGINFO_SIZE, PAGE_R, &info))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_pidfd_send_signal, sys_fd(a[0]), (int)a[1], info,
                            (unsigned)a[3]));
}
