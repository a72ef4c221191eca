/* Pre-decoded basic blocks and the cache that maps guest pc -> block.
 *
 * A block is built once from guest memory: instructions from pc up to
 * and including the first that ends a block (insn_ends_block), the end
 * of the guest page (a 32-bit instruction may straddle into the next
 * executable page), an illegal encoding, or BLOCK_MAX instructions.
 * After the last instruction comes one XOP_FALLTHROUGH entry that
 * continues at blk->end. Every page decoded from gets PAGE_CODE.
 *
 *   struct block: pc end n count | link[2] target[2] | ins[0..n]
 *   link[k] caches the block at target[k] (k = 0: fall through, 1: taken
 *   branch or jal), so the interpreter chains without a look-up.
 *
 * Blocks are unpublished only by block_flush/block_invalidate, which
 * also clear every link and every thread's front table. With other
 * threads alive the memory is freed later, once each thread has passed
 * a quiescent point (block.c, reclaim): an engine may hold a block
 * pointer only between its block_enter and its return from the engine,
 * and never across a blocking call. */
#ifndef RVX_CPU_BLOCK_H
#define RVX_CPU_BLOCK_H

#include "base/types.h"
#include "cpu/insn.h"

struct vm;

#define BLOCK_MAX 64

/* Dispatch indexes beyond the rv_op values. */
enum {
    XOP_NOP = OP_COUNT,   /* an op whose only effect is writing x0, fence r,r ... */
    XOP_FPU_FF,           /* fpu_exec: f regs in, f reg out */
    XOP_FPU_XF,           /* fpu_exec: x[rs1] in, f reg out (fcvt.s.w ...) */
    XOP_FPU_FX,           /* fpu_exec: f regs in, x reg out (feq, fcvt.w.s ...) */
    XOP_FALLTHROUGH,      /* end of block without a control transfer */
    XOP_COUNT
};
_Static_assert(XOP_COUNT <= 256, "ops must fit a byte");

/* One pre-decoded instruction: 32 bytes. */
struct binsn {
    const void *handler;  /* computed-goto label of xop (NULL in switch builds) */
    u64 pc;
    i32 imm;
    u32 raw;              /* as fetched: 16 bits for RVC */
    u8 op, xop;           /* enum rv_op; dispatch index */
    u8 rd, rs1, rs2, rs3;
    u8 rm;                /* FP: rm (RNE for ops without one); AMO: aq<<1|rl */
    u8 idx;               /* position in the block: retired-before count */
};

struct block {
    guest_addr pc, end;   /* guest bytes [pc, end) */
    struct block *hnext;  /* hash chain */
    u64 count;            /* executions, for a future translator */
    u32 n;                /* instructions (the fall-through entry excluded) */
    struct block *link[2];
    guest_addr target[2];
    struct binsn ins[];
};

/* Length in bytes of a pre-decoded instruction. */
static inline unsigned binsn_len(const struct binsn *i) { return (i->raw & 3) == 3 ? 4 : 2; }

/* Looks pc up in the cache (fast table first, then the hash table). */
struct block *block_lookup(struct vm *vm, guest_addr pc);

/* Builds the block at pc and inserts it. handlers[xop] gives the label
 * addresses to store (or NULL). Returns NULL if the first instruction
 * cannot be fetched; *fault_addr is then the address that failed. */
struct block *block_build(struct vm *vm, guest_addr pc, const void *const *handlers,
                          guest_addr *fault_addr);

/* The direct-mapped table in front of the hash table, for jalr: one
 * per thread. block_enter(cpu) is the engine's entry hook: a quiescent
 * point for the reclaimer, it returns the calling thread's table.
 * block_fast_table(vm) is block_enter(hostsig_cpu). */
#define BLOCK_FAST_BITS 12
struct cpu;
struct block **block_enter(struct cpu *cpu);
struct block **block_fast_table(struct vm *vm);

/* Marks the calling thread as in (or back from) a blocking host call,
 * during which it holds no block: the reclaimer need not wait for it. */
void block_offline(struct cpu *cpu, bool offline);

/* Around a host fork: the cache lock must not be held by another
 * thread; in the child the other threads are gone. */
void block_fork_prepare(struct vm *vm);
void block_fork_parent(struct vm *vm);
void block_fork_child(struct vm *vm);
static inline unsigned block_fast_index(guest_addr pc)
{
    return (unsigned)(pc >> 1) & ((1u << BLOCK_FAST_BITS) - 1);
}

void block_flush(struct vm *vm);
/* Calls fn on every cached block (under the cache lock; fn must not
 * build or drop blocks). For --profile (tools/profile.c). */
void block_foreach(struct vm *vm, void (*fn)(const struct block *b, void *ctx), void *ctx);
void block_invalidate(struct vm *vm, guest_addr start, guest_addr end);

#endif
