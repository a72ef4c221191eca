/* The vma list of struct mem: a sorted array of disjoint guest mappings.
 * Internal to src/mem/. Every change goes through these functions so the
 * list stays sorted, disjoint and merged (adjacent vmas that are
 * indistinguishable become one, like Linux's /proc/self/maps). */
#ifndef RVX_MEM_VMA_H
#define RVX_MEM_VMA_H

#include "mem/mem.h"

/* Index of the vma containing a, or -1. */
long vma_find(const struct mem *m, guest_addr a);
/* Index of the first vma whose end is above a (nvma if none). */
size_t vma_first_above(const struct mem *m, guest_addr a);
/* True if no vma intersects [start, end). */
bool vma_range_free(const struct mem *m, guest_addr start, guest_addr end);
/* True if [start, end) is entirely covered by vmas, without holes. */
bool vma_range_covered(const struct mem *m, guest_addr start, guest_addr end);
/* Splits the vma containing a (if a is strictly inside it) at a. */
void vma_split(struct mem *m, guest_addr a);
/* Removes [start, end) from the list, splitting the vmas at the edges. */
void vma_remove(struct mem *m, guest_addr start, guest_addr end);
/* Inserts v (its range must be free); takes a copy of v->name. */
void vma_insert(struct mem *m, const struct vma *v);
/* Merges indistinguishable neighbours among the vmas in or touching
 * [start, end) (the only place a change can create them). */
void vma_merge_range(struct mem *m, guest_addr start, guest_addr end);

#endif
