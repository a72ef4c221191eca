/* Regions: a hot block and the blocks of the loop it heads become one
 * translation. The loop runs inside it, and guest registers it uses
 * often live in host registers for the whole loop.
 *
 *   entry:  interrupt and frm checks (convention: tr_map)
 *           prologue: for each borrowed slot, store its mapped guest
 *           register to cpu->x, load the slot's new guest register
 *   head:   block 0 under t->map ... block 1 ... block n-1
 *   edges:  to a later block: jmp; to the head or an earlier block: a
 *           jmp or jcc to its pre-check `cmp [cpu.interrupt], 0; jne
 *           int`, emitted just before its label (every cycle has one
 *           such edge, so a signal is seen within one iteration);
 *           out of the region: restore the convention (store each
 *           borrowed slot's guest, reload the mapped one), chainable exit
 *
 * The slots go to the registers the region uses most (allocate); a
 * mapped guest register left out lives in cpu->x for the whole stay,
 * like any unmapped one; helpers spill and reload under t->map, and
 * jit_fault_hook reads each slot's guest from tb->slot_guest, so the state at a fault
 * or in a helper is what it is without regions. Each block adds its own
 * instruction count to instret when it leaves (branch, jal, end), so
 * inside block r instret is the count at r's entry, as the fault table
 * and the cold paths expect. The entry checks run before the prologue,
 * so their exits need no restore.
 *
 * The blocks are the interpreter's (block_lookup: only code that has
 * run); a successor joins when it is on a path back to the head within
 * the limits and ran at least a sixteenth as often as the head. */
#include <string.h>

#include "base/check.h"
#include "cpu/block.h"
#include "jit/cache.h"
#include "jit/jit.h"
#include "jit/tr_internal.h"

/* x registers an op reads (rs1, rs2) and writes (rd), from the operand
 * strings of insn.def (d/s/t; the f registers are upper case). */
static const char *const operands[OP_COUNT] = {
#define INSN(name, mn, match, mask, fmt, ext, args) [OP_##name] = args,
#include "cpu/insn.def"
#undef INSN
};

/* Adds i's register operands, weighted w, to xs[] (x registers) and
 * fs[] (f registers; upper case in insn.def). A register read and
 * written counts twice: two memory accesses when it is not in a host
 * register. */
static void count_regs(const struct binsn *i, unsigned w, unsigned xs[32], unsigned fs[32])
{
    const char *o = i->op < OP_COUNT ? operands[i->op] : NULL;
    for (; o && *o; o++) {
        switch (*o) {
        case 'd': xs[i->rd] += w; break;
        case 's': xs[i->rs1] += w; break;
        case 't': xs[i->rs2] += w; break;
        case 'D': fs[i->rd] += w; break;
        case 'S': fs[i->rs1] += w; break;
        case 'T': fs[i->rs2] += w; break;
        case 'R': fs[i->rs3] += w; break;
        default: break;
        }
    }
}

static bool is_csr(enum rv_op op) { return op >= OP_CSRRW && op <= OP_CSRRCI; }

static bool is_branch(enum rv_op op)
{
    return op == OP_BEQ || op == OP_BNE || op == OP_BLT || op == OP_BGE || op == OP_BLTU ||
           op == OP_BGEU;
}

/* The guest pcs a block may continue at inside a region (a conditional
 * branch, a jal without link, a block cut without a transfer); 0 if its
 * end leaves (calls, jalr, ecall ...). */
static int successors(const struct block *b, guest_addr out[2])
{
    if (!b->n)
        return 0;
    const struct binsn *last = &b->ins[b->n - 1];
    if (is_branch(last->op)) {
        out[0] = last->pc + binsn_len(last);
        out[1] = last->pc + (u64)(i64)last->imm;
        return 2;
    }
    if (last->op == OP_JAL) {
        if (last->rd)
            return 0;
        out[0] = last->pc + (u64)(i64)last->imm;
        return 1;
    }
    if (last->xop == XOP_NOP || last->op == OP_ECALL || last->op == OP_EBREAK ||
        last->op == OP_FENCE_I || last->op == OP_JALR || last->op == OP_ILLEGAL)
        return 0;
    out[0] = b->end; /* cut by size or page end: the next instruction */
    return 1;
}

/* A CSR instruction other than an inline fflags access (it may change
 * frm, which the entry checks once, or read a counter through a helper). */
static bool has_csr(const struct block *b)
{
    for (u32 k = 0; k < b->n; k++)
        if (is_csr(b->ins[k].op) && !tr_csr_in_region(&b->ins[k]))
            return true;
    return false;
}

static int index_of(const struct tr *t, guest_addr pc)
{
    for (u32 r = 0; r < t->nregion; r++)
        if (t->region[r]->pc == pc)
            return (int)r;
    return -1;
}

/* Candidates: blocks reachable from the head within the limits; then
 * only those on a path back to the head stay (a fixed point). */
static void find_blocks(struct tr *t, struct vm *vm, const struct block *head)
{
    const struct block *cand[TR_REGION_MAX];
    u32 n = 1, insns = head->n;
    cand[0] = head;
    u64 floor = head->count / 16;
    for (u32 k = 0; k < n; k++) {
        guest_addr next[2];
        int ns = successors(cand[k], next);
        for (int j = 0; j < ns; j++) {
            bool known = false;
            for (u32 m = 0; m < n; m++)
                known |= cand[m]->pc == next[j];
            if (known || n == TR_REGION_MAX)
                continue;
            const struct block *b = block_lookup(vm, next[j]);
            if (!b || b->count < floor || !b->n || insns + b->n > BLOCK_MAX || has_csr(b))
                continue;
            cand[n++] = b;
            insns += b->n;
        }
    }
    bool in[TR_REGION_MAX] = { false };
    for (bool grew = true; grew;) {
        grew = false;
        for (u32 k = 0; k < n; k++) {
            guest_addr next[2];
            int ns = successors(cand[k], next);
            for (int j = 0; j < ns && !in[k]; j++)
                for (u32 m = 0; m < n; m++)
                    if (cand[m]->pc == next[j] && (m == 0 || in[m]))
                        in[k] = grew = true;
        }
    }
    t->nregion = 0;
    if (!in[0]) /* no way back to the head */
        return;
    for (u32 k = 0; k < n; k++)
        if (k == 0 || in[k])
            t->region[t->nregion++] = cand[k];
    t->loop = true;
}

/* Worth a slot: used at least this often per pass (each use saves a
 * memory access; a borrowed slot costs four per entry to the region). */
#define MIN_USES 2
unsigned jit_region_min_iterations = 4;

/* Borrowing costs four memory accesses per slot each time the region is
 * entered; a loop that runs only a few times per entry loses by it. The
 * interpreter's counts tell: the blocks the region exits to ran about
 * once per entry (their counts stop when they are translated, as the
 * head's does now, so the ratio holds; a block also reached from
 * elsewhere only makes it err on the side of not borrowing). */
static bool iterates(const struct tr *t, struct vm *vm)
{
    u64 out = 0;
    for (u32 r = 0; r < t->nregion; r++) {
        guest_addr next[2];
        int ns = successors(t->region[r], next);
        for (int j = 0; j < ns; j++) {
            const struct block *b = index_of(t, next[j]) < 0 ? block_lookup(vm, next[j]) : NULL;
            out += b ? b->count : 0;
        }
    }
    return out * jit_region_min_iterations <= t->region[0]->count;
}

/* A block's uses count by how often it runs in a pass: relative to the
 * head by the interpreter's counts (1 to 8: the head's own weight is 8,
 * as is that of a block that runs as often). A block's count stops when
 * it is translated, and an inner loop is hot and translated first: a
 * translated block on a cycle that avoids the head (a back edge to a
 * later block than the head) weighs 64, run many times per pass. */
#define INNER_WEIGHT 64

static void weigh_blocks(const struct tr *t, unsigned w[TR_REGION_MAX])
{
    u64 head = t->region[0]->count ? t->region[0]->count : 1;
    for (u32 r = 0; r < t->nregion; r++) {
        u64 rel = t->region[r]->count * 8 / head;
        w[r] = rel < 1 ? 1 : rel > 8 ? 8 : (unsigned)rel;
    }
    for (u32 r = 0; r < t->nregion; r++) {
        guest_addr next[2];
        int ns = successors(t->region[r], next);
        for (int j = 0; j < ns; j++) {
            int i = index_of(t, next[j]);
            for (int m = i; i > 0 && m <= (int)r; m++)
                if (cc_lookup(t->cc, t->region[m]->pc))
                    w[m] = INNER_WEIGHT;
        }
    }
}

/* An inner loop runs many times per entry to the region, whatever the
 * counts say (they stop where code is translated: a head reached again
 * from an enclosing region's exits may show as few runs as its exits). */
static bool has_inner_loop(const struct tr *t, const unsigned *w)
{
    for (u32 r = 0; r < t->nregion; r++)
        if (w[r] == INNER_WEIGHT)
            return true;
    return false;
}

/* The nine guest register slots go to the guest registers with the most
 * weighted uses in the region; a mapped guest register left out lives
 * in cpu->x inside the region, its slot lent to another. A mapped
 * register keeps its slot on a tie. instret keeps its slot. */
static void allocate(struct tr *t, const unsigned score[32])
{
    int slot_of[32];
    for (unsigned g = 0; g < 32; g++)
        slot_of[g] = -1;
    for (int k = 0; k < TR_NMAPPED; k++)
        if (k != TR_INSTRET_SLOT)
            slot_of[tr_mapped_guest[k]] = k;
    /* Pick the top TR_NMAPPED - 1 by score (2 * score + mapped breaks ties). */
    bool chosen[32] = { false };
    for (int n = 0; n < TR_NMAPPED - 1; n++) {
        int best = -1;
        unsigned best_key = 0;
        for (unsigned g = 1; g < 32; g++) {
            unsigned key = 2 * score[g] + (slot_of[g] >= 0);
            if (!chosen[g] && score[g] >= MIN_USES && key > best_key)
                best = (int)g, best_key = key;
        }
        if (best < 0)
            break;
        chosen[best] = true;
    }
    /* Slots whose own register was left out, least used first, go to the
     * chosen ones without a slot, most used first. */
    for (;;) {
        int need = -1, free_k = -1;
        for (unsigned g = 1; g < 32; g++)
            if (chosen[g] && slot_of[g] < 0 && (need < 0 || score[g] > score[need]))
                need = (int)g;
        if (need < 0)
            break;
        for (int k = 0; k < TR_NMAPPED; k++) {
            unsigned own = tr_mapped_guest[k];
            if (k != TR_INSTRET_SLOT && t->slot_guest[k] == own && !chosen[own] &&
                (free_k < 0 || score[own] < score[tr_mapped_guest[free_k]]))
                free_k = k;
        }
        CHECK(free_k >= 0);
        t->map[tr_mapped_guest[free_k]] = -1;
        slot_of[need] = free_k;
        t->remapped = true;
        t->map[need] = (signed char)tr_mapped_host[free_k];
        t->slot_guest[free_k] = (u8)need;
    }
}

/* Returns the number of direct exits the translation may make. */
size_t tr_region_plan(struct tr *t, struct vm *vm, const struct block *head)
{
    memcpy(t->map, tr_map, sizeof t->map);
    memcpy(t->slot_guest, tr_mapped_guest, sizeof t->slot_guest);
    t->remapped = t->loop = false;
    memset(t->pin, -1, sizeof t->pin);
    t->npin = 0;
    t->region[0] = head;
    t->nregion = 1;
    if (t->chain && vm && !has_csr(head))
        find_blocks(t, vm, head);
    if (!t->loop) {
        t->region[0] = head;
        t->nregion = 1;
        return 2;
    }
    unsigned w[TR_REGION_MAX];
    weigh_blocks(t, w);
    if (has_inner_loop(t, w) || iterates(t, vm)) {
        unsigned xs[32] = { 0 }, fs[32] = { 0 };
        for (u32 r = 0; r < t->nregion; r++)
            for (u32 k = 0; k < t->region[r]->n; k++)
                count_regs(&t->region[r]->ins[k], w[r], xs, fs);
        xs[0] = 0;
        allocate(t, xs);
        if (!t->no_pins)
            tr_fc_pick_pins(t, fs);
    }
    return 2 * t->nregion;
}

/* Where a lent slot's guest register lives outside the body (the
 * instret slot is never lent). */
static struct x64_mem slot_home(const struct tr *t, int k)
{
    return tr_xmem(t->slot_guest[k]);
}

void tr_loop_enter(struct tr *t)
{
    struct x64_buf *b = &t->b;
    t->in_body = true;
    for (int k = 0; k < TR_NMAPPED; k++) {
        if (t->slot_guest[k] == tr_mapped_guest[k])
            continue;
        x64_mov_mr(b, W64, tr_slot_home(k), tr_mapped_host[k]);
        x64_mov_rm(b, W64, tr_mapped_host[k], slot_home(t, k));
    }
    tr_fc_load_pins(t);
}

/* Block r is the target of an edge from itself or a later block. */
static bool back_target(const struct tr *t, u32 r)
{
    for (u32 q = r; q < t->nregion; q++)
        for (int k = 0; k < 2; k++)
            if (t->region[q]->target[k] == t->region[r]->pc)
                return true;
    return false;
}

void tr_region_label(struct tr *t, u32 r)
{
    t->cur = r;
    t->pre[r] = NULL;
    if (t->loop && back_target(t, r)) { /* back edges jump here */
        CHECK(t->nint < ARRAY_LEN(t->int_sites));
        t->pre[r] = x64_here(&t->b);
        x64_cmp_mi(&t->b, W32, tr_cpu(CPU_OFF(interrupt)), 0);
        t->int_sites[t->nint].pc = t->region[r]->pc;
        t->int_sites[t->nint++].site = x64_jcc32(&t->b, CC_NE, NULL);
    }
    t->label[r] = x64_here(&t->b);
    for (u32 k = 0; k < t->nfwd; k++)
        if (t->fwd[k].to == r)
            x64_bind(&t->b, t->fwd[k].site);
    t->done = false;
    t->checked = t->known = 0; /* entered from several places */
    tr_fc_label(t);   /* every edge in wrote the dirty ones back but pins */
}

void tr_loop_restore(struct tr *t)
{
    if (!t->in_body)
        return;
    tr_fc_store_pins(t);
    if (!t->remapped)
        return;
    struct x64_buf *b = &t->b;
    for (int k = 0; k < TR_NMAPPED; k++) {
        if (t->slot_guest[k] == tr_mapped_guest[k])
            continue;
        x64_mov_mr(b, W64, slot_home(t, k), tr_mapped_host[k]);
        x64_mov_rm(b, W64, tr_mapped_host[k], tr_slot_home(k));
    }
}

/* Where an edge goes, seen from the block being lowered. */
enum edge { EDGE_EXIT, EDGE_NEXT, EDGE_FWD, EDGE_BACK };

static enum edge edge_kind(const struct tr *t, guest_addr target, int *r)
{
    *r = t->loop ? index_of(t, target) : -1;
    if (*r < 0)
        return EDGE_EXIT;
    if ((u32)*r == t->cur + 1)
        return EDGE_NEXT;
    return (u32)*r > t->cur ? EDGE_FWD : EDGE_BACK;
}

/* The edge as the block's last code: the next block needs nothing. */
void tr_region_edge(struct tr *t, guest_addr target)
{
    struct x64_buf *b = &t->b;
    int r;
    switch (edge_kind(t, target, &r)) {
    case EDGE_EXIT:
        tr_exit_direct(t, (int)t->nexit++, target, 0);
        break;
    case EDGE_NEXT:
        break;
    case EDGE_FWD:
        CHECK(t->nfwd < ARRAY_LEN(t->fwd));
        t->fwd[t->nfwd].to = (u32)r;
        t->fwd[t->nfwd++].site = x64_jmp32(b, NULL);
        break;
    case EDGE_BACK: /* leaves at target if a signal is pending */
        if (t->pre[r]) {
            x64_jmp(b, t->pre[r]);
            break;
        }
        CHECK(t->nint < ARRAY_LEN(t->int_sites));
        x64_cmp_mi(b, W32, tr_cpu(CPU_OFF(interrupt)), 0);
        t->int_sites[t->nint].pc = target;
        t->int_sites[t->nint++].site = x64_jcc32(b, CC_NE, NULL);
        x64_jmp(b, t->label[r]);
        break;
    }
    t->done = true;
}

/* The edge as a conditional jump: straight to a later block, or to a
 * stub after the blocks (an exit, or a back edge with its check). */
static void jump_edge(struct tr *t, enum x64_cc cc, guest_addr target)
{
    int r;
    enum edge k = edge_kind(t, target, &r);
    if (k == EDGE_BACK && t->pre[r]) {
        x64_jcc(&t->b, cc, t->pre[r]);
        return;
    }
    size_t site = x64_jcc32(&t->b, cc, NULL);
    if (k == EDGE_NEXT || k == EDGE_FWD) {
        CHECK(t->nfwd < ARRAY_LEN(t->fwd));
        t->fwd[t->nfwd].to = (u32)r;
        t->fwd[t->nfwd++].site = site;
        return;
    }
    CHECK(t->nstub < ARRAY_LEN(t->stubs));
    t->stubs[t->nstub].site = site;
    t->stubs[t->nstub].target = target;
    t->stubs[t->nstub++].from = t->cur;
}

/* A conditional branch ending block t->cur: the edge kept inline is
 * the one that costs least there (the next block: nothing), the other
 * is a conditional jump; a back edge is one conditional jump to its
 * block's interrupt check (pre), so the loop goes on with one taken
 * branch. */
void tr_region_branch(struct tr *t, enum x64_cc cc, guest_addr taken, guest_addr next)
{
    static const int rank[] = { [EDGE_BACK] = 0, [EDGE_NEXT] = 3, [EDGE_FWD] = 2, [EDGE_EXIT] = 1 };
    int r;
    enum edge kt = edge_kind(t, taken, &r), kn = edge_kind(t, next, &r);
    if (rank[kt] > rank[kn]) {
        jump_edge(t, (enum x64_cc)(cc ^ 1), next);
        tr_region_edge(t, taken);
    } else {
        jump_edge(t, cc, taken);
        tr_region_edge(t, next);
    }
}

/* The conditional jumps' stubs, after the last block (cpu->f is whole:
 * every branch wrote the dirty f registers back; instret counts the
 * block). */
void tr_region_stubs(struct tr *t)
{
    for (u32 k = 0; k < t->nstub; k++) {
        x64_bind(&t->b, t->stubs[k].site);
        t->cur = t->stubs[k].from; /* an edge back is back from there */
        tr_region_edge(t, t->stubs[k].target);
    }
}

void tr_region_int_tail(struct tr *t)
{
    for (u32 k = 0; k < t->nint; k++) { /* instret already counts the block */
        x64_bind(&t->b, t->int_sites[k].site);
        tr_exit_at(t, 0, t->int_sites[k].pc, EXIT_INTERRUPT);
    }
}
