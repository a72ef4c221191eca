/* A guest reaching outside its address space: loads and stores far above
 * it, at negative addresses and straddling its end must be SIGSEGV with
 * si_addr the guest address (never a host access); syscalls given such
 * pointers get EFAULT; munmap/mprotect/mremap/mmap beyond the end get
 * the errors Linux gives beyond TASK_SIZE (2^38 for Sv39); the guest's
 * /proc/self/maps shows nothing past the end. Prints one line per case. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define END (1ull << 38)

static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, 1);
}

/* try_access: 1 load8, 2 store8, 3 load1, 4 store1, 5 amoadd.d, 6 lr.d */
static void access_at(uintptr_t a, int kind)
{
    volatile uint64_t *p = (volatile uint64_t *)a;
    uint64_t v = 1;
    switch (kind) {
    case 1: v = *p; break;
    case 2: *p = v; break;
    case 3: v = *(volatile uint8_t *)a; break;
    case 4: *(volatile uint8_t *)a = 1; break;
    case 5: __asm__ volatile("amoadd.d %0, %1, (%2)" : "=r"(v) : "r"(v), "r"(a) : "memory"); break;
    case 6: __asm__ volatile("lr.d %0, (%1)" : "=r"(v) : "r"(a) : "memory"); break;
    }
    (void)v;
}

static const char *kinds[] = {"", "load8", "store8", "load1", "store1", "amoadd", "lr"};

/* Expects SIGSEGV with si_addr in [lo, hi]. */
static void expect_segv(const char *what, uintptr_t a, int kind, uintptr_t lo, uintptr_t hi)
{
    fault_addr = 0;
    if (sigsetjmp(jb, 1) == 0) {
        access_at(a, kind);
        printf("FAIL %s %s: no fault\n", what, kinds[kind]);
        return;
    }
    if (fault_addr < lo || fault_addr > hi)
        printf("FAIL %s %s: si_addr %#lx, expected %#lx..%#lx\n", what, kinds[kind],
               (unsigned long)fault_addr, (unsigned long)lo, (unsigned long)hi);
    else
        printf("ok %s %s code=%d\n", what, kinds[kind], fault_code);
}

static void expect_err(const char *what, long r, int err)
{
    if (r == -1 && errno == err)
        printf("ok %s %s\n", what, strerror(err));
    else
        printf("FAIL %s: got %ld errno %d, expected %s\n", what, r, r == -1 ? errno : 0,
               strerror(err));
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    static const uintptr_t far[] = {END, END + 4096, 1ull << 39, 1ull << 40, 1ull << 46,
                                    1ull << 47, 1ull << 63, (uintptr_t)-4096, (uintptr_t)-8,
                                    0x7fffffffffffff00ull};
    for (unsigned i = 0; i < sizeof far / sizeof far[0]; i++)
        for (int k = 1; k <= 6; k++) {
            char what[40];
            snprintf(what, sizeof what, "%#lx", (unsigned long)far[i]);
            expect_segv(what, far[i], k, far[i], far[i]);
        }

    /* The last page of the space, mapped: an access inside works, one
     * straddling the end faults at an address in the access (the first
     * byte past the end, or the access's start). */
    /* rvx puts the stack there; elsewhere map it. */
    char *last = mmap((void *)(END - 4096), 4096, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    int own = last != MAP_FAILED;
    if (!own && errno == EEXIST)
        last = (char *)(END - 4096);
    if (last == MAP_FAILED) {
        printf("FAIL map last page: %s\n", strerror(errno));
    } else {
        uint64_t saved = *(volatile uint64_t *)(END - 8);
        *(volatile uint64_t *)(END - 8) = 0x1122334455667788ull;
        printf("ok last word %#lx\n", (unsigned long)*(volatile uint64_t *)(END - 8));
        for (int off = 1; off < 8; off++)
            for (int k = 1; k <= 2; k++) {
                char what[40];
                snprintf(what, sizeof what, "straddle-%d", off);
                expect_segv(what, END - off, k, END - off, END);
            }
        printf("ok last word after %#lx\n", (unsigned long)*(volatile uint64_t *)(END - 8));
        *(volatile uint64_t *)(END - 8) = saved;
        if (own) {
            munmap(last, 4096);
            /* Unmapped last page: the access start is the fault address. */
            expect_segv("unmapped-end", END - 4, 1, END - 4, END);
        }
    }

    /* Syscalls with such pointers: EFAULT, no host access. */
    int pfd[2];
    pipe(pfd);
    expect_err("write far", write(pfd[1], (void *)END, 8), EFAULT);
    expect_err("write neg", write(pfd[1], (void *)-4096, 8), EFAULT);
    write(pfd[1], "abcdefgh", 8);
    expect_err("read far", read(pfd[0], (void *)(1ull << 40), 8), EFAULT);
    expect_err("read straddle", read(pfd[0], (void *)(END - 4), 8), EFAULT);
    expect_err("clock_gettime far", syscall(SYS_clock_gettime, CLOCK_REALTIME, (void *)(1ull << 45)), EFAULT);

    /* Mapping calls beyond the end (Linux: TASK_SIZE checks). */
    expect_err("munmap end", munmap((void *)END, 4096), EINVAL);
    expect_err("munmap far", munmap((void *)(1ull << 40), 4096), EINVAL);
    expect_err("munmap neg", munmap((void *)-4096ul, 4096), EINVAL);
    expect_err("munmap straddle", munmap((void *)(END - 4096), 8192), EINVAL);
    expect_err("mprotect end", mprotect((void *)END, 4096, PROT_READ), ENOMEM);
    expect_err("mprotect far", mprotect((void *)(1ull << 40), 4096, PROT_READ | PROT_WRITE), ENOMEM);
    expect_err("mprotect neg", mprotect((void *)-4096ul, 4096, PROT_READ), ENOMEM);
    expect_err("mremap far old", (long)mremap((void *)(1ull << 40), 4096, 8192, MREMAP_MAYMOVE),
               EFAULT);
    void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    expect_err("mremap to far", (long)mremap(m, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED,
                                             (void *)(1ull << 40)), EINVAL);
    expect_err("mremap grow past end",
               (long)mremap(m, 4096, 1ull << 39, MREMAP_MAYMOVE), ENOMEM);
    expect_err("mmap fixed end", (long)mmap((void *)END, 4096, PROT_READ,
                                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM);
    expect_err("mmap fixed straddle", (long)mmap((void *)(END - 4096), 8192, PROT_READ,
                                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
               ENOMEM);
    expect_err("mmap fixed far", (long)mmap((void *)(1ull << 46), 4096, PROT_READ | PROT_WRITE,
                                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM);
    expect_err("mmap huge", (long)mmap(NULL, 1ull << 39, PROT_READ,
                                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
    /* A hint past the end is only a hint: the mapping lands inside. */
    void *h = mmap((void *)(1ull << 40), 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("%s hint past end -> %s\n", h != MAP_FAILED && (uintptr_t)h < END ? "ok" : "FAIL",
           h == MAP_FAILED ? strerror(errno) : "inside");

    /* Nothing past the end in the guest's view of its maps. */
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int bad = 0, n = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        n++;
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && hi > END) {
            printf("FAIL maps: %s", line);
            bad = 1;
        }
    }
    if (!bad)
        printf("%s maps inside the space (%d lines)\n", n ? "ok" : "FAIL", n);
    printf("done\n");
    return 0;
}
