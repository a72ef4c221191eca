/* Self-modifying code: the translation never outlives the guest code it
 * came from. Writes a function into an RWX page, runs it hot (so it is
 * translated), rewrites it and makes the change visible with fence.i,
 * with the riscv_flush_icache syscall, by munmap + mmap of the page, and
 * by mprotect; each time the new code must run. Also patches an
 * immediate inside a hot loop. Exits 0 when every check passes, else
 * the number of the failing check. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

typedef long (*fn_t)(long);

static uint32_t addi(int rd, int rs1, int imm)
{
    return 0x13u | (uint32_t)rd << 7 | (uint32_t)rs1 << 15 | ((uint32_t)imm & 0xfff) << 20;
}
#define RET 0x00008067u /* jalr x0, 0(ra) */

/* f(x) = x + k, as: addi a0, a0, k; ret */
static void write_fn(uint32_t *p, int k)
{
    p[0] = addi(10, 10, k);
    p[1] = RET;
}

static long run_hot(fn_t f)
{
    long s = 0;
    for (int i = 0; i < 2000; i++)
        s = f(s) - s;
    return s;
}

static void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

int main(void)
{
    uint32_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 100;
    fn_t f = (fn_t)(uintptr_t)p;
    for (int k = 1; k <= 5; k++) { /* fence.i */
        write_fn(p, k);
        fence_i();
        if (run_hot(f) != k)
            return k;
    }
    write_fn(p, 42); /* riscv_flush_icache(start, end, 0) */
    syscall(259, p, p + 2, 0);
    if (run_hot(f) != 42)
        return 10;
    /* munmap and map again at the same place: no fence.i needed for
     * fresh memory in rvx (the old translation is gone with the page) */
    munmap(p, 4096);
    uint32_t *q = mmap(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (q != p)
        return 101;
    write_fn(p, 77);
    fence_i();
    if (run_hot(f) != 77)
        return 11;
    /* mprotect away X and back after rewriting */
    mprotect(p, 4096, PROT_READ | PROT_WRITE);
    write_fn(p, 99);
    mprotect(p, 4096, PROT_READ | PROT_EXEC);
    fence_i();
    if (run_hot(f) != 99)
        return 12;
    /* A hot loop whose increment is patched between runs:
     *   loop: addi a0, a0, K; addi a1, a1, -1; bnez a1, loop; ret */
    mprotect(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    for (int k = 1; k <= 3; k++) {
        p[0] = addi(11, 0, 1000);                   /* li a1, 1000 */
        p[1] = addi(10, 10, k);                     /* addi a0, a0, k */
        p[2] = addi(11, 11, -1);                    /* addi a1, a1, -1 */
        p[3] = 0x00059063u | ((uint32_t)-8 & 0x1e) << 7 | 0xfe000000u | 1u << 7; /* bnez a1, -8 */
        p[4] = RET;
        fence_i();
        long r = 0;
        for (int i = 0; i < 100; i++)
            r = f(0);
        if (r != 1000L * k)
            return 20 + k;
    }
    puts("smc ok");
    return 0;
}
