/* Host -> guest structure conversions: x86-64 struct stat (144 bytes,
 * nlink before mode, 8-byte blksize) into the riscv64 asm-generic one
 * (128 bytes); statx into stat for callers that only have a statx. */
#include "os/convert.h"

#include <string.h>
#include <sys/sysmacros.h>

void convert_stat(struct rv_stat *out, const struct stat *in)
{
    memset(out, 0, sizeof *out);
    out->st_dev = in->st_dev;
    out->st_ino = in->st_ino;
    out->st_mode = in->st_mode;
    out->st_nlink = (u32)in->st_nlink; /* the kernel fails with EOVERFLOW above 2^32; never seen */
    out->st_uid = in->st_uid;
    out->st_gid = in->st_gid;
    out->st_rdev = in->st_rdev;
    out->st_size = in->st_size;
    out->st_blksize = (i32)in->st_blksize;
    out->st_blocks = in->st_blocks;
    out->st_atime_sec = in->st_atim.tv_sec;
    out->st_atime_nsec = (u64)in->st_atim.tv_nsec;
    out->st_mtime_sec = in->st_mtim.tv_sec;
    out->st_mtime_nsec = (u64)in->st_mtim.tv_nsec;
    out->st_ctime_sec = in->st_ctim.tv_sec;
    out->st_ctime_nsec = (u64)in->st_ctim.tv_nsec;
}

void convert_statx_to_stat(struct rv_stat *out, const struct statx *in)
{
    memset(out, 0, sizeof *out);
    out->st_dev = makedev(in->stx_dev_major, in->stx_dev_minor);
    out->st_ino = in->stx_ino;
    out->st_mode = in->stx_mode;
    out->st_nlink = in->stx_nlink;
    out->st_uid = in->stx_uid;
    out->st_gid = in->stx_gid;
    out->st_rdev = makedev(in->stx_rdev_major, in->stx_rdev_minor);
    out->st_size = (i64)in->stx_size;
    out->st_blksize = (i32)in->stx_blksize;
    out->st_blocks = (i64)in->stx_blocks;
    out->st_atime_sec = in->stx_atime.tv_sec;
    out->st_atime_nsec = in->stx_atime.tv_nsec;
    out->st_mtime_sec = in->stx_mtime.tv_sec;
    out->st_mtime_nsec = in->stx_mtime.tv_nsec;
    out->st_ctime_sec = in->stx_ctime.tv_sec;
    out->st_ctime_nsec = in->stx_ctime.tv_nsec;
}
