/* Block-local cache of guest FP registers in XMM2-XMM15. Within one
 * translation the inline FP ops (tr_fp.c) and FP moves (tr_mem.c) read
 * and write cached copies instead of cpu->f, so a chain of dependent FP
 * ops runs register to register.
 *
 * Compile-time state only: which XMM holds which f register and whether
 * it differs from cpu->f (dirty). It is the same on every path through
 * the block because the only internal splits (FP slow paths) put the
 * state back as it was: they write the dirty ones back (tr_fc_store),
 * call C (which clobbers every XMM) and load every cached one again
 * (tr_fc_load).
 * Precision: tr_fc_flush runs before every exit, branch and helper
 * call, so cpu->f is whole there. Guest memory accesses, the hot case,
 * write nothing back: each fault table entry and cold stub records the
 * dirty registers and their XMMs (tr_fc_site, an fmap shared by equal
 * sites), jit_fault_hook copies them from the signal context's XMM
 * registers into cpu->f, and a cold stub writes them back before it
 * exits. The block starts with the cache empty; the tails after the
 * block's end run with it empty too (a cold stub has its fmap).
 *
 * Pins: a loop region may keep its most used f registers in fixed XMM
 * registers (from XMM15 down) for the whole stay, so a loop carries
 * them across its back edge instead of storing and loading them each
 * pass. The prologue loads them; every label starts with them cached
 * and dirty; flush leaves them (dirty); every exit from the body stores
 * them (tr_loop_restore), and fault sites and slow paths see them as
 * any dirty register. Nothing else may use a pin's XMM, and nothing may
 * drop them: a region with a helper call is translated again without
 * pins (pin_broken), so the pinned XMMs are valid everywhere in the
 * body but after a slow path's C call, whose exits (leave sites) find
 * them already stored (pins_dead). */
#include <string.h>

#include "base/check.h"
#include "jit/tr_internal.h"

#define FC_FIRST XMM2
#define FC_N 14

void tr_fc_reset(struct tr *t)
{
    memset(t->fc.xmm_of, -1, sizeof t->fc.xmm_of);
    memset(t->fc.reg_of, -1, sizeof t->fc.reg_of);
    memset(t->fc.dirty, 0, sizeof t->fc.dirty);
}

static void writeback(struct tr *t, unsigned g)
{
    x64_movsd_mx(&t->b, tr_fmem(g), (enum x64_xmm)t->fc.xmm_of[g]);
}

/* How many pins at most: the rest of the 14 serve the other registers
 * (an FMA names four). */
#define PIN_MAX 6

static bool pin_xmm(const struct tr *t, int x)
{
    return t->npin && x > XMM15 - t->npin;
}

/* A free XMM for g, evicting the least recently used entry; a pinned
 * register's own. */
static enum x64_xmm alloc(struct tr *t, unsigned g)
{
    struct tr_fcache *c = &t->fc;
    if (t->npin && t->pin[g] >= 0) {
        c->reg_of[t->pin[g]] = (i8)g;
        c->xmm_of[g] = t->pin[g];
        return (enum x64_xmm)t->pin[g];
    }
    int best = -1;
    for (int k = 0; k < FC_N; k++) {
        int x = FC_FIRST + k;
        if (pin_xmm(t, x))
            continue;
        if (c->reg_of[x] < 0) {
            best = x;
            break;
        }
        if (best < 0 || c->stamp[x] < c->stamp[best])
            best = x;
    }
    int old = c->reg_of[best];
    if (old >= 0) {
        if (c->dirty[old])
            writeback(t, (unsigned)old);
        c->dirty[old] = false;
        c->xmm_of[old] = -1;
    }
    c->reg_of[best] = (i8)g;
    c->xmm_of[g] = (i8)best;
    return (enum x64_xmm)best;
}

enum x64_xmm tr_fc_get(struct tr *t, unsigned g)
{
    struct tr_fcache *c = &t->fc;
    enum x64_xmm x;
    if (c->xmm_of[g] >= 0) {
        x = (enum x64_xmm)c->xmm_of[g];
    } else {
        x = alloc(t, g);
        x64_movsd_xm(&t->b, x, tr_fmem(g));
    }
    c->stamp[x] = ++c->clock;
    return x;
}

enum x64_xmm tr_fc_def(struct tr *t, unsigned g)
{
    struct tr_fcache *c = &t->fc;
    enum x64_xmm x = c->xmm_of[g] >= 0 ? (enum x64_xmm)c->xmm_of[g] : alloc(t, g);
    c->stamp[x] = ++c->clock;
    return x;
}

void tr_fc_dirty(struct tr *t, unsigned g)
{
    t->fc.dirty[g] = true;
}

void tr_fc_store(struct tr *t)
{
    for (unsigned g = 0; g < 32; g++)
        if (t->fc.dirty[g])
            writeback(t, g);
}

void tr_fc_load(struct tr *t)
{
    for (unsigned g = 0; g < 32; g++)
        if (t->fc.xmm_of[g] >= 0)
            x64_movsd_xm(&t->b, (enum x64_xmm)t->fc.xmm_of[g], tr_fmem(g));
}

static bool pinned_now(const struct tr *t, unsigned g)
{
    return t->npin && t->in_body && t->pin[g] >= 0;
}

void tr_fc_flush(struct tr *t)
{
    for (unsigned g = 0; g < 32; g++)
        if (t->fc.dirty[g] && !pinned_now(t, g)) {
            writeback(t, g);
            t->fc.dirty[g] = false;
        }
}

void tr_fc_drop(struct tr *t)
{
    if (t->npin && t->in_body)
        t->pin_broken = true; /* tr_block translates again without pins */
    tr_fc_store(t);
    memset(t->fc.dirty, 0, sizeof t->fc.dirty);
    tr_fc_reset(t);
}

void tr_fc_pick_pins(struct tr *t, const unsigned score[32])
{
    memset(t->pin, -1, sizeof t->pin);
    t->npin = 0;
    while (t->npin < PIN_MAX) {
        int best = -1;
        for (int g = 0; g < 32; g++)
            if (t->pin[g] < 0 && score[g] >= 2 && (best < 0 || score[g] > score[best]))
                best = g;
        if (best < 0)
            break;
        t->pin[best] = (i8)(XMM15 - t->npin++);
    }
}

void tr_fc_label(struct tr *t)
{
    tr_fc_reset(t);
    for (unsigned g = 0; g < 32 && t->npin; g++)
        if (t->pin[g] >= 0) {
            alloc(t, g);
            t->fc.dirty[g] = true;
        }
}

void tr_fc_load_pins(struct tr *t)
{
    for (unsigned g = 0; g < 32 && t->npin; g++)
        if (t->pin[g] >= 0)
            x64_movsd_xm(&t->b, (enum x64_xmm)t->pin[g], tr_fmem(g));
}

void tr_fc_store_pins(struct tr *t)
{
    if (t->pins_dead)
        return;
    for (unsigned g = 0; g < 32 && t->npin; g++)
        if (t->pin[g] >= 0)
            x64_movsd_mx(&t->b, tr_fmem(g), (enum x64_xmm)t->pin[g]);
}

u16 tr_fc_site(struct tr *t)
{
    struct jit_fmap m;
    memset(&m, 0, sizeof m);
    bool any = false;
    for (unsigned g = 0; g < 32; g++)
        if (t->fc.dirty[g]) {
            m.reg[t->fc.xmm_of[g]] = (u8)(g + 1);
            any = true;
        }
    if (!any)
        return 0;
    for (u32 k = 0; k < t->nfmaps; k++)
        if (!memcmp(&t->fmaps[k], &m, sizeof m))
            return (u16)(k + 1);
    CHECK(t->nfmaps < ARRAY_LEN(t->fmaps));
    t->fmaps[t->nfmaps++] = m;
    return (u16)t->nfmaps;
}

void tr_fc_store_map(struct tr *t, u16 fmap)
{
    if (!fmap)
        return;
    const struct jit_fmap *m = &t->fmaps[fmap - 1];
    for (int x = 0; x < 16; x++)
        if (m->reg[x])
            x64_movsd_mx(&t->b, tr_fmem(m->reg[x] - 1u), (enum x64_xmm)x);
}
