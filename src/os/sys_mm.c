/* Memory-management syscalls: thin adapters onto mem/ (mem_mmap and
 * friends), which emulate them inside the guest reservation with Linux
 * semantics and return conventions. A file mapping passes the guest fd,
 * which is the host fd. */
#include "mem/mman.h"
#include "os/sys_impl.h"

i64 sys_brk(struct cpu *cpu, const u64 *a)
{
    return (i64)mem_brk(cpu->vm, a[0]);
}

i64 sys_mmap(struct cpu *cpu, const u64 *a)
{
    int flags = (int)a[3];
    int hostfd = (flags & RV_MAP_ANONYMOUS) ? -1 : sys_fd(a[4]);
    return mem_mmap(cpu->vm, a[0], a[1], (int)a[2], flags, hostfd, a[5]);
}

i64 sys_munmap(struct cpu *cpu, const u64 *a)
{
    return mem_munmap(cpu->vm, a[0], a[1]);
}

i64 sys_mremap(struct cpu *cpu, const u64 *a)
{
    return mem_mremap(cpu->vm, a[0], a[1], a[2], (int)a[3], a[4]);
}

i64 sys_mprotect(struct cpu *cpu, const u64 *a)
{
    return mem_mprotect(cpu->vm, a[0], a[1], (int)a[2]);
}

i64 sys_madvise(struct cpu *cpu, const u64 *a)
{
    return mem_madvise(cpu->vm, a[0], a[1], (int)a[2]);
}
