/* The riscv-only syscalls (fact sheet 1.7): riscv_hwprobe answers with
 * what rvx emulates (RV64GC), riscv_flush_icache makes the engine drop
 * decoded code. */
#include "abi/rv_riscv.h"
#include "cpu/csr.h"
#include "os/sys_impl.h"

static bool hwprobe_value(struct vm *vm, i64 key, u64 *value)
{
    switch (key) {
    case RV_HWPROBE_KEY_MVENDORID:
    case RV_HWPROBE_KEY_MARCHID:
    case RV_HWPROBE_KEY_MIMPID: *value = 0; return true;
    case RV_HWPROBE_KEY_BASE_BEHAVIOR: *value = RV_HWPROBE_BASE_BEHAVIOR_IMA; return true;
    case RV_HWPROBE_KEY_IMA_EXT_0: *value = RV_HWPROBE_IMA_FD | RV_HWPROBE_IMA_C; return true;
    /* Misaligned scalar accesses are plain host accesses: fast. */
    case RV_HWPROBE_KEY_CPUPERF_0:
    case RV_HWPROBE_KEY_MISALIGNED_SCALAR_PERF: *value = RV_HWPROBE_MISALIGNED_FAST; return true;
    case RV_HWPROBE_KEY_ZICBOZ_BLOCK_SIZE: *value = 0; return true;
    case RV_HWPROBE_KEY_HIGHEST_VIRT_ADDRESS: *value = vm->mem.size - 1; return true;
    case RV_HWPROBE_KEY_TIME_CSR_FREQ: *value = CSR_TIME_HZ; /* what rdtime counts */ return true;
    case RV_HWPROBE_KEY_MISALIGNED_VECTOR_PERF: *value = RV_HWPROBE_MISALIGNED_UNSUPPORTED; return true;
    case RV_HWPROBE_KEY_IMA_EXT_1: *value = 0; return true;
    default: return false;
    }
}

/* riscv_hwprobe(pairs, count, cpusetsize, cpus, flags). Every CPU is the
 * same, so the cpu set only has to be readable. Unknown keys get key -1,
 * value 0, and the call still succeeds. */
i64 sys_riscv_hwprobe(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    if (a[4] != 0)
        return -RV_EINVAL; /* RISCV_HWPROBE_WHICH_CPUS is not offered */
    if (a[2] && !guest_ptr(vm, a[3], a[2], PAGE_R))
        return -RV_EFAULT;
    for (u64 i = 0; i < a[1]; i++) {
        struct rv_hwprobe p;
        guest_addr ga = a[0] + i * sizeof p;
        if (copy_from_guest(vm, &p, ga, sizeof p))
            return -RV_EFAULT;
        if (!hwprobe_value(vm, p.key, &p.value)) {
            p.key = -1;
            p.value = 0;
        }
        if (copy_to_guest(vm, ga, &p, sizeof p))
            return -RV_EFAULT;
    }
    return 0;
}

/* start and end are ignored by Linux too; flags may only be LOCAL. */
i64 sys_riscv_flush_icache(struct cpu *cpu, const u64 *a)
{
    if (a[2] & ~(u64)RV_FLUSH_ICACHE_LOCAL)
        return -RV_EINVAL;
    cpu->exit = EXIT_FLUSH;
    return 0;
}
