/* Maps the PT_LOAD segments of a validated ELF into guest memory, as
 * Linux's load_elf_binary does: file-backed private mappings for the file
 * part, the rest of the last file page zeroed (padzero), anonymous pages
 * for the remaining bss, then the segment's own permissions. A later
 * segment sharing a page with an earlier one replaces that page, as with
 * the kernel's MAP_FIXED. Called by loader_load. */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "loader/elf.h"
#include "mem/copy.h"
#include "mem/mman.h"

#define ELF_MIN_ADDR 0x10000ull /* vm.mmap_min_addr, as in src/mem */

static guest_addr page_down(guest_addr a) { return a & GUEST_PAGE_MASK; }
static guest_addr page_up(guest_addr a) { return (a + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK; }

static int seg_prot(u32 pflags)
{
    return (pflags & PF_R ? RV_PROT_READ : 0) | (pflags & PF_W ? RV_PROT_WRITE : 0) |
           (pflags & PF_X ? RV_PROT_EXEC : 0);
}

static void map_or_die(struct vm *vm, const struct elf_image *img, guest_addr a, u64 len,
                       int flags, u64 off)
{
    i64 r = mem_mmap(vm, a, len, RV_PROT_READ | RV_PROT_WRITE, flags | RV_MAP_FIXED,
                     flags & RV_MAP_ANONYMOUS ? -1 : img->fd, off);
    if (r < 0)
        fatal(RVX_EXIT_INTERNAL, img->path, "cannot map segment at %#llx: %s",
              (unsigned long long)a, strerror((int)-r));
}

/* Zeroes [a, b) of guest memory (rvx-side write, page made writable). */
static void zero_range(struct vm *vm, guest_addr a, guest_addr b)
{
    if (a >= b)
        return;
    mem_mprotect(vm, page_down(a), page_up(b) - page_down(a), RV_PROT_READ | RV_PROT_WRITE);
    void *p = guest_ptr(vm, a, b - a, PAGE_W);
    if (p)
        memset(p, 0, b - a);
}

static void map_segment(struct vm *vm, const struct elf_image *img, const Elf64_Phdr *ph,
                        u64 bias)
{
    guest_addr va = ph->p_vaddr + bias, fend = va + ph->p_filesz, mend = va + ph->p_memsz;
    guest_addr start = page_down(va), anon = start;
    if (ph->p_filesz) {
        map_or_die(vm, img, start, page_up(fend) - start, RV_MAP_PRIVATE,
                   page_down(ph->p_offset));
        anon = page_up(fend);
        if (ph->p_memsz > ph->p_filesz)
            zero_range(vm, fend, page_up(fend)); /* padzero: the rest of the page */
    } else if (mem_page_flags(&vm->mem, start) & PAGE_MAPPED) {
        /* The first page belongs to the previous segment: keep it. */
        anon = page_up(va);
        zero_range(vm, va, mend < anon ? mend : anon);
    }
    if (page_up(mend) > anon)
        map_or_die(vm, img, anon, page_up(mend) - anon, RV_MAP_PRIVATE | RV_MAP_ANONYMOUS, 0);
    mem_mprotect(vm, start, page_up(mend) - start, seg_prot(ph->p_flags));
}

/* Guest address of the program headers: PT_PHDR, else the PT_LOAD that
 * holds e_phoff (what newer kernels do), else 0. */
static guest_addr find_phdr(const struct elf_image *img, u64 bias)
{
    u64 off = img->eh.e_phoff, len = (u64)img->eh.e_phnum * sizeof(Elf64_Phdr);
    for (int i = 0; i < img->eh.e_phnum; i++)
        if (img->ph[i].p_type == PT_PHDR)
            return img->ph[i].p_vaddr + bias;
    for (int i = 0; i < img->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &img->ph[i];
        if (ph->p_type == PT_LOAD && ph->p_offset <= off &&
            off + len <= ph->p_offset + ph->p_filesz)
            return ph->p_vaddr + (off - ph->p_offset) + bias;
    }
    return 0;
}

/* The code and data bounds load_elf_binary records for /proc. */
static void note_mm(struct load_info *info, const Elf64_Phdr *ph, u64 bias)
{
    guest_addr start = ph->p_vaddr + bias, end = start + ph->p_filesz;
    if ((ph->p_flags & PF_X) && start < info->start_code)
        info->start_code = start;
    if ((ph->p_flags & PF_X) && end > info->end_code)
        info->end_code = end;
    if (start > info->start_data)
        info->start_data = start;
    if (end > info->end_data)
        info->end_data = end;
}

bool elf_check_place(const struct vm *vm, const struct elf_image *img, u64 bias,
                     struct elf_error *err)
{
    const struct mem *m = &vm->mem;
    err->code = RVX_EXIT_NOEXEC;
    if (img->lo + bias < ELF_MIN_ADDR || img->hi + bias > m->mmap_base ||
        img->hi + bias < img->lo + bias) {
        snprintf(err->msg, sizeof err->msg,
                 "segments outside the guest address space (%#llx-%#llx)",
                 (unsigned long long)(img->lo + bias), (unsigned long long)(img->hi + bias));
        return false;
    }
    if (img->eh.e_entry + bias >= m->size) {
        snprintf(err->msg, sizeof err->msg, "entry point %#llx outside the guest address space",
                 (unsigned long long)(img->eh.e_entry + bias));
        return false;
    }
    return true;
}

void elf_map(struct vm *vm, const struct elf_image *img, u64 bias, struct load_info *info)
{
    struct elf_error err;
    if (!elf_check_place(vm, img, bias, &err))
        fatal(err.code, img->path, "%s", err.msg);
    info->start_code = UINT64_MAX;
    for (int i = 0; i < img->eh.e_phnum; i++)
        if (img->ph[i].p_type == PT_LOAD && img->ph[i].p_memsz) {
            map_segment(vm, img, &img->ph[i], bias);
            note_mm(info, &img->ph[i], bias);
        }
    info->entry = img->eh.e_entry + bias;
    info->phdr = find_phdr(img, bias);
    info->phent = sizeof(Elf64_Phdr);
    info->phnum = img->eh.e_phnum;
    info->end = img->hi + bias;
    for (int i = 0; i < img->eh.e_phnum; i++)
        if (img->ph[i].p_type == PT_GNU_STACK)
            info->exec_stack = img->ph[i].p_flags & PF_X;
}
