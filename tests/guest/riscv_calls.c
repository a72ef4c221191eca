/* The riscv-only syscalls: riscv_flush_icache (flags check) and
 * riscv_hwprobe (RV64GC answers, unknown keys get -1). */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR_riscv_hwprobe 258
#define NR_riscv_flush_icache 259

struct pair { long long key; unsigned long long value; };

int main(void)
{
    static volatile int code_like[16];
    errno = 0;
    long r = syscall(NR_riscv_flush_icache, code_like, code_like + 16, 0);
    printf("flush_icache all %ld\n", r);
    r = syscall(NR_riscv_flush_icache, 0, 0, 1);
    printf("flush_icache local %ld\n", r);
    r = syscall(NR_riscv_flush_icache, 0, 0, 2);
    printf("flush_icache bad flags %ld %s\n", r, errno == EINVAL ? "EINVAL" : "?");

    struct pair p[] = {{3, 7}, {4, 7}, {6, 7}, {9999, 7}, {-5, 7}, {0, 7}};
    r = syscall(NR_riscv_hwprobe, p, 6, 0, NULL, 0);
    printf("hwprobe %ld\n", r);
    for (int i = 0; i < 6; i++)
        printf("key %lld value %#llx\n", p[i].key, p[i].value);
    struct pair q = {5, 0};
    r = syscall(NR_riscv_hwprobe, &q, 1, 0, NULL, 0);
    printf("cpuperf %ld key %lld misaligned %llu\n", r, q.key, q.value & 7);
    errno = 0;
    r = syscall(NR_riscv_hwprobe, (void *)16, 1, 0, NULL, 0);
    printf("hwprobe bad ptr %ld %s\n", r, errno == EFAULT ? "EFAULT" : "?");
    return 0;
}
