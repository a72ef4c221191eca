/* Helpers shared by the files of src/mem/ (not for other modules): the
 * page-flag table, host reservation of unmapped ranges, host protection
 * for a guest protection, and invalidation of decoded code. */
#ifndef RVX_MEM_SPACE_H
#define RVX_MEM_SPACE_H

#include "mem/mem.h"

/* Lowest address a guest may map (Linux vm.mmap_min_addr, 64 KiB on
 * common distributions); MAP_FIXED below it is EPERM. */
#define MEM_MIN_ADDR 0x10000ull

static inline guest_addr mem_page_up(guest_addr a)
{
    return (a + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
}

/* pages[] value for a mapped page with guest protection prot. */
u8 mem_prot_flags(int prot);
/* Host protection for guest prot: never executable; W implies R (a
 * riscv PTE cannot be write-only) and X implies R (the engines fetch
 * through the host mapping). */
int mem_host_prot(int prot);
/* Sets pages[] of [start, end) to flags (PAGE_CODE bits dropped). */
void mem_set_pages(struct mem *m, guest_addr start, guest_addr end, u8 flags);
/* Makes [start, end) host PROT_NONE, NORESERVE anonymous: frees memory. */
void mem_host_reserve(struct mem *m, guest_addr start, guest_addr end);
/* Calls interp_invalidate if any page of [start, end) has PAGE_CODE and
 * clears those bits (the blocks built from them are gone). */
void mem_drop_code(struct vm *vm, guest_addr start, guest_addr end);
/* Host errno -> guest errno (negated, ready to return). The values are
 * equal for riscv64 and x86-64 (fact sheet 1.3); this is the one place
 * src/mem/ crosses over. */
int mem_errno(int host_errno);
/* Where a non-fixed mapping of len bytes goes: the hint if free, else
 * top-down below mmap_base, else anywhere; 0 if the space is full. */
guest_addr mem_place(const struct mem *m, guest_addr hint, u64 len);
/* Removes every guest mapping in [start, end); host back to PROT_NONE. */
void mem_unmap_range(struct vm *vm, guest_addr start, guest_addr end);
/* Logs a mapping change on LOG_PAGE. */
void mem_log(const char *what, guest_addr start, guest_addr end, int prot);

#endif
