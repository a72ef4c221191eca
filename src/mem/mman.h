/* Guest mmap/mprotect/mremap/madvise constants: linux
 * include/uapi/asm-generic/mman-common.h and mman.h (riscv64 uses the
 * generic values; fact sheet 1.3). The x86-64-only MAP_32BIT does not
 * exist for the guest and rvx never passes it to the host. */
#ifndef RVX_MEM_MMAN_H
#define RVX_MEM_MMAN_H

#define RV_PROT_READ 0x1
#define RV_PROT_WRITE 0x2
#define RV_PROT_EXEC 0x4
#define RV_PROT_GROWSDOWN 0x01000000
#define RV_PROT_GROWSUP 0x02000000

#define RV_MAP_SHARED 0x01
#define RV_MAP_PRIVATE 0x02
#define RV_MAP_SHARED_VALIDATE 0x03
#define RV_MAP_TYPE 0x0f
#define RV_MAP_FIXED 0x10
#define RV_MAP_ANONYMOUS 0x20
#define RV_MAP_GROWSDOWN 0x0100
#define RV_MAP_DENYWRITE 0x0800
#define RV_MAP_EXECUTABLE 0x1000
#define RV_MAP_LOCKED 0x2000
#define RV_MAP_NORESERVE 0x4000
#define RV_MAP_POPULATE 0x8000
#define RV_MAP_NONBLOCK 0x10000
#define RV_MAP_STACK 0x20000
#define RV_MAP_HUGETLB 0x40000
#define RV_MAP_SYNC 0x80000
#define RV_MAP_FIXED_NOREPLACE 0x100000
#define RV_MAP_UNINITIALIZED 0x4000000

#define RV_MREMAP_MAYMOVE 1
#define RV_MREMAP_FIXED 2
#define RV_MREMAP_DONTUNMAP 4

#define RV_MADV_NORMAL 0
#define RV_MADV_RANDOM 1
#define RV_MADV_SEQUENTIAL 2
#define RV_MADV_WILLNEED 3
#define RV_MADV_DONTNEED 4
#define RV_MADV_FREE 8
#define RV_MADV_REMOVE 9
#define RV_MADV_DONTFORK 10
#define RV_MADV_DOFORK 11
#define RV_MADV_MERGEABLE 12
#define RV_MADV_UNMERGEABLE 13
#define RV_MADV_HUGEPAGE 14
#define RV_MADV_NOHUGEPAGE 15
#define RV_MADV_DONTDUMP 16
#define RV_MADV_DODUMP 17
#define RV_MADV_WIPEONFORK 18
#define RV_MADV_KEEPONFORK 19
#define RV_MADV_COLD 20
#define RV_MADV_PAGEOUT 21
#define RV_MADV_POPULATE_READ 22
#define RV_MADV_POPULATE_WRITE 23

#endif
