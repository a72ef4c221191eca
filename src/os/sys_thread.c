/* Thread syscalls: clone and clone3 (a thread, or handed to
 * sys_process.c for fork/vfork), exit, exit_group, set_tid_address and
 * the robust list. Linux semantics: riscv64 clone is CLONE_BACKWARDS
 * (flags, newsp, parent_tid, tls, child_tid; fact sheet 1.5); the child
 * starts after the ecall with a0 = 0, sp = newsp if non-zero, tp = tls
 * with CLONE_SETTLS. */
#include <stdlib.h>

#include "abi/rv_thread.h"
#include "os/process.h"
#include "os/sys_impl.h"
#include "vm/thread.h"

/* The kernel's copy_process checks, and what a process VM cannot do. */
static int clone_check(u64 flags)
{
    if ((flags & RV_CLONE_THREAD) && !(flags & RV_CLONE_SIGHAND))
        return -RV_EINVAL;
    if ((flags & RV_CLONE_SIGHAND) && !(flags & RV_CLONE_VM))
        return -RV_EINVAL;
    if (flags & (RV_CLONE_NS_MASK | RV_CLONE_PIDFD | RV_CLONE_INTO_CGROUP |
                 RV_CLONE_CLEAR_SIGHAND))
        return -RV_EINVAL;
    /* A memory-sharing child that is neither a thread nor a vfork child
     * would run on the parent's host TLS concurrently: not supported. */
    if ((flags & RV_CLONE_VM) && !(flags & (RV_CLONE_THREAD | RV_CLONE_VFORK)))
        return -RV_EINVAL;
    return 0;
}

struct cpu *clone_child_cpu(struct cpu *cpu, const struct clone_req *r)
{
    struct cpu *c = thread_cpu_copy(cpu);
    if (!c)
        return NULL;
    c->x[10] = 0;
    if (r->sp)
        c->x[2] = r->sp;
    if (r->flags & RV_CLONE_SETTLS)
        c->x[4] = r->tls;
    if (r->flags & RV_CLONE_CHILD_CLEARTID)
        c->clear_child_tid = r->ctid;
    return c;
}

static i64 clone_thread(struct cpu *cpu, const struct clone_req *r)
{
    struct cpu *c = clone_child_cpu(cpu, r);
    if (!c)
        return -RV_EAGAIN;
    i64 tid = thread_start(c, (r->flags & RV_CLONE_PARENT_SETTID) ? r->ptid : 0,
                           (r->flags & RV_CLONE_CHILD_SETTID) ? r->ctid : 0);
    if (tid < 0)
        free(c);
    return tid;
}

static i64 clone_do(struct cpu *cpu, const struct clone_req *r)
{
    int err = clone_check(r->flags);
    if (err)
        return err;
    if (r->flags & RV_CLONE_THREAD)
        return clone_thread(cpu, r);
    if (r->flags & RV_CLONE_VM)
        return process_vfork(cpu, r);
    return process_fork(cpu, r);
}

i64 sys_clone(struct cpu *cpu, const u64 *a)
{
    struct clone_req r = {
        .flags = a[0] & ~(u64)RV_CSIGNAL, .exit_signal = (int)(a[0] & RV_CSIGNAL),
        .sp = a[1], .ptid = a[2], .tls = a[3], .ctid = a[4],
    };
    return clone_do(cpu, &r);
}

/* clone3(args, size): the same request in a struct. Bytes beyond the
 * struct we know must be zero (E2BIG otherwise), as the kernel says. */
i64 sys_clone3(struct cpu *cpu, const u64 *a)
{
    struct rv_clone_args ca = {0};
    u64 size = a[1];
    if (size < RV_CLONE_ARGS_SIZE_VER0 || size > GUEST_PAGE_SIZE)
        return -RV_EINVAL;
    if (copy_from_guest(cpu->vm, &ca, a[0], size < sizeof ca ? size : sizeof ca))
        return -RV_EFAULT;
    for (u64 off = sizeof ca; off < size; off++) {
        u8 b;
        if (copy_from_guest(cpu->vm, &b, a[0] + off, 1))
            return -RV_EFAULT;
        if (b)
            return -RV_E2BIG;
    }
    if ((ca.flags & RV_CSIGNAL) || ca.exit_signal > 64 || ca.set_tid_size)
        return -RV_EINVAL;
    if ((ca.stack == 0) != (ca.stack_size == 0))
        return -RV_EINVAL;
    struct clone_req r = {
        .flags = ca.flags, .exit_signal = (int)ca.exit_signal,
        .sp = ca.stack ? ca.stack + ca.stack_size : 0,
        .ptid = ca.parent_tid, .ctid = ca.child_tid, .tls = ca.tls,
    };
    return clone_do(cpu, &r);
}

i64 sys_exit_group(struct cpu *cpu, const u64 *a)
{
    cpu->vm->exit_status = (int)(a[0] & 0xff);
    cpu->exit = EXIT_HALT;
    return 0;
}

/* Ends the calling thread only; the last thread's exit ends the
 * process, which the single-threaded case does through the top loop. */
i64 sys_exit(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    thread_lock(vm);
    int n = vm->nthreads;
    thread_unlock(vm);
    if (n <= 1 || cpu->vfork_child)
        return sys_exit_group(cpu, a);
    thread_exit(cpu, (int)(a[0] & 0xff));
}

/* Stores tidptr for the exit-time clear and returns the caller's tid. */
i64 sys_set_tid_address(struct cpu *cpu, const u64 *a)
{
    cpu->clear_child_tid = a[0];
    return sys_gettid(cpu, a);
}

/* Not forwarded: the host kernel would walk host addresses at exit.
 * rvx walks the list itself (os/futex.c). */
i64 sys_set_robust_list(struct cpu *cpu, const u64 *a)
{
    if (a[1] != sizeof(struct rv_robust_list_head))
        return -RV_EINVAL;
    cpu->robust_list = a[0];
    return 0;
}

/* get_robust_list(pid, head_ptr, len_ptr): pid 0 is the caller; another
 * thread of this process by its tid; anyone else ESRCH. */
i64 sys_get_robust_list(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    int pid = (int)a[0];
    u64 head = 0, len = sizeof(struct rv_robust_list_head);
    bool found = pid == 0;
    if (pid == 0)
        head = cpu->robust_list;
    thread_lock(vm);
    for (struct cpu *c = vm->threads; c && !found; c = c->thread_next) {
        if (c->tid == pid) {
            head = c->robust_list;
            found = true;
        }
    }
    thread_unlock(vm);
    if (!found)
        return -RV_ESRCH;
    if (copy_to_guest(vm, a[1], &head, 8) || copy_to_guest(vm, a[2], &len, 8))
        return -RV_EFAULT;
    return 0;
}
