/* The guest address space: the host reservation, the page-flag table and
 * the checks every rvx access to guest memory goes through.
 *
 * mem_init reserves size + GUEST_GUARD bytes PROT_NONE (MAP_NORESERVE,
 * wherever the host likes), and pages[] as a NORESERVE array that the
 * kernel commits page by page as it is touched. Called by main.c before
 * the loader; mmap.c and the loader keep pages[], the vma list and the
 * host mappings in step. */
#include "mem/mem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "abi/rv_errno.h"
#include "base/check.h"
#include "base/log.h"
#include "cpu/interp.h"
#include "mem/space.h"
#include "mem/vma.h"
#include "vm/vm.h"

/* The top-down mmap area ends this far below the stack top, like the
 * kernel's MIN_GAP (128 MiB) for an 8 MiB stack rlimit. */
#define MEM_STACK_GAP (128ull << 20)

int mem_init(struct mem *m, u64 size)
{
    memset(m, 0, sizeof *m);
    if (size < (16ull << 20) || size & ~GUEST_PAGE_MASK)
        return -EINVAL;
    void *base = mmap(NULL, size + GUEST_GUARD, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return -errno;
    void *pages = mmap(NULL, size >> GUEST_PAGE_SHIFT, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (pages == MAP_FAILED) {
        int err = errno;
        munmap(base, size + GUEST_GUARD);
        return -err;
    }
    mem_fork_child(m);
    m->base = base;
    m->size = size;
    m->pages = pages;
    m->stack_top = size;
    u64 gap = size >= 4 * MEM_STACK_GAP ? MEM_STACK_GAP : size / 4;
    m->mmap_base = (size - gap) & GUEST_PAGE_MASK;
    return 0;
}

void mem_lock(struct mem *m) { pthread_mutex_lock(&m->lock); }
void mem_unlock(struct mem *m) { pthread_mutex_unlock(&m->lock); }

void mem_fork_child(struct mem *m)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m->lock, &a);
    pthread_mutexattr_destroy(&a);
}

int mem_check(const struct mem *m, guest_addr a, u64 len, int need)
{
    if (len == 0)
        return 0;
    if (a >= m->size || len > m->size - a)
        return -RV_EFAULT;
    u8 want = (u8)(need | PAGE_MAPPED);
    u64 first = a >> GUEST_PAGE_SHIFT, last = (a + len - 1) >> GUEST_PAGE_SHIFT;
    for (u64 p = first; p <= last; p++)
        if ((m->pages[p] & want) != want)
            return -RV_EFAULT;
    return 0;
}

void mem_name(struct mem *m, guest_addr start, guest_addr end, const char *name)
{
    mem_lock(m);
    vma_split(m, start);
    vma_split(m, end);
    for (size_t i = vma_first_above(m, start); i < m->nvma && m->vmas[i].start < end; i++) {
        free(m->vmas[i].name);
        m->vmas[i].name = name ? strdup(name) : NULL;
        CHECK(!name || m->vmas[i].name);
    }
    vma_merge_range(m, start, end);
    mem_unlock(m);
}

u8 mem_prot_flags(int prot)
{
    u8 f = PAGE_MAPPED | (prot & (PAGE_R | PAGE_W | PAGE_X));
    if (f & PAGE_W)
        f |= PAGE_R;
    return f;
}

int mem_host_prot(int prot)
{
    int p = prot & (PROT_READ | PROT_WRITE);
    if (prot & (PROT_WRITE | PROT_EXEC))
        p |= PROT_READ;
    return p;
}

void mem_set_pages(struct mem *m, guest_addr start, guest_addr end, u8 flags)
{
    memset(m->pages + (start >> GUEST_PAGE_SHIFT), flags & ~PAGE_CODE,
           (end - start) >> GUEST_PAGE_SHIFT);
}

void mem_host_reserve(struct mem *m, guest_addr start, guest_addr end)
{
    if (start >= end)
        return;
    void *p = mmap(mem_host(m, start), end - start, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    /* Failing here would leave a hole in the reservation: not survivable. */
    CHECK(p != MAP_FAILED);
}

void mem_drop_code(struct vm *vm, guest_addr start, guest_addr end)
{
    struct mem *m = &vm->mem;
    u64 first = start >> GUEST_PAGE_SHIFT, last = end >> GUEST_PAGE_SHIFT;
    bool code = false;
    for (u64 p = first; p < last; p++) {
        if (m->pages[p] & PAGE_CODE) {
            m->pages[p] &= ~PAGE_CODE;
            code = true;
        }
    }
    if (code)
        interp_invalidate(vm, start, end);
}

int mem_errno(int host_errno) { return -host_errno; }

void mem_log(const char *what, guest_addr start, guest_addr end, int prot)
{
    if (log_on(LOG_PAGE))
        log_printf("page: %s %#llx-%#llx %c%c%c\n", what, (unsigned long long)start,
                   (unsigned long long)end, prot & PAGE_R ? 'r' : '-',
                   prot & PAGE_W ? 'w' : '-', prot & PAGE_X ? 'x' : '-');
}
