/* mremap(2) inside the reservation: shrink, grow in place, or move
 * (MREMAP_MAYMOVE, MREMAP_FIXED). The pages move with the host's own
 * mremap so contents and sharing survive; the vacated range is put back
 * to PROT_NONE right away.
 *
 * Known gap: a move, or growing a shared or file mapping in place, leaves
 * a hole in the reservation for a few microseconds (between the host
 * mremap and the re-reservation); a host mapping made by another rvx
 * thread in that window could land there. Callers serialise mem_* calls. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "abi/rv_errno.h"
#include "mem/mman.h"
#include "mem/space.h"
#include "mem/vma.h"
#include "vm/vm.h"

/* Adds the guest view of [start, end) as a continuation of v. */
static void adopt(struct mem *m, const struct vma *v, guest_addr vstart,
                  guest_addr start, guest_addr end)
{
    struct vma n = *v;
    n.start = start;
    n.end = end;
    if (n.ino)
        n.offset = v->offset + (vstart - v->start);
    mem_set_pages(m, start, end, mem_prot_flags(v->prot));
    vma_insert(m, &n);
    vma_merge_range(m, start, end);
}

static bool private_anon(const struct vma *v)
{
    return (v->flags & (RV_MAP_TYPE | RV_MAP_ANONYMOUS)) == (RV_MAP_PRIVATE | RV_MAP_ANONYMOUS);
}

/* Grows [old, old+oldlen) (the end of v) to newlen in place. Private
 * anonymous memory just gets fresh zero pages mapped over the extension
 * (atomic, no hole). Anything else must stay one host object, so the
 * host mremap extends it, which it does only into a hole: the PROT_NONE
 * reservation of the extension is dropped first. */
static int grow_in_place(struct vm *vm, const struct vma *v, guest_addr old,
                         u64 oldlen, u64 newlen)
{
    struct mem *m = &vm->mem;
    guest_addr tail = old + oldlen, end = old + newlen;
    if (private_anon(v)) {
        if (mmap(mem_host(m, tail), end - tail, mem_host_prot(v->prot),
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            return -1;
    } else {
        munmap(mem_host(m, tail), end - tail);
        if (mremap(mem_host(m, old), oldlen, newlen, 0) == MAP_FAILED) {
            mem_host_reserve(m, tail, end);
            return -1;
        }
    }
    adopt(m, v, old + oldlen, tail, end);
    mem_log("mremap grow", old, end, v->prot);
    return 0;
}

/* Moves private anonymous memory by copying, for when the host mremap
 * refuses (the range spans several host mappings). */
static int move_by_copy(struct mem *m, const struct vma *v, guest_addr old, u64 oldlen,
                        guest_addr dest, u64 newlen)
{
    if (!private_anon(v) ||
        mmap(mem_host(m, dest), newlen, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
        return -1;
    mprotect(mem_host(m, old), oldlen, PROT_READ);
    memcpy(mem_host(m, dest), mem_host(m, old), oldlen < newlen ? oldlen : newlen);
    mprotect(mem_host(m, dest), newlen, mem_host_prot(v->prot));
    return 0;
}

/* Moves [old, old+oldlen) of v to [dest, dest+newlen). */
static i64 move(struct vm *vm, const struct vma *v, guest_addr old, u64 oldlen,
                guest_addr dest, u64 newlen)
{
    struct mem *m = &vm->mem;
    void *r = mremap(mem_host(m, old), oldlen, newlen, MREMAP_MAYMOVE | MREMAP_FIXED,
                     mem_host(m, dest));
    if (r == MAP_FAILED) {
        int err = errno;
        if (move_by_copy(m, v, old, oldlen, dest, newlen)) {
            mem_host_reserve(m, dest, dest + newlen);
            return mem_errno(err);
        }
    }
    mem_host_reserve(m, old, old + oldlen);
    mem_drop_code(vm, old, old + oldlen);
    mem_drop_code(vm, dest, dest + newlen);
    mem_set_pages(m, old, old + oldlen, 0);
    vma_remove(m, old, old + oldlen);
    vma_remove(m, dest, dest + newlen);
    adopt(m, v, old, dest, dest + newlen);
    mem_log("mremap move", dest, dest + newlen, v->prot);
    return (i64)dest;
}

static int mremap_check(const struct mem *m, guest_addr old, u64 oldlen, u64 newlen,
                        int flags)
{
    if (flags & ~(RV_MREMAP_MAYMOVE | RV_MREMAP_FIXED | RV_MREMAP_DONTUNMAP))
        return -RV_EINVAL;
    if ((flags & RV_MREMAP_FIXED) && !(flags & RV_MREMAP_MAYMOVE))
        return -RV_EINVAL;
    if (flags & RV_MREMAP_DONTUNMAP)
        return -RV_EINVAL; /* not emulated yet */
    if (old & ~GUEST_PAGE_MASK || !newlen || oldlen > m->size)
        return -RV_EINVAL;
    if (newlen > m->size) /* mremap_to checks it; else no room: ENOMEM */
        return (flags & RV_MREMAP_FIXED) ? -RV_EINVAL : -RV_ENOMEM;
    if (!oldlen)
        return -RV_EINVAL; /* duplicating a shared mapping: not emulated */
    return 0;
}

static i64 mremap_fixed(struct vm *vm, const struct vma *v, guest_addr old, u64 oldlen,
                        u64 newlen, guest_addr dest)
{
    struct mem *m = &vm->mem;
    if (dest & ~GUEST_PAGE_MASK || dest > m->size - newlen)
        return -RV_EINVAL;
    if (dest < old + oldlen && old < dest + newlen)
        return -RV_EINVAL;
    mem_unmap_range(vm, dest, dest + newlen);
    if (oldlen > newlen) {
        mem_unmap_range(vm, old + newlen, old + oldlen);
        oldlen = newlen;
    }
    return move(vm, v, old, oldlen, dest, newlen);
}

static i64 mremap_vma(struct vm *vm, const struct vma *v, guest_addr old, u64 oldlen,
                      u64 newlen, int flags, guest_addr newaddr)
{
    struct mem *m = &vm->mem;
    if (flags & RV_MREMAP_FIXED)
        return mremap_fixed(vm, v, old, oldlen, newlen, newaddr);
    if (newlen <= oldlen) {
        mem_unmap_range(vm, old + newlen, old + oldlen);
        return (i64)old;
    }
    guest_addr tail = old + oldlen;
    if (tail == v->end && newlen - oldlen <= m->size - tail &&
        vma_range_free(m, tail, old + newlen) &&
        grow_in_place(vm, v, old, oldlen, newlen) == 0)
        return (i64)old;
    if (!(flags & RV_MREMAP_MAYMOVE))
        return -RV_ENOMEM;
    guest_addr dest = mem_place(m, 0, newlen);
    if (!dest)
        return -RV_ENOMEM;
    return move(vm, v, old, oldlen, dest, newlen);
}

static i64 mem_mremap_unlocked(struct vm *vm, guest_addr old, u64 oldlen, u64 newlen, int flags,
               guest_addr newaddr)
{
    struct mem *m = &vm->mem;
    int err = mremap_check(m, old, oldlen, newlen, flags);
    if (err)
        return err;
    oldlen = mem_page_up(oldlen);
    newlen = mem_page_up(newlen);
    if (old >= m->size || oldlen > m->size - old)
        return -RV_EFAULT;
    long i = vma_find(m, old);
    if (i < 0 || old + oldlen > m->vmas[i].end)
        return -RV_EFAULT;
    struct vma v = m->vmas[i]; /* a copy: the list changes under us */
    v.name = v.name ? strdup(v.name) : NULL;
    i64 r = mremap_vma(vm, &v, old, oldlen, newlen, flags, newaddr);
    free(v.name);
    return r;
}

i64 mem_mremap(struct vm *vm, guest_addr old, u64 oldlen, u64 newlen, int flags, guest_addr newaddr)
{
    mem_lock(&vm->mem);
    i64 r = mem_mremap_unlocked(vm, old, oldlen, newlen, flags, newaddr);
    mem_unlock(&vm->mem);
    return r;
}
