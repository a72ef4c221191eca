/* Guest memory unit tests: mmap placement (top-down, hints), MAP_FIXED,
 * MAP_FIXED_NOREPLACE, argument errors, munmap splitting vmas, mprotect
 * (pages[] and the host protection read back from /proc/self/maps),
 * file mappings (private and shared), mremap, madvise, brk, the vma
 * names, PAGE_CODE clearing, and copy_* giving -RV_EFAULT on unmapped,
 * unreadable and out-of-space guest addresses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/rv_errno.h"
#include "mem/copy.h"
#include "mem/mman.h"
#include "vm/vm.h"

#define SPACE (1ull << 32)
#define PG GUEST_PAGE_SIZE
#define RW (RV_PROT_READ | RV_PROT_WRITE)
#define ANON (RV_MAP_PRIVATE | RV_MAP_ANONYMOUS)

static struct vm vm;
static struct mem *m = &vm.mem;
static int failures;

#define EXPECT(cond) \
    do { if (!(cond)) { failures++; \
        fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #cond); } } while (0)
#define EXPECT_EQ(a, b) \
    do { i64 a_ = (i64)(a), b_ = (i64)(b); if (a_ != b_) { failures++; \
        fprintf(stderr, "%s:%d: %s = %#llx, expected %#llx\n", __FILE__, __LINE__, #a, \
                (unsigned long long)a_, (unsigned long long)b_); } } while (0)

/* Host permissions ("rw-p") of the host mapping containing guest a. */
static const char *host_perms(guest_addr a)
{
    static char perms[8];
    unsigned long lo, hi, h = (unsigned long)mem_host(m, a);
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    strcpy(perms, "none");
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo <= h && h < hi)
            break;
        else
            strcpy(perms, "none");
    if (f)
        fclose(f);
    return perms;
}

static size_t vmas_in(guest_addr a, guest_addr b)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nvma; i++)
        n += m->vmas[i].start < b && m->vmas[i].end > a;
    return n;
}

static const struct vma *vma_at(guest_addr a)
{
    for (size_t i = 0; i < m->nvma; i++)
        if (m->vmas[i].start <= a && a < m->vmas[i].end)
            return &m->vmas[i];
    return NULL;
}

static void test_placement(void)
{
    i64 a = mem_mmap(&vm, 0, 3 * PG, RW, ANON, -1, 0);
    EXPECT(a > 0 && (u64)a + 3 * PG <= m->mmap_base && !(a & (PG - 1)));
    EXPECT_EQ((u64)a + 3 * PG, m->mmap_base); /* top-down: right below mmap_base */
    EXPECT_EQ(mem_page_flags(m, a), PAGE_MAPPED | PAGE_R | PAGE_W);
    i64 b = mem_mmap(&vm, 0, PG, RW, ANON, -1, 0);
    EXPECT_EQ(b, a - (i64)PG);
    i64 h = mem_mmap(&vm, 0x40000000, PG, RV_PROT_READ, ANON, -1, 0);
    EXPECT_EQ(h, 0x40000000);
    i64 h2 = mem_mmap(&vm, 0x40000000, PG, RV_PROT_READ, ANON, -1, 0);
    EXPECT(h2 > 0 && h2 != 0x40000000);
    i64 h3 = mem_mmap(&vm, 0x50000123, PG, RW, ANON, -1, 0); /* hint rounded down */
    EXPECT_EQ(h3, 0x50000000);
    memset(mem_host(m, a), 0x5a, 3 * PG);
    EXPECT_EQ(((u8 *)mem_host(m, a))[3 * PG - 1], 0x5a);
    EXPECT_EQ(strcmp(host_perms(a), "rw-p"), 0);
    EXPECT_EQ(strcmp(host_perms(h), "r--p"), 0);
    EXPECT_EQ(mem_munmap(&vm, a, 3 * PG), 0);
    EXPECT_EQ(mem_munmap(&vm, b, PG), 0);
    EXPECT_EQ(mem_munmap(&vm, h, PG), 0);
    EXPECT_EQ(mem_munmap(&vm, h2, PG), 0);
    EXPECT_EQ(mem_munmap(&vm, h3, PG), 0);
    EXPECT_EQ(m->nvma, 0);
}

static void test_errors(void)
{
    EXPECT_EQ(mem_mmap(&vm, 0, 0, RW, ANON, -1, 0), -RV_EINVAL);
    EXPECT_EQ(mem_mmap(&vm, 0, PG, RW, RV_MAP_ANONYMOUS, -1, 0), -RV_EINVAL);
    EXPECT_EQ(mem_mmap(&vm, 0x100001, PG, RW, ANON | RV_MAP_FIXED, -1, 0), -RV_EINVAL);
    EXPECT_EQ(mem_mmap(&vm, 0, PG, RW, RV_MAP_PRIVATE, 3, 123), -RV_EINVAL);
    EXPECT_EQ(mem_mmap(&vm, 0, SPACE + PG, RW, ANON, -1, 0), -RV_ENOMEM);
    EXPECT_EQ(mem_mmap(&vm, SPACE - PG, 2 * PG, RW, ANON | RV_MAP_FIXED, -1, 0), -RV_ENOMEM);
    EXPECT_EQ(mem_mmap(&vm, 0x1000, PG, RW, ANON | RV_MAP_FIXED, -1, 0), -RV_EPERM);
    EXPECT_EQ(mem_mmap(&vm, 0, PG, RW, RV_MAP_PRIVATE, -1, 0), -RV_EBADF);
    EXPECT_EQ(mem_munmap(&vm, 0x100001, PG), -RV_EINVAL);
    EXPECT_EQ(mem_munmap(&vm, 0x100000, 0), -RV_EINVAL);
    EXPECT_EQ(mem_munmap(&vm, 0x100000, PG), 0); /* nothing there: fine */
    EXPECT_EQ(mem_mprotect(&vm, 0x100000, PG, RW), -RV_ENOMEM);
    EXPECT_EQ(mem_mprotect(&vm, 0x100001, PG, RW), -RV_EINVAL);
    /* the whole space full: ENOMEM */
    EXPECT_EQ(mem_mmap(&vm, 0, SPACE - 0x10000 + PG, RW, ANON, -1, 0), -RV_ENOMEM);
}

static void test_fixed(void)
{
    guest_addr a = 0x100000;
    EXPECT_EQ(mem_mmap(&vm, a, 4 * PG, RW, ANON | RV_MAP_FIXED, -1, 0), a);
    memset(mem_host(m, a), 7, 4 * PG);
    EXPECT_EQ(mem_mmap(&vm, a + PG, PG, RW, ANON | RV_MAP_FIXED_NOREPLACE, -1, 0), -RV_EEXIST);
    EXPECT_EQ(((u8 *)mem_host(m, a))[PG], 7);
    EXPECT_EQ(mem_mmap(&vm, a + PG, PG, RV_PROT_READ, ANON | RV_MAP_FIXED, -1, 0), a + PG);
    EXPECT_EQ(((u8 *)mem_host(m, a))[PG], 0); /* replaced by fresh zero pages */
    EXPECT_EQ(((u8 *)mem_host(m, a))[0], 7);
    EXPECT_EQ(vmas_in(a, a + 4 * PG), 3);
    EXPECT_EQ(mem_mmap(&vm, a + 4 * PG, PG, RW, ANON | RV_MAP_FIXED_NOREPLACE, -1, 0),
              a + 4 * PG);
    EXPECT_EQ(vmas_in(a, a + 5 * PG), 3); /* merged with its left neighbour */
    EXPECT_EQ(mem_munmap(&vm, a, 5 * PG), 0);
    EXPECT_EQ(vmas_in(a, a + 5 * PG), 0);
    EXPECT_EQ(strcmp(host_perms(a), "---p"), 0);
}

static void test_munmap_mprotect(void)
{
    guest_addr a = 0x200000;
    EXPECT_EQ(mem_mmap(&vm, a, 5 * PG, RW, ANON | RV_MAP_FIXED, -1, 0), a);
    EXPECT_EQ(mem_munmap(&vm, a + 2 * PG, PG), 0);
    EXPECT_EQ(vmas_in(a, a + 5 * PG), 2);
    EXPECT_EQ(mem_page_flags(m, a + 2 * PG), 0);
    EXPECT_EQ(strcmp(host_perms(a + 2 * PG), "---p"), 0);
    EXPECT_EQ(mem_mprotect(&vm, a, 5 * PG, RV_PROT_READ), -RV_ENOMEM); /* hole */
    EXPECT_EQ(mem_mprotect(&vm, a + PG, 1, RV_PROT_READ), 0); /* len rounds up */
    EXPECT_EQ(vmas_in(a, a + 2 * PG), 2);
    EXPECT_EQ(mem_page_flags(m, a + PG), PAGE_MAPPED | PAGE_R);
    EXPECT_EQ(strcmp(host_perms(a + PG), "r--p"), 0);
    EXPECT_EQ(strcmp(host_perms(a), "rw-p"), 0);
    EXPECT_EQ(mem_mprotect(&vm, a + 3 * PG, PG, RV_PROT_READ | RV_PROT_EXEC), 0);
    EXPECT_EQ(mem_page_flags(m, a + 3 * PG), PAGE_MAPPED | PAGE_R | PAGE_X);
    EXPECT_EQ(strcmp(host_perms(a + 3 * PG), "r--p"), 0); /* never host-executable */
    EXPECT_EQ(mem_mprotect(&vm, a + 3 * PG, PG, 0), 0);
    EXPECT_EQ(mem_page_flags(m, a + 3 * PG), PAGE_MAPPED);
    EXPECT_EQ(strcmp(host_perms(a + 3 * PG), "---p"), 0);
    EXPECT_EQ(mem_mprotect(&vm, a, 2 * PG, RW), 0);
    EXPECT_EQ(vmas_in(a, a + 2 * PG), 1); /* merged back */
    /* PAGE_CODE is dropped (and the interpreter told) when code changes */
    m->pages[(a + 4 * PG) >> GUEST_PAGE_SHIFT] |= PAGE_CODE;
    EXPECT_EQ(mem_mprotect(&vm, a + 4 * PG, PG, RV_PROT_READ), 0);
    EXPECT_EQ(mem_page_flags(m, a + 4 * PG) & PAGE_CODE, 0);
    m->pages[a >> GUEST_PAGE_SHIFT] |= PAGE_CODE;
    EXPECT_EQ(mem_munmap(&vm, a, 5 * PG), 0);
    EXPECT_EQ(mem_page_flags(m, a), 0);
    EXPECT_EQ(vmas_in(a, a + 5 * PG), 0);
}

static void test_file(void)
{
    char path[] = "/tmp/rvx_test_mem_XXXXXX";
    int fd = mkstemp(path);
    EXPECT(fd >= 0);
    char buf[2 * 4096];
    memset(buf, 'x', sizeof buf);
    buf[4096] = 'y';
    EXPECT_EQ(write(fd, buf, sizeof buf), sizeof buf);
    i64 a = mem_mmap(&vm, 0, PG, RV_PROT_READ, RV_MAP_PRIVATE, fd, PG);
    EXPECT(a > 0);
    EXPECT_EQ(((char *)mem_host(m, a))[0], 'y');
    const struct vma *v = vma_at(a);
    EXPECT(v && v->ino != 0 && v->offset == PG && v->name && !strcmp(v->name, path));
    i64 s = mem_mmap(&vm, 0, 2 * PG, RW, RV_MAP_SHARED, fd, 0);
    EXPECT(s > 0);
    ((char *)mem_host(m, s))[1] = 'z';
    char c = 0;
    EXPECT_EQ(pread(fd, &c, 1, 1), 1);
    EXPECT_EQ(c, 'z'); /* MAP_SHARED reaches the file */
    EXPECT_EQ(mem_mmap(&vm, 0, PG, RV_PROT_READ, RV_MAP_PRIVATE, fd, 100), -RV_EINVAL);
    EXPECT_EQ(mem_munmap(&vm, a, PG), 0);
    EXPECT_EQ(mem_munmap(&vm, s, 2 * PG), 0);
    close(fd);
    unlink(path);
}

static void test_mremap(void)
{
    guest_addr a = 0x300000;
    EXPECT_EQ(mem_mmap(&vm, a, 2 * PG, RW, ANON | RV_MAP_FIXED, -1, 0), a);
    memset(mem_host(m, a), 3, 2 * PG);
    EXPECT_EQ(mem_mremap(&vm, a, 2 * PG, 4 * PG, 0, 0), a); /* grows in place */
    EXPECT_EQ(mem_page_flags(m, a + 3 * PG), PAGE_MAPPED | PAGE_R | PAGE_W);
    EXPECT_EQ(((u8 *)mem_host(m, a))[2 * PG - 1], 3);
    EXPECT_EQ(((u8 *)mem_host(m, a))[3 * PG], 0);
    EXPECT_EQ(vmas_in(a, a + 4 * PG), 1);
    EXPECT_EQ(mem_mmap(&vm, a + 4 * PG, PG, RW, ANON | RV_MAP_FIXED, -1, 0), a + 4 * PG);
    EXPECT_EQ(mem_mremap(&vm, a, 4 * PG, 8 * PG, 0, 0), -RV_ENOMEM); /* blocked */
    i64 b = mem_mremap(&vm, a, 4 * PG, 8 * PG, RV_MREMAP_MAYMOVE, 0);
    EXPECT(b > 0 && (guest_addr)b != a);
    EXPECT_EQ(((u8 *)mem_host(m, b))[0], 3);
    EXPECT_EQ(((u8 *)mem_host(m, b))[7 * PG], 0);
    EXPECT_EQ(mem_page_flags(m, a), 0);
    EXPECT_EQ(strcmp(host_perms(a), "---p"), 0);
    EXPECT_EQ(mem_mremap(&vm, b, 8 * PG, PG, 0, 0), b); /* shrink */
    EXPECT_EQ(mem_page_flags(m, b + PG), 0);
    EXPECT_EQ(mem_mremap(&vm, b, PG, PG, RV_MREMAP_MAYMOVE | RV_MREMAP_FIXED, a), a);
    EXPECT_EQ(((u8 *)mem_host(m, a))[0], 3);
    EXPECT_EQ(mem_page_flags(m, b), 0);
    EXPECT_EQ(mem_mremap(&vm, b, PG, PG, 0, 0), -RV_EFAULT);
    EXPECT_EQ(mem_mremap(&vm, a, PG, PG, RV_MREMAP_FIXED, b), -RV_EINVAL);
    EXPECT_EQ(mem_mremap(&vm, a, PG, 0, 0, 0), -RV_EINVAL);
    EXPECT_EQ(mem_munmap(&vm, a, 5 * PG), 0);
    EXPECT_EQ(m->nvma, 0);
    /* One guest vma made of two host mappings (NORESERVE differs, so the
     * host keeps them apart): the move falls back to copying. */
    EXPECT_EQ(mem_mmap(&vm, a, PG, RW, ANON | RV_MAP_FIXED, -1, 0), a);
    EXPECT_EQ(mem_mmap(&vm, a + PG, PG, RW, ANON | RV_MAP_FIXED | RV_MAP_NORESERVE, -1, 0),
              a + PG);
    EXPECT_EQ(mem_mmap(&vm, a + 2 * PG, PG, RW, ANON | RV_MAP_FIXED, -1, 0), a + 2 * PG);
    EXPECT_EQ(vmas_in(a, a + 3 * PG), 1);
    memset(mem_host(m, a), 4, 2 * PG);
    b = mem_mremap(&vm, a, 2 * PG, 4 * PG, RV_MREMAP_MAYMOVE, 0);
    EXPECT(b > 0 && (guest_addr)b != a);
    EXPECT_EQ(((u8 *)mem_host(m, b))[2 * PG - 1], 4);
    EXPECT_EQ(((u8 *)mem_host(m, b))[2 * PG], 0);
    EXPECT_EQ(mem_page_flags(m, a), 0);
    EXPECT_EQ(mem_page_flags(m, a + 2 * PG), PAGE_MAPPED | PAGE_R | PAGE_W);
    EXPECT_EQ(mem_munmap(&vm, b, 4 * PG), 0);
    EXPECT_EQ(mem_munmap(&vm, a, 3 * PG), 0);
    EXPECT_EQ(m->nvma, 0);
}

static void test_madvise_brk(void)
{
    guest_addr a = 0x400000;
    EXPECT_EQ(mem_mmap(&vm, a, 2 * PG, RW, ANON | RV_MAP_FIXED, -1, 0), a);
    memset(mem_host(m, a), 9, 2 * PG);
    EXPECT_EQ(mem_madvise(&vm, a, PG, RV_MADV_DONTNEED), 0);
    EXPECT_EQ(((u8 *)mem_host(m, a))[0], 0);
    EXPECT_EQ(((u8 *)mem_host(m, a))[PG], 9);
    EXPECT_EQ(mem_madvise(&vm, a, 3 * PG, RV_MADV_DONTNEED), -RV_ENOMEM);
    EXPECT_EQ(mem_madvise(&vm, a, PG, 999), -RV_EINVAL);
    EXPECT_EQ(mem_munmap(&vm, a, 2 * PG), 0);

    m->brk_start = m->brk_cur = 0x500000;
    EXPECT_EQ(mem_brk(&vm, 0), 0x500000);
    EXPECT_EQ(mem_brk(&vm, 0x500000 + 10000), 0x500000 + 10000);
    EXPECT_EQ(mem_page_flags(m, 0x502000), PAGE_MAPPED | PAGE_R | PAGE_W);
    EXPECT_EQ(mem_page_flags(m, 0x503000), 0);
    const struct vma *v = vma_at(0x500000);
    EXPECT(v && v->name && !strcmp(v->name, "[heap]") && v->end == 0x503000);
    EXPECT_EQ(mem_brk(&vm, 0x500000 + 20000), 0x500000 + 20000);
    EXPECT_EQ(vmas_in(0x500000, 0x600000), 1);
    EXPECT_EQ(mem_brk(&vm, 0x4ff000), 0x500000 + 20000); /* below the start */
    EXPECT_EQ(mem_mmap(&vm, 0x508000, PG, RW, ANON | RV_MAP_FIXED, -1, 0), 0x508000);
    EXPECT_EQ(mem_brk(&vm, 0x509000), 0x500000 + 20000); /* collides */
    EXPECT_EQ(mem_brk(&vm, 0x500010), 0x500010);
    EXPECT_EQ(mem_page_flags(m, 0x501000), 0);
    EXPECT_EQ(mem_brk(&vm, 0x500000), 0x500000);
    EXPECT_EQ(mem_page_flags(m, 0x500000), 0);
    EXPECT_EQ(mem_munmap(&vm, 0x508000, PG), 0);
}

static void test_copy(void)
{
    guest_addr a = 0x600000;
    char buf[64] = "hello";
    EXPECT_EQ(mem_mmap(&vm, a, PG, RW, ANON | RV_MAP_FIXED, -1, 0), a);
    EXPECT_EQ(mem_mmap(&vm, a + PG, PG, RV_PROT_READ, ANON | RV_MAP_FIXED, -1, 0), a + PG);
    EXPECT_EQ(mem_mmap(&vm, a + 2 * PG, PG, 0, ANON | RV_MAP_FIXED, -1, 0), a + 2 * PG);
    EXPECT_EQ(copy_to_guest(&vm, a + PG - 3, buf, 6), -RV_EFAULT); /* into read-only */
    EXPECT_EQ(copy_to_guest(&vm, a + PG - 6, buf, 6), 0);
    EXPECT_EQ(copy_from_guest(&vm, buf, a + PG - 6, 16), 0);
    EXPECT_EQ(copy_from_guest(&vm, buf, a + 2 * PG - 8, 16), -RV_EFAULT); /* PROT_NONE */
    EXPECT_EQ(copy_from_guest(&vm, buf, a + 3 * PG, 1), -RV_EFAULT);      /* unmapped */
    EXPECT_EQ(copy_from_guest(&vm, buf, SPACE - 4, 8), -RV_EFAULT);       /* end of space */
    EXPECT_EQ(copy_from_guest(&vm, buf, SPACE, 1), -RV_EFAULT);
    EXPECT_EQ(copy_from_guest(&vm, buf, ~0ull - 2, 8), -RV_EFAULT);       /* wraps */
    EXPECT_EQ(copy_from_guest(&vm, buf, 0, 0), 0);
    EXPECT_EQ(copy_str_from_guest(&vm, buf, a + PG - 6, sizeof buf), 5);
    EXPECT_EQ(strcmp(buf, "hello"), 0);
    EXPECT_EQ(copy_str_from_guest(&vm, buf, a + PG - 6, 5), -RV_ENAMETOOLONG);
    EXPECT_EQ(copy_str_from_guest(&vm, buf, a + PG - 6, 6), 5);
    EXPECT_EQ(mem_mprotect(&vm, a + PG, PG, RW), 0);
    memset(mem_host(m, a + PG), 'a', PG); /* no NUL before the PROT_NONE page */
    EXPECT_EQ(copy_str_from_guest(&vm, buf, a + 2 * PG - 4, sizeof buf), -RV_EFAULT);
    EXPECT(guest_ptr(&vm, a, PG, PAGE_W) == mem_host(m, a));
    EXPECT(guest_ptr(&vm, a + PG, PG + 1, PAGE_R) == NULL);
    EXPECT(guest_ptr(&vm, a + 2 * PG, 1, 0) != NULL); /* mapped, PROT_NONE */
    EXPECT(guest_ptr(&vm, a + PG, PG, PAGE_R) != NULL);
    EXPECT(guest_ptr(&vm, SPACE + 100, 0, PAGE_R) != NULL);
    EXPECT_EQ(mem_munmap(&vm, a, 3 * PG), 0);
}

int main(void)
{
    if (mem_init(m, SPACE)) {
        fprintf(stderr, "mem_init failed\n");
        return 1;
    }
    EXPECT_EQ(mem_init(&(struct mem){0}, 12345), -22);
    test_placement();
    test_errors();
    test_fixed();
    test_munmap_mprotect();
    test_file();
    test_mremap();
    test_madvise_brk();
    test_copy();
    EXPECT_EQ(m->nvma, 0);
    printf("test_mem: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}
