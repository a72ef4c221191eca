/* Checked copies between guest memory and rvx. Syscall code uses only
 * these (and guest_ptr) to reach guest memory; a bad guest pointer gives
 * -RV_EFAULT, never a fault in rvx. */
#ifndef RVX_MEM_COPY_H
#define RVX_MEM_COPY_H

#include "base/types.h"

struct vm;

int copy_from_guest(struct vm *vm, void *dst, guest_addr src, size_t n);
int copy_to_guest(struct vm *vm, guest_addr dst, const void *src, size_t n);

/* Copies a NUL-terminated guest string into dst (capacity max, NUL
 * included). Returns its length, -RV_EFAULT, or -RV_ENAMETOOLONG. */
long copy_str_from_guest(struct vm *vm, char *dst, guest_addr src, size_t max);

/* Host pointer for [a, a+len) if every page has the need bits (PAGE_R,
 * PAGE_W), else NULL: for passing guest buffers straight to the host
 * kernel. len 0 gives a valid pointer. */
void *guest_ptr(struct vm *vm, guest_addr a, u64 len, int need);

#endif
