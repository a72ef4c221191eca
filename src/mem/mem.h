/* The guest address space: one host reservation at base, so guest
 * address a lives at host base + a (offset translation).
 *
 *   host:  base                         base+size      base+size+GUARD
 *          |<-- guest [0, size) -------->|<-- PROT_NONE -->|
 *
 * Invariants:
 * - every guest mapping is a host mapping MAP_FIXED inside [base, base+size);
 *   unmapped guest pages are host PROT_NONE, so a stray access faults;
 * - the guard after the space catches base + a + width overflowing when a
 *   is just below size; engines check a < size once per access;
 * - pages[] holds the guest's R/W/X per page. R/W are also enforced by the
 *   host protection; X only by the engines (host mappings are never
 *   executable);
 * - the guest never sees a host address. */
#ifndef RVX_MEM_MEM_H
#define RVX_MEM_MEM_H

#include <pthread.h>

#include "base/types.h"

struct vm;

#define GUEST_PAGE_SHIFT 12
#define GUEST_PAGE_SIZE (1ull << GUEST_PAGE_SHIFT)
#define GUEST_PAGE_MASK (~(GUEST_PAGE_SIZE - 1))
#define GUEST_SPACE_DEFAULT (1ull << 38) /* Sv39 user range, TASK_SIZE_64 */
#define GUEST_GUARD (1ull << 20)

/* pages[] bits. PAGE_R/W/X equal PROT_READ/WRITE/EXEC. */
enum { PAGE_R = 1, PAGE_W = 2, PAGE_X = 4, PAGE_MAPPED = 8,
       PAGE_CODE = 16 /* the interpreter/translator decoded code here */ };

/* One guest mapping, for placement and /proc/self/maps. Sorted, disjoint. */
struct vma {
    guest_addr start, end; /* [start, end), page aligned */
    int prot;              /* PROT_* as the guest asked */
    int flags;             /* MAP_SHARED/PRIVATE/ANONYMOUS/... */
    u64 offset;            /* file offset of start */
    u64 dev, ino;          /* of the backing file, 0 if anonymous */
    char *name;            /* path, "[heap]", "[stack]", or NULL */
};

struct mem {
    u8 *base;              /* host address of guest address 0 */
    u64 size;              /* guest addresses are < size */
    u8 *pages;             /* size >> 12 bytes, lazily committed */
    struct vma *vmas;
    size_t nvma, cap;
    guest_addr brk_start, brk_cur; /* brk area: [brk_start, brk_cur) */
    guest_addr mmap_base;  /* top-down placement starts below this */
    guest_addr stack_top;
    /* Guards every change of the map (pages[], vmas, brk, host mappings)
     * against the guest's other threads. Recursive: the mm calls nest. */
    pthread_mutex_t lock;
};

/* Reserves the space. Returns 0 or -errno (host). */
int mem_init(struct mem *m, u64 size);

/* The map lock, for readers of the vma list (/proc/self/maps) and for
 * fork (no other thread may hold it across a host fork). */
void mem_lock(struct mem *m);
void mem_unlock(struct mem *m);
/* In a forked child: a fresh, unlocked lock. */
void mem_fork_child(struct mem *m);

static inline void *mem_host(const struct mem *m, guest_addr a) { return m->base + a; }
static inline u8 mem_page_flags(const struct mem *m, guest_addr a)
{
    return a < m->size ? m->pages[a >> GUEST_PAGE_SHIFT] : 0;
}

/* 0 if every page of [a, a+len) is mapped with all of need (PAGE_*),
 * else -RV_EFAULT. len 0 is always fine. */
int mem_check(const struct mem *m, guest_addr a, u64 len, int need);

/* The guest's memory-management calls, with Linux semantics and
 * return conventions (result or -RV_E*). hostfd is -1 for anonymous. */
i64 mem_mmap(struct vm *vm, guest_addr addr, u64 len, int prot, int flags,
             int hostfd, u64 off);
int mem_munmap(struct vm *vm, guest_addr addr, u64 len);
int mem_mprotect(struct vm *vm, guest_addr addr, u64 len, int prot);
i64 mem_mremap(struct vm *vm, guest_addr old, u64 oldlen, u64 newlen, int flags,
               guest_addr newaddr);
int mem_madvise(struct vm *vm, guest_addr addr, u64 len, int advice);
/* brk(2): returns the new (or unchanged) break, never an error code. */
guest_addr mem_brk(struct vm *vm, guest_addr newbrk);

/* Sets the vma name ("[stack]", "[heap]", a path) covering [start,end). */
void mem_name(struct mem *m, guest_addr start, guest_addr end, const char *name);

#endif
