/* The pre-decoded block cache: building blocks from guest memory with
 * dec_insn, a chained hash table keyed by guest pc (vm->blocks), a small
 * direct-mapped table in front of it, flush and range invalidation.
 * Called by the interpreter (build, look-up) and, through interp_flush
 * and interp_invalidate, by the VM and memory management. */
#include "cpu/block.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "base/log.h"
#include "cpu/decode.h"
#include "cpu/disasm.h"
#include "cpu/fpu.h"
#include "mem/mem.h"
#include "vm/vm.h"

struct block_cache {
    struct block **table; /* hash buckets, chained through hnext */
    size_t mask;          /* buckets - 1 */
    size_t count;
    struct block *fast[1u << BLOCK_FAST_BITS];
};

static struct block_cache *cache_of(struct vm *vm)
{
    struct block_cache *bc = vm->blocks;
    if (likely(bc))
        return bc;
    bc = calloc(1, sizeof *bc);
    CHECK(bc);
    bc->mask = 4095;
    bc->table = calloc(bc->mask + 1, sizeof *bc->table);
    CHECK(bc->table);
    vm->blocks = bc;
    return bc;
}

static size_t hash_pc(guest_addr pc, size_t mask)
{
    return (size_t)((pc >> 1) * 0x9e3779b97f4a7c15ull >> 32) & mask;
}

struct block **block_fast_table(struct vm *vm) { return cache_of(vm)->fast; }

struct block *block_lookup(struct vm *vm, guest_addr pc)
{
    struct block_cache *bc = cache_of(vm);
    struct block **slot = &bc->fast[block_fast_index(pc)];
    if (*slot && (*slot)->pc == pc)
        return *slot;
    for (struct block *b = bc->table[hash_pc(pc, bc->mask)]; b; b = b->hnext)
        if (b->pc == pc)
            return *slot = b;
    return NULL;
}

/* Doubles the bucket array when the load factor passes 1. */
static void cache_grow(struct block_cache *bc)
{
    size_t nmask = bc->mask * 2 + 1;
    struct block **nt = calloc(nmask + 1, sizeof *nt);
    CHECK(nt);
    for (size_t i = 0; i <= bc->mask; i++) {
        for (struct block *b = bc->table[i], *next; b; b = next) {
            next = b->hnext;
            size_t h = hash_pc(b->pc, nmask);
            b->hnext = nt[h];
            nt[h] = b;
        }
    }
    free(bc->table);
    bc->table = nt;
    bc->mask = nmask;
}

static void cache_insert(struct block_cache *bc, struct block *b)
{
    if (bc->count > bc->mask)
        cache_grow(bc);
    size_t h = hash_pc(b->pc, bc->mask);
    b->hnext = bc->table[h];
    bc->table[h] = b;
    bc->count++;
    bc->fast[block_fast_index(b->pc)] = b;
}

/* Ops whose only architectural effect is writing rd: with rd = x0 they
 * are no-ops (nop, hints), which keeps x0 at zero without a store. */
static bool op_is_pure_alu(enum rv_op op)
{
    switch (op) {
    case OP_LUI: case OP_AUIPC: case OP_ADDI: case OP_SLTI: case OP_SLTIU:
    case OP_XORI: case OP_ORI: case OP_ANDI: case OP_SLLI: case OP_SRLI:
    case OP_SRAI: case OP_ADD: case OP_SUB: case OP_SLL: case OP_SLT:
    case OP_SLTU: case OP_XOR: case OP_SRL: case OP_SRA: case OP_OR:
    case OP_AND: case OP_ADDIW: case OP_SLLIW: case OP_SRLIW: case OP_SRAIW:
    case OP_ADDW: case OP_SUBW: case OP_SLLW: case OP_SRLW: case OP_SRAW:
    case OP_MUL: case OP_MULH: case OP_MULHSU: case OP_MULHU: case OP_DIV:
    case OP_DIVU: case OP_REM: case OP_REMU: case OP_MULW: case OP_DIVW:
    case OP_DIVUW: case OP_REMW: case OP_REMUW:
        return true;
    default:
        return false;
    }
}

/* FP ops without an rm field (funct3 selects the op instead). */
static bool fp_has_rm(enum rv_op op)
{
    switch (op) {
    case OP_FSGNJ_S: case OP_FSGNJN_S: case OP_FSGNJX_S: case OP_FMIN_S:
    case OP_FMAX_S: case OP_FEQ_S: case OP_FLT_S: case OP_FLE_S:
    case OP_FCLASS_S: case OP_FSGNJ_D: case OP_FSGNJN_D: case OP_FSGNJX_D:
    case OP_FMIN_D: case OP_FMAX_D: case OP_FEQ_D: case OP_FLT_D:
    case OP_FLE_D: case OP_FCLASS_D:
        return false;
    default:
        return true;
    }
}

static bool op_is_fpu_exec(enum rv_op op)
{
    if (op < OP_FLW || op > OP_FMV_D_X)
        return false;
    return op != OP_FLW && op != OP_FSW && op != OP_FLD && op != OP_FSD &&
           op != OP_FMV_X_W && op != OP_FMV_W_X && op != OP_FMV_X_D && op != OP_FMV_D_X;
}

/* FENCE on x86-TSO: only W -> R ordering needs an mfence; fence.tso
 * (fm = 1000) never does (RISCV-LINUX-ABI.md section 7). */
static bool fence_needs_mfence(i32 imm)
{
    unsigned fm = (imm >> 8) & 0xf, pred = (imm >> 4) & 0xf, succ = imm & 0xf;
    return fm != 8 && (pred & 1) && (succ & 2);
}

static unsigned xop_of(const struct insn *in)
{
    enum rv_op op = in->op;
    if (op_is_pure_alu(op) && in->rd == 0)
        return XOP_NOP;
    if (op == OP_FENCE && !fence_needs_mfence(in->imm))
        return XOP_NOP;
    if (op_is_fpu_exec(op)) {
        if (fpu_rd_is_int(op))
            return XOP_FPU_FX;
        return fpu_rs1_is_int(op) ? XOP_FPU_XF : XOP_FPU_FF;
    }
    return op;
}

static void binsn_fill(struct binsn *b, const struct insn *in, guest_addr pc, u32 raw,
                       unsigned idx)
{
    memset(b, 0, sizeof *b);
    b->pc = pc;
    b->imm = in->imm;
    b->raw = raw;
    b->op = (u8)in->op;
    b->xop = (u8)xop_of(in);
    b->rd = in->rd;
    b->rs1 = in->rs1;
    b->rs2 = in->rs2;
    b->rs3 = in->rs3;
    b->rm = op_is_fpu_exec(in->op) && !fp_has_rm(in->op) ? RM_RNE : in->rm;
    b->idx = (u8)idx;
}

static bool page_executable(struct vm *vm, guest_addr a)
{
    u8 f = mem_page_flags(&vm->mem, a);
    if ((f & (PAGE_X | PAGE_MAPPED)) != (PAGE_X | PAGE_MAPPED))
        return false;
    vm->mem.pages[a >> GUEST_PAGE_SHIFT] |= PAGE_CODE;
    return true;
}

/* Fetches the instruction at pc into *raw. Returns false (and the
 * failing address) if a page it needs is not executable. pc's own page
 * was checked by the caller. */
static bool fetch(struct vm *vm, guest_addr pc, u32 *raw, guest_addr *fault)
{
    u16 lo, hi = 0;
    memcpy(&lo, mem_host(&vm->mem, pc), 2);
    if ((lo & 3) == 3) {
        guest_addr a2 = pc + 2;
        if ((a2 & ~GUEST_PAGE_MASK) == 0 && !page_executable(vm, a2)) {
            *fault = a2;
            return false;
        }
        memcpy(&hi, mem_host(&vm->mem, a2), 2);
    }
    *raw = lo | (u32)hi << 16;
    return true;
}

/* -d in_asm: each instruction as it is decoded. */
static void log_insn(const struct insn *in, guest_addr pc, u32 raw)
{
    char text[128];
    disasm(text, sizeof text, in, pc);
    log_printf("  0x%llx: %0*x  %s\n", (unsigned long long)pc, in->len == 2 ? 4 : 8, raw, text);
}

static struct block *block_alloc(guest_addr start, guest_addr end, const struct binsn *ins,
                                 unsigned n)
{
    struct block *b = malloc(sizeof *b + (n + 1) * sizeof *ins);
    CHECK(b);
    memset(b, 0, sizeof *b);
    b->pc = start;
    b->end = end;
    b->n = n;
    b->target[0] = end;
    memcpy(b->ins, ins, (n + 1) * sizeof *ins);
    return b;
}

/* The jump/branch target of a block-ending direct transfer, else end. */
static guest_addr block_taken_target(const struct binsn *last, guest_addr end)
{
    switch (last->op) {
    case OP_JAL: case OP_BEQ: case OP_BNE: case OP_BLT:
    case OP_BGE: case OP_BLTU: case OP_BGEU:
        return last->pc + (i64)last->imm;
    default:
        return end;
    }
}

struct block *block_build(struct vm *vm, guest_addr pc, const void *const *handlers,
                          guest_addr *fault_addr)
{
    struct binsn buf[BLOCK_MAX + 1];
    unsigned n = 0, max = vm->opt.one_insn ? 1 : BLOCK_MAX;
    guest_addr start = pc, page = pc & GUEST_PAGE_MASK;
    if (!page_executable(vm, pc)) {
        *fault_addr = pc;
        return NULL;
    }
    if (log_on(LOG_IN_ASM))
        log_printf("IN: block 0x%llx\n", (unsigned long long)pc);
    while (n < max && (pc & GUEST_PAGE_MASK) == page) {
        struct insn in;
        u32 raw;
        if (!fetch(vm, pc, &raw, fault_addr)) {
            if (n == 0)
                return NULL;
            break;
        }
        int len = dec_insn(&in, raw);
        raw &= len == 2 ? 0xffff : 0xffffffff;
        if (log_on(LOG_IN_ASM))
            log_insn(&in, pc, raw);
        binsn_fill(&buf[n], &in, pc, raw, n);
        n++;
        pc += len;
        if (in.op == OP_ILLEGAL || insn_ends_block(in.op))
            break;
    }
    struct binsn *ft = &buf[n];
    memset(ft, 0, sizeof *ft);
    ft->pc = pc;
    ft->xop = XOP_FALLTHROUGH;
    ft->idx = (u8)n;
    ft->raw = 3;
    for (unsigned i = 0; handlers && i <= n; i++)
        buf[i].handler = handlers[buf[i].xop];
    struct block *b = block_alloc(start, pc, buf, n);
    b->target[1] = block_taken_target(&buf[n - 1], pc);
    cache_insert(cache_of(vm), b);
    vm->stats.blocks_decoded++;
    vm->stats.insns_decoded += n;
    return b;
}

void block_flush(struct vm *vm)
{
    struct block_cache *bc = vm->blocks;
    if (!bc)
        return;
    for (size_t i = 0; i <= bc->mask; i++) {
        for (struct block *b = bc->table[i], *next; b; b = next) {
            next = b->hnext;
            free(b);
        }
        bc->table[i] = NULL;
    }
    bc->count = 0;
    memset(bc->fast, 0, sizeof bc->fast);
    vm->stats.block_flushes++;
}

void block_invalidate(struct vm *vm, guest_addr start, guest_addr end)
{
    struct block_cache *bc = vm->blocks;
    bool dropped = false;
    if (!bc || start >= end)
        return;
    for (size_t i = 0; i <= bc->mask; i++) {
        for (struct block **pp = &bc->table[i]; *pp;) {
            struct block *b = *pp;
            if (b->pc < end && b->end > start) {
                *pp = b->hnext;
                free(b);
                bc->count--;
                dropped = true;
            } else {
                pp = &b->hnext;
            }
        }
    }
    if (!dropped)
        return;
    /* Links may point at freed blocks: clear them all (rare path). */
    memset(bc->fast, 0, sizeof bc->fast);
    for (size_t i = 0; i <= bc->mask; i++)
        for (struct block *b = bc->table[i]; b; b = b->hnext)
            b->link[0] = b->link[1] = NULL;
}
