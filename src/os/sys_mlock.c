/* Memory-residency syscalls on guest ranges: mlock, munlock, mlock2,
 * mlockall, munlockall, mincore, msync. Guest pages are host pages at
 * mem.base + addr (4 KiB on both), so each call runs on the host range
 * once the guest range has been checked: the host reservation maps the
 * guest's holes too (PROT_NONE), so "unmapped" (ENOMEM) must be decided
 * from the guest's page table, not by the host. */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/sys_impl.h"

#define RV_MCL_CURRENT 1
#define RV_MCL_FUTURE 2
#define RV_MCL_ONFAULT 4
#define RV_MLOCK_ONFAULT 1
#define RV_MS_ASYNC 1
#define RV_MS_INVALIDATE 2
#define RV_MS_SYNC 4

_Static_assert(MCL_CURRENT == RV_MCL_CURRENT && MCL_FUTURE == RV_MCL_FUTURE &&
               MCL_ONFAULT == RV_MCL_ONFAULT && MLOCK_ONFAULT == RV_MLOCK_ONFAULT, "mlock");
_Static_assert(MS_ASYNC == RV_MS_ASYNC && MS_INVALIDATE == RV_MS_INVALIDATE &&
               MS_SYNC == RV_MS_SYNC, "msync");

/* [*start, *start + *len) widened to whole pages, as Linux does. False
 * if it leaves the guest space. */
static bool mlock_pages(const struct mem *m, guest_addr *start, u64 *len)
{
    u64 off = *start & ~GUEST_PAGE_MASK;
    if (*len > m->size || *start >= m->size)
        return false;
    *start -= off;
    *len = (*len + off + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    return *len <= m->size - *start;
}

/* Every page of the range is a guest mapping (any protection). */
static bool mlock_mapped(const struct mem *m, guest_addr start, u64 len)
{
    return mem_check(m, start, len, 0) == 0;
}

/* mlock2 and munlock: page-widen, require a mapped range (ENOMEM). The
 * map lock keeps another thread's munmap/mmap out between the check and
 * the host call (Linux holds mmap_lock across both). */
static i64 mlock_range(struct cpu *cpu, guest_addr start, u64 len, int flags, bool lock)
{
    struct mem *m = &cpu->vm->mem;
    if (!len)
        return 0;
    if (!mlock_pages(m, &start, &len))
        return -RV_ENOMEM;
    mem_lock(m);
    i64 r = -RV_ENOMEM;
    if (mlock_mapped(m, start, len)) {
        void *h = mem_host(m, start);
        r = sys_host(lock ? syscall(SYS_mlock2, h, len, flags) : munlock(h, len));
    }
    mem_unlock(m);
    return r;
}

i64 sys_mlock(struct cpu *cpu, const u64 *a) { return mlock_range(cpu, a[0], a[1], 0, true); }
i64 sys_munlock(struct cpu *cpu, const u64 *a) { return mlock_range(cpu, a[0], a[1], 0, false); }

i64 sys_mlock2(struct cpu *cpu, const u64 *a)
{
    if ((u32)a[2] & ~RV_MLOCK_ONFAULT)
        return -RV_EINVAL;
    return mlock_range(cpu, a[0], a[1], (int)(u32)a[2], true);
}

/* mlockall locks the guest's current mappings (MCL_CURRENT), each one
 * with the host's mlock2, never rvx's own memory. MCL_FUTURE is accepted
 * and not applied: on the host it would also lock rvx's reservations
 * (code cache, thread stacks) against RLIMIT_MEMLOCK, and locking is
 * invisible to the guest's results. */
i64 sys_mlockall(struct cpu *cpu, const u64 *a)
{
    u32 fl = (u32)a[0];
    if (!fl || (fl & ~(u32)(RV_MCL_CURRENT | RV_MCL_FUTURE | RV_MCL_ONFAULT)) ||
        fl == RV_MCL_ONFAULT)
        return -RV_EINVAL;
    if (!(fl & RV_MCL_CURRENT))
        return 0;
    struct mem *m = &cpu->vm->mem;
    int how = (fl & RV_MCL_ONFAULT) ? RV_MLOCK_ONFAULT : 0;
    i64 r = 0;
    mem_lock(m);
    for (size_t i = 0; i < m->nvma && !r; i++) {
        const struct vma *v = &m->vmas[i];
        r = sys_host(syscall(SYS_mlock2, mem_host(m, v->start), v->end - v->start, how));
    }
    mem_unlock(m);
    return r;
}

/* rvx locks nothing of its own, so the host's munlockall is exact. */
i64 sys_munlockall(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    UNUSED(a);
    return sys_host(munlockall());
}

/* mincore(addr, len, vec): addr must be page aligned (EINVAL), the
 * range mapped (ENOMEM), then vec writable for one byte per page
 * (EFAULT), the kernel's order. */
i64 sys_mincore(struct cpu *cpu, const u64 *a)
{
    struct mem *m = &cpu->vm->mem;
    guest_addr start = a[0];
    u64 len = a[1];
    if (start & ~GUEST_PAGE_MASK)
        return -RV_EINVAL;
    if (!mlock_pages(m, &start, &len))
        return -RV_ENOMEM;
    mem_lock(m);
    i64 r = -RV_ENOMEM;
    if (mlock_mapped(m, start, len)) {
        void *vec = guest_ptr(cpu->vm, a[2], len >> GUEST_PAGE_SHIFT, PAGE_W);
        r = vec ? sys_host(mincore(mem_host(m, start), len, vec)) : -RV_EFAULT;
    }
    mem_unlock(m);
    return r;
}

/* msync(addr, len, flags): Linux syncs what is mapped and then reports
 * a hole in the range as ENOMEM. */
i64 sys_msync(struct cpu *cpu, const u64 *a)
{
    struct mem *m = &cpu->vm->mem;
    guest_addr start = a[0];
    u64 len = a[1];
    int fl = (int)a[2];
    if ((fl & ~(RV_MS_ASYNC | RV_MS_INVALIDATE | RV_MS_SYNC)) || (start & ~GUEST_PAGE_MASK) ||
        ((fl & RV_MS_ASYNC) && (fl & RV_MS_SYNC)))
        return -RV_EINVAL;
    if (!len)
        return 0;
    if (!mlock_pages(m, &start, &len))
        return -RV_ENOMEM;
    /* The check is a snapshot: msync may block on I/O, so it runs
     * without the map lock (Linux drops mmap_lock around the fsync). */
    mem_lock(m);
    bool mapped = mlock_mapped(m, start, len);
    mem_unlock(m);
    long r = msync(mem_host(m, start), len, fl);
    if (r)
        return sys_host(r);
    return mapped ? 0 : -RV_ENOMEM;
}
