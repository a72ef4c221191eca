/* The guest's mmap, munmap, mprotect, mremap, madvise and brk, emulated
 * inside the reservation with Linux semantics and return conventions.
 *
 * Every guest mapping is a host mapping MAP_FIXED at base + guest address;
 * unmapping puts back PROT_NONE NORESERVE anonymous memory (never a hole
 * in the reservation). Each operation updates, in this order: the host
 * mapping, decoded code (mem_drop_code), pages[], the vma list.
 * Called by the syscall handlers (os/) and the loader. The public
 * functions take the map lock (mem->lock) around the work, so guest
 * threads change the map one at a time. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/rv_errno.h"
#include "mem/mman.h"
#include "mem/space.h"
#include "mem/vma.h"
#include "vm/vm.h"

#define RV_MAP_KNOWN                                                                   \
    (RV_MAP_TYPE | RV_MAP_FIXED | RV_MAP_ANONYMOUS | RV_MAP_GROWSDOWN |                \
     RV_MAP_DENYWRITE | RV_MAP_EXECUTABLE | RV_MAP_LOCKED | RV_MAP_NORESERVE |         \
     RV_MAP_POPULATE | RV_MAP_NONBLOCK | RV_MAP_STACK | RV_MAP_HUGETLB | RV_MAP_SYNC | \
     RV_MAP_FIXED_NOREPLACE | RV_MAP_UNINITIALIZED)

/* Highest free gap of len bytes ending at or below limit (top-down, like
 * the kernel's default layout); 0 if none. */
static guest_addr gap_topdown(const struct mem *m, u64 len, guest_addr limit)
{
    for (size_t i = m->nvma + 1; i-- > 0;) {
        guest_addr lo = i > 0 ? m->vmas[i - 1].end : MEM_MIN_ADDR;
        guest_addr hi = i < m->nvma ? m->vmas[i].start : m->size;
        if (lo < MEM_MIN_ADDR)
            lo = MEM_MIN_ADDR;
        if (hi > limit)
            hi = limit;
        if (hi > lo && hi - lo >= len)
            return hi - len;
    }
    return 0;
}

/* Where a non-fixed mapping goes: the hint if free, else top-down below
 * mmap_base, else anywhere. 0 means the space is full. */
guest_addr mem_place(const struct mem *m, guest_addr hint, u64 len)
{
    if (hint) {
        hint &= GUEST_PAGE_MASK;
        if (hint < MEM_MIN_ADDR)
            hint = MEM_MIN_ADDR;
        if (hint <= m->size - len && vma_range_free(m, hint, hint + len))
            return hint;
    }
    guest_addr a = gap_topdown(m, len, m->mmap_base);
    return a ? a : gap_topdown(m, len, m->size);
}

/* Removes every guest mapping in [start, end): host back to PROT_NONE. */
void mem_unmap_range(struct vm *vm, guest_addr start, guest_addr end)
{
    struct mem *m = &vm->mem;
    if (start >= end || vma_range_free(m, start, end))
        return;
    mem_drop_code(vm, start, end);
    mem_host_reserve(m, start, end);
    mem_set_pages(m, start, end, 0);
    vma_remove(m, start, end);
    mem_log("unmap", start, end, 0);
}

/* After a failed host MAP_FIXED, re-reserves the pages the guest had not
 * mapped, in case the host dropped them (MAP_FIXED may unmap first). */
static void reserve_holes(struct mem *m, guest_addr start, guest_addr end)
{
    guest_addr a = start;
    while (a < end) {
        guest_addr b = a;
        while (b < end && !(mem_page_flags(m, b) & PAGE_MAPPED))
            b += GUEST_PAGE_SIZE;
        mem_host_reserve(m, a, b);
        while (b < end && (mem_page_flags(m, b) & PAGE_MAPPED))
            b += GUEST_PAGE_SIZE;
        a = b;
    }
}

static int host_map_flags(int flags)
{
    int type = flags & RV_MAP_TYPE;
    int h = MAP_FIXED | (type == RV_MAP_SHARED_VALIDATE ? MAP_SHARED_VALIDATE
                         : type == RV_MAP_SHARED      ? MAP_SHARED
                                                      : MAP_PRIVATE);
    if (flags & RV_MAP_ANONYMOUS)
        h |= MAP_ANONYMOUS;
    if (flags & RV_MAP_NORESERVE)
        h |= MAP_NORESERVE;
    if (flags & RV_MAP_POPULATE)
        h |= MAP_POPULATE;
    if (flags & RV_MAP_SYNC)
        h |= MAP_SYNC;
    return h;
}

/* Fills v's file identity and name (the path the host fd refers to). */
static int describe_file(struct vma *v, int hostfd, char *name, size_t cap)
{
    struct stat st;
    if (fstat(hostfd, &st))
        return mem_errno(errno);
    v->dev = st.st_dev;
    v->ino = st.st_ino;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", hostfd);
    ssize_t n = readlink(link, name, cap - 1);
    name[n > 0 ? n : 0] = 0;
    v->name = n > 0 ? name : NULL;
    return 0;
}

/* Maps [start, start+len) as asked, replacing whatever was there. */
static i64 map_at(struct vm *vm, guest_addr start, u64 len, int prot, int flags,
                  int hostfd, u64 off)
{
    struct mem *m = &vm->mem;
    bool anon = flags & RV_MAP_ANONYMOUS;
    int type = (flags & RV_MAP_TYPE) == RV_MAP_PRIVATE ? RV_MAP_PRIVATE : RV_MAP_SHARED;
    struct vma v = {.start = start, .end = start + len, .prot = prot,
                    .flags = type | (anon ? RV_MAP_ANONYMOUS : 0), .offset = anon ? 0 : off};
    char name[PATH_MAX];
    if (!anon) {
        int err = describe_file(&v, hostfd, name, sizeof name);
        if (err)
            return err;
    }
    void *p = mmap(mem_host(m, start), len, mem_host_prot(prot), host_map_flags(flags),
                   anon ? -1 : hostfd, anon ? 0 : (off_t)off);
    if (p == MAP_FAILED) {
        int err = errno;
        reserve_holes(m, start, start + len);
        return mem_errno(err);
    }
    mem_drop_code(vm, start, start + len);
    mem_set_pages(m, start, start + len, mem_prot_flags(prot));
    vma_remove(m, start, start + len);
    vma_insert(m, &v);
    vma_merge_range(m, start, start + len);
    mem_log(anon ? "mmap anon" : "mmap file", start, start + len, prot);
    return (i64)start;
}

/* The argument checks of mmap(2) that do not depend on placement. */
static int mmap_check(const struct mem *m, u64 len, int flags, int hostfd, u64 off)
{
    int type = flags & RV_MAP_TYPE;
    if (!len || off & ~GUEST_PAGE_MASK)
        return -RV_EINVAL;
    if (len > m->size)
        return -RV_ENOMEM;
    if (off + mem_page_up(len) < off)
        return -RV_EOVERFLOW;
    if (type != RV_MAP_SHARED && type != RV_MAP_PRIVATE && type != RV_MAP_SHARED_VALIDATE)
        return -RV_EINVAL;
    if (type == RV_MAP_SHARED_VALIDATE && (flags & ~RV_MAP_KNOWN))
        return -RV_EOPNOTSUPP;
    if (flags & RV_MAP_HUGETLB)
        return -RV_ENOMEM; /* no huge pages reserved, as on most systems */
    if (!(flags & RV_MAP_ANONYMOUS) && hostfd < 0)
        return -RV_EBADF;
    return 0;
}

static i64 mem_mmap_unlocked(struct vm *vm, guest_addr addr, u64 len, int prot, int flags, int hostfd,
             u64 off)
{
    struct mem *m = &vm->mem;
    int err = mmap_check(m, len, flags, hostfd, off);
    if (err)
        return err;
    len = mem_page_up(len);
    prot &= RV_PROT_READ | RV_PROT_WRITE | RV_PROT_EXEC;
    if (flags & RV_MAP_FIXED_NOREPLACE)
        flags |= RV_MAP_FIXED;
    if (!(flags & RV_MAP_FIXED)) {
        addr = mem_place(m, addr, len);
        if (!addr)
            return -RV_ENOMEM;
    } else if (addr & ~GUEST_PAGE_MASK) {
        return -RV_EINVAL;
    } else if (addr > m->size - len) {
        return -RV_ENOMEM;
    } else if (addr < MEM_MIN_ADDR) {
        return -RV_EPERM;
    } else if ((flags & RV_MAP_FIXED_NOREPLACE) && !vma_range_free(m, addr, addr + len)) {
        return -RV_EEXIST;
    }
    return map_at(vm, addr, len, prot, flags, hostfd, off);
}

static int mem_munmap_unlocked(struct vm *vm, guest_addr addr, u64 len)
{
    struct mem *m = &vm->mem;
    if (addr & ~GUEST_PAGE_MASK || !len || len > m->size)
        return -RV_EINVAL;
    len = mem_page_up(len);
    if (addr > m->size - len)
        return -RV_EINVAL;
    mem_unmap_range(vm, addr, addr + len);
    return 0;
}

static int mem_mprotect_unlocked(struct vm *vm, guest_addr addr, u64 len, int prot)
{
    struct mem *m = &vm->mem;
    if (addr & ~GUEST_PAGE_MASK ||
        prot & ~(RV_PROT_READ | RV_PROT_WRITE | RV_PROT_EXEC | RV_PROT_GROWSDOWN |
                 RV_PROT_GROWSUP))
        return -RV_EINVAL;
    prot &= RV_PROT_READ | RV_PROT_WRITE | RV_PROT_EXEC;
    if (!len)
        return 0;
    if (len > m->size || addr > m->size - mem_page_up(len))
        return -RV_ENOMEM;
    guest_addr end = addr + mem_page_up(len);
    if (!vma_range_covered(m, addr, end))
        return -RV_ENOMEM;
    if (mprotect(mem_host(m, addr), end - addr, mem_host_prot(prot)))
        return mem_errno(errno); /* e.g. EACCES: PROT_WRITE on a read-only shared file */
    mem_drop_code(vm, addr, end);
    mem_set_pages(m, addr, end, mem_prot_flags(prot));
    vma_split(m, addr);
    vma_split(m, end);
    for (size_t i = vma_first_above(m, addr); i < m->nvma && m->vmas[i].start < end; i++)
        m->vmas[i].prot = prot;
    vma_merge_range(m, addr, end);
    mem_log("mprotect", addr, end, prot);
    return 0;
}

static int mem_madvise_unlocked(struct vm *vm, guest_addr addr, u64 len, int advice)
{
    struct mem *m = &vm->mem;
    switch (advice) {
    case RV_MADV_NORMAL: case RV_MADV_RANDOM: case RV_MADV_SEQUENTIAL:
    case RV_MADV_WILLNEED: case RV_MADV_DONTNEED: case RV_MADV_FREE:
    case RV_MADV_REMOVE: case RV_MADV_HUGEPAGE: case RV_MADV_NOHUGEPAGE:
    case RV_MADV_DONTDUMP: case RV_MADV_DODUMP: case RV_MADV_COLD:
    case RV_MADV_PAGEOUT: case RV_MADV_POPULATE_READ: case RV_MADV_POPULATE_WRITE:
        break;
    case RV_MADV_DONTFORK: case RV_MADV_DOFORK: case RV_MADV_MERGEABLE:
    case RV_MADV_UNMERGEABLE: case RV_MADV_WIPEONFORK: case RV_MADV_KEEPONFORK:
        advice = -1; /* accepted, not passed on: a host child must keep the
                        whole reservation */
        break;
    default:
        return -RV_EINVAL;
    }
    if (addr & ~GUEST_PAGE_MASK || len > m->size)
        return -RV_EINVAL;
    guest_addr end = addr + mem_page_up(len);
    if (end == addr)
        return 0;
    if (end > m->size)
        return -RV_ENOMEM;
    /* Same host semantics: DONTNEED zeroes private anonymous pages and
     * refetches private file pages from the file, as Linux does. */
    for (size_t i = vma_first_above(m, addr); advice >= 0 && i < m->nvma && m->vmas[i].start < end; i++) {
        guest_addr a = m->vmas[i].start > addr ? m->vmas[i].start : addr;
        guest_addr b = m->vmas[i].end < end ? m->vmas[i].end : end;
        if (madvise(mem_host(m, a), b - a, advice))
            return mem_errno(errno);
    }
    return vma_range_covered(m, addr, end) ? 0 : -RV_ENOMEM;
}

static guest_addr mem_brk_unlocked(struct vm *vm, guest_addr newbrk)
{
    struct mem *m = &vm->mem;
    if (newbrk < m->brk_start || newbrk > m->mmap_base)
        return m->brk_cur;
    guest_addr old_pg = mem_page_up(m->brk_cur), new_pg = mem_page_up(newbrk);
    if (new_pg < old_pg) {
        mem_unmap_range(vm, new_pg, old_pg);
    } else if (new_pg > old_pg) {
        /* Like the kernel: the new area plus one guard page must be free. */
        if (!vma_range_free(m, old_pg, new_pg + GUEST_PAGE_SIZE))
            return m->brk_cur;
        if (map_at(vm, old_pg, new_pg - old_pg, RV_PROT_READ | RV_PROT_WRITE,
                   RV_MAP_PRIVATE | RV_MAP_ANONYMOUS, -1, 0) < 0)
            return m->brk_cur;
        mem_name(m, old_pg, new_pg, "[heap]");
    }
    m->brk_cur = newbrk;
    return newbrk;
}

i64 mem_mmap(struct vm *vm, guest_addr addr, u64 len, int prot, int flags, int hostfd, u64 off)
{
    mem_lock(&vm->mem);
    i64 r = mem_mmap_unlocked(vm, addr, len, prot, flags, hostfd, off);
    mem_unlock(&vm->mem);
    return r;
}

int mem_munmap(struct vm *vm, guest_addr addr, u64 len)
{
    mem_lock(&vm->mem);
    int r = mem_munmap_unlocked(vm, addr, len);
    mem_unlock(&vm->mem);
    return r;
}

int mem_mprotect(struct vm *vm, guest_addr addr, u64 len, int prot)
{
    mem_lock(&vm->mem);
    int r = mem_mprotect_unlocked(vm, addr, len, prot);
    mem_unlock(&vm->mem);
    return r;
}

int mem_madvise(struct vm *vm, guest_addr addr, u64 len, int advice)
{
    mem_lock(&vm->mem);
    int r = mem_madvise_unlocked(vm, addr, len, advice);
    mem_unlock(&vm->mem);
    return r;
}

guest_addr mem_brk(struct vm *vm, guest_addr newbrk)
{
    mem_lock(&vm->mem);
    guest_addr r = mem_brk_unlocked(vm, newbrk);
    mem_unlock(&vm->mem);
    return r;
}
