/* Loop translations: a block whose conditional branch goes back to its
 * own start loops inside its translation, and guest registers it uses
 * often live in host registers for the whole loop.
 *
 *   entry:  interrupt and frm checks (convention: tr_map)
 *           prologue: for each borrowed slot, store its mapped guest
 *           register to cpu->x, load the slot's new guest register
 *   body:   the block under t->map
 *           taken branch: cmp [cpu.interrupt], 0; jne int; jmp body
 *           fall-through and every other exit: restore the convention
 *           (store the slot's guest, reload the mapped one), then exit
 *
 * A slot can be borrowed only when the block never names its mapped
 * guest register, so that register's value sits untouched in cpu->x
 * for the whole loop; helpers spill and reload under t->map, and
 * jit_fault_hook reads each slot's guest from tb->slot_guest, so the
 * state at a fault or a helper is the same as without the loop. The
 * entry checks run before the prologue, so their exits need nothing. */
#include <string.h>

#include "jit/tr_internal.h"

/* x registers an op reads (rs1, rs2) and writes (rd), from the operand
 * strings of insn.def (d/s/t; the f registers are upper case). */
static const char *const operands[OP_COUNT] = {
#define INSN(name, mn, match, mask, fmt, ext, args) [OP_##name] = args,
#include "cpu/insn.def"
#undef INSN
};

/* Adds i's x register operands to uses[] (a register read and written
 * counts twice: two memory accesses when it is not in a host register);
 * returns the set it names. */
static u32 count_xregs(const struct binsn *i, unsigned uses[32])
{
    const char *o = i->op < OP_COUNT ? operands[i->op] : NULL;
    u32 m = 0;
    for (; o && *o; o++) {
        unsigned g = *o == 'd' ? i->rd : *o == 's' ? i->rs1 : *o == 't' ? i->rs2 : 0;
        if (!g)
            continue;
        m |= 1u << g;
        uses[g]++;
    }
    return m;
}

static bool is_csr(enum rv_op op) { return op >= OP_CSRRW && op <= OP_CSRRCI; }

static bool is_branch(enum rv_op op)
{
    return op == OP_BEQ || op == OP_BNE || op == OP_BLT || op == OP_BGE || op == OP_BLTU ||
           op == OP_BGEU;
}

/* Worth a slot: used at least this often per iteration (each use saves
 * a memory access; a borrowed slot costs four per loop entry). */
#define MIN_USES 2

void tr_loop_plan(struct tr *t)
{
    memcpy(t->map, tr_map, sizeof t->map);
    memcpy(t->slot_guest, tr_mapped_guest, sizeof t->slot_guest);
    t->remapped = t->loop = false;
    const struct block *blk = t->blk;
    if (!t->chain || !blk->n)
        return;
    const struct binsn *last = &blk->ins[blk->n - 1];
    if (!is_branch(last->op) || last->pc + (u64)(i64)last->imm != blk->pc)
        return;
    u32 used = 0;
    unsigned uses[32] = { 0 };
    for (u32 k = 0; k < blk->n; k++) {
        const struct binsn *i = &blk->ins[k];
        if (is_csr(i->op)) /* may write frm, checked once at entry */
            return;
        used |= count_xregs(i, uses);
    }
    t->loop = true;
    for (int k = 0; k < TR_NMAPPED; k++) {
        if (used >> tr_mapped_guest[k] & 1)
            continue;
        unsigned best = 0;
        for (unsigned g = 1; g < 32; g++)
            if (t->map[g] < 0 && uses[g] >= MIN_USES && uses[g] > uses[best])
                best = g;
        if (!best) /* keeps its own (unused) guest register */
            continue;
        t->map[tr_mapped_guest[k]] = -1;
        t->map[best] = (signed char)tr_mapped_host[k];
        t->slot_guest[k] = (u8)best;
        t->remapped = true;
    }
}

void tr_loop_enter(struct tr *t)
{
    struct x64_buf *b = &t->b;
    t->in_body = true;
    for (int k = 0; k < TR_NMAPPED; k++) {
        if (t->slot_guest[k] == tr_mapped_guest[k])
            continue;
        x64_mov_mr(b, W64, tr_xmem(tr_mapped_guest[k]), tr_mapped_host[k]);
        x64_mov_rm(b, W64, tr_mapped_host[k], tr_xmem(t->slot_guest[k]));
    }
    t->body = x64_here(b);
}

void tr_loop_restore(struct tr *t)
{
    if (!t->remapped || !t->in_body)
        return;
    struct x64_buf *b = &t->b;
    for (int k = 0; k < TR_NMAPPED; k++) {
        if (t->slot_guest[k] == tr_mapped_guest[k])
            continue;
        x64_mov_mr(b, W64, tr_xmem(t->slot_guest[k]), tr_mapped_host[k]);
        x64_mov_rm(b, W64, tr_mapped_host[k], tr_xmem(tr_mapped_guest[k]));
    }
}

void tr_loop_back(struct tr *t)
{
    struct x64_buf *b = &t->b;
    x64_cmp_mi(b, W32, tr_cpu(CPU_OFF(interrupt)), 0);
    t->loop_int = x64_jcc32(b, CC_NE, NULL);
    x64_jmp(b, t->body);
}
