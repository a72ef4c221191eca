/* Checked copies between guest memory and rvx. Each access is checked
 * against pages[] (mem_check) before the host touches the memory, so a
 * bad guest pointer gives -RV_EFAULT and never a host fault.
 * Called by the syscall handlers and the loader. */
#include "mem/copy.h"

#include <string.h>

#include "abi/rv_errno.h"
#include "vm/vm.h"

int copy_from_guest(struct vm *vm, void *dst, guest_addr src, size_t n)
{
    if (mem_check(&vm->mem, src, n, PAGE_R))
        return -RV_EFAULT;
    memcpy(dst, mem_host(&vm->mem, src), n);
    return 0;
}

int copy_to_guest(struct vm *vm, guest_addr dst, const void *src, size_t n)
{
    if (mem_check(&vm->mem, dst, n, PAGE_W))
        return -RV_EFAULT;
    memcpy(mem_host(&vm->mem, dst), src, n);
    return 0;
}

long copy_str_from_guest(struct vm *vm, char *dst, guest_addr src, size_t max)
{
    size_t done = 0;
    while (done < max) {
        guest_addr a = src + done;
        size_t chunk = GUEST_PAGE_SIZE - (a & (GUEST_PAGE_SIZE - 1));
        if (chunk > max - done)
            chunk = max - done;
        if (a < src || mem_check(&vm->mem, a, chunk, PAGE_R))
            return -RV_EFAULT;
        const char *p = mem_host(&vm->mem, a);
        const char *nul = memchr(p, 0, chunk);
        size_t n = nul ? (size_t)(nul - p) : chunk;
        memcpy(dst + done, p, n);
        done += n;
        if (nul) {
            dst[done] = 0;
            return (long)done;
        }
    }
    return -RV_ENAMETOOLONG;
}

void *guest_ptr(struct vm *vm, guest_addr a, u64 len, int need)
{
    struct mem *m = &vm->mem;
    if (len == 0)
        return mem_host(m, a < m->size ? a : 0);
    if (mem_check(m, a, len, need))
        return NULL;
    return mem_host(m, a);
}
