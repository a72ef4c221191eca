/* The sorted vma array of struct mem: find, split, remove, insert, merge.
 * Invariants: sorted by start, disjoint, page aligned, never empty ranges;
 * each name is owned (malloc'ed) by its vma. Callers in src/mem/ keep
 * pages[] and the host mappings in step with it. */
#include "mem/vma.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"

static char *name_dup(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    CHECK(d);
    return d;
}

long vma_find(const struct mem *m, guest_addr a)
{
    size_t lo = 0, hi = m->nvma;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->vmas[mid].end <= a)
            lo = mid + 1;
        else if (m->vmas[mid].start > a)
            hi = mid;
        else
            return (long)mid;
    }
    return -1;
}

size_t vma_first_above(const struct mem *m, guest_addr a)
{
    size_t lo = 0, hi = m->nvma;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->vmas[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool vma_range_free(const struct mem *m, guest_addr start, guest_addr end)
{
    size_t i = vma_first_above(m, start);
    return i == m->nvma || m->vmas[i].start >= end;
}

bool vma_range_covered(const struct mem *m, guest_addr start, guest_addr end)
{
    for (size_t i = vma_first_above(m, start); start < end; i++) {
        if (i == m->nvma || m->vmas[i].start > start)
            return false;
        start = m->vmas[i].end;
    }
    return true;
}

static void vma_open_slot(struct mem *m, size_t i)
{
    if (m->nvma == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->vmas = realloc(m->vmas, m->cap * sizeof *m->vmas);
        CHECK(m->vmas);
    }
    if (i < m->nvma)
        memmove(&m->vmas[i + 1], &m->vmas[i], (m->nvma - i) * sizeof *m->vmas);
    m->nvma++;
}

static void vma_close_slots(struct mem *m, size_t i, size_t n)
{
    for (size_t k = i; k < i + n; k++)
        free(m->vmas[k].name);
    if (n && i + n < m->nvma)
        memmove(&m->vmas[i], &m->vmas[i + n], (m->nvma - i - n) * sizeof *m->vmas);
    m->nvma -= n;
}

void vma_split(struct mem *m, guest_addr a)
{
    long i = vma_find(m, a);
    if (i < 0 || m->vmas[i].start == a)
        return;
    vma_open_slot(m, (size_t)i + 1);
    struct vma *lo = &m->vmas[i], *hi = &m->vmas[i + 1];
    *hi = *lo;
    hi->name = name_dup(lo->name);
    hi->start = a;
    if (hi->ino)
        hi->offset += a - lo->start;
    lo->end = a;
}

void vma_remove(struct mem *m, guest_addr start, guest_addr end)
{
    vma_split(m, start);
    vma_split(m, end);
    size_t i = vma_first_above(m, start), n = 0;
    while (i + n < m->nvma && m->vmas[i + n].end <= end)
        n++;
    vma_close_slots(m, i, n);
}

void vma_insert(struct mem *m, const struct vma *v)
{
    DCHECK(vma_range_free(m, v->start, v->end));
    size_t i = vma_first_above(m, v->start);
    vma_open_slot(m, i);
    m->vmas[i] = *v;
    m->vmas[i].name = name_dup(v->name);
}

static bool vma_mergeable(const struct vma *a, const struct vma *b)
{
    if (a->end != b->start || a->prot != b->prot || a->flags != b->flags ||
        a->dev != b->dev || a->ino != b->ino)
        return false;
    if ((a->name == NULL) != (b->name == NULL) || (a->name && strcmp(a->name, b->name)))
        return false;
    return !a->ino || a->offset + (a->end - a->start) == b->offset;
}

void vma_merge_range(struct mem *m, guest_addr start, guest_addr end)
{
    size_t i = vma_first_above(m, start);
    if (i > 0)
        i--;
    while (i + 1 < m->nvma && m->vmas[i].start <= end) {
        if (vma_mergeable(&m->vmas[i], &m->vmas[i + 1])) {
            m->vmas[i].end = m->vmas[i + 1].end;
            vma_close_slots(m, i + 1, 1);
        } else {
            i++;
        }
    }
}
