/* The riscv-only syscalls: riscv_hwprobe and riscv_flush_icache.
 * linux: arch/riscv/include/uapi/asm/hwprobe.h, arch/riscv/include/asm/
 * cacheflush.h; fact sheet section 1.7. */
#ifndef RVX_ABI_RV_RISCV_H
#define RVX_ABI_RV_RISCV_H

#include "base/types.h"

struct rv_hwprobe {
    i64 key;
    u64 value;
};
_Static_assert(sizeof(struct rv_hwprobe) == 16, "riscv_hwprobe size");

#define RV_HWPROBE_KEY_MVENDORID 0
#define RV_HWPROBE_KEY_MARCHID 1
#define RV_HWPROBE_KEY_MIMPID 2
#define RV_HWPROBE_KEY_BASE_BEHAVIOR 3
#define RV_HWPROBE_BASE_BEHAVIOR_IMA 1
#define RV_HWPROBE_KEY_IMA_EXT_0 4
#define RV_HWPROBE_IMA_FD (1ull << 0)
#define RV_HWPROBE_IMA_C (1ull << 1)
#define RV_HWPROBE_KEY_CPUPERF_0 5
#define RV_HWPROBE_KEY_ZICBOZ_BLOCK_SIZE 6
#define RV_HWPROBE_KEY_HIGHEST_VIRT_ADDRESS 7
#define RV_HWPROBE_KEY_TIME_CSR_FREQ 8
#define RV_HWPROBE_KEY_MISALIGNED_SCALAR_PERF 9
#define RV_HWPROBE_KEY_MISALIGNED_VECTOR_PERF 10
#define RV_HWPROBE_KEY_IMA_EXT_1 16
#define RV_HWPROBE_MISALIGNED_FAST 3
#define RV_HWPROBE_MISALIGNED_UNSUPPORTED 4

#define RV_FLUSH_ICACHE_LOCAL 1 /* SYS_RISCV_FLUSH_ICACHE_LOCAL */

#endif
