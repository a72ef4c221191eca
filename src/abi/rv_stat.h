/* The guest's struct stat (fstat 80, newfstatat 79) and statx.
 * linux: include/uapi/asm-generic/stat.h (riscv64 uses it unchanged);
 * statx: include/uapi/linux/stat.h, the same layout on every arch, so
 * statx buffers pass straight through. x86-64's struct stat differs
 * (st_nlink is 8 bytes and comes before st_mode; st_blksize is 8 bytes),
 * so stat results are converted in os/convert.c. */
#ifndef RVX_ABI_RV_STAT_H
#define RVX_ABI_RV_STAT_H

#include <stddef.h>

#include "base/types.h"

struct rv_stat {
    u64 st_dev;
    u64 st_ino;
    u32 st_mode;
    u32 st_nlink;
    u32 st_uid;
    u32 st_gid;
    u64 st_rdev;
    u64 pad1;
    i64 st_size;
    i32 st_blksize;
    i32 pad2;
    i64 st_blocks;
    i64 st_atime_sec;
    u64 st_atime_nsec;
    i64 st_mtime_sec;
    u64 st_mtime_nsec;
    i64 st_ctime_sec;
    u64 st_ctime_nsec;
    u32 unused4;
    u32 unused5;
};

_Static_assert(sizeof(struct rv_stat) == 128, "rv_stat size");
_Static_assert(offsetof(struct rv_stat, st_mode) == 16, "st_mode");
_Static_assert(offsetof(struct rv_stat, st_nlink) == 20, "st_nlink");
_Static_assert(offsetof(struct rv_stat, st_rdev) == 32, "st_rdev");
_Static_assert(offsetof(struct rv_stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct rv_stat, st_blksize) == 56, "st_blksize");
_Static_assert(offsetof(struct rv_stat, st_blocks) == 64, "st_blocks");
_Static_assert(offsetof(struct rv_stat, st_atime_sec) == 72, "st_atime");
_Static_assert(offsetof(struct rv_stat, st_ctime_nsec) == 112, "st_ctime_nsec");

#define RV_STATX_SIZE 256 /* struct statx, linux/stat.h */

#endif
