/* The interpreter: the reference semantics of RV64GC. Runs pre-decoded
 * blocks (cpu/block.h) with threaded dispatch and chains from block to
 * block without returning; returns only on an exit (cpu/cpu.h).
 *
 * Dispatch hides behind CASE/NEXT/DISPATCH: computed goto by default,
 * a plain switch with -DRVX_INTERP_SWITCH.
 *
 * Precise state. Guest registers live in cpu->x/f at all times (every
 * instruction writes them in place, after its memory access), and
 * cpu->instret is the count at entry of the current block; an exit at
 * instruction i adds i->idx (the instructions before it in the block).
 * Before each guest memory access the instruction is stored in st->cur,
 * so when the host SIGSEGV handler siglongjmps back (hostsig.c) we know
 * the faulting pc and instret. st->cur = NULL while a block is built:
 * a fault then is an instruction fetch fault at st->fetch_pc.
 *
 * x0: ops that only write rd become XOP_NOP when rd = 0 (block.c); the
 * other ops that write an x register clear x[0] again after writing. */
#include "cpu/interp.h"

#include <string.h>

#include "base/log.h"
#include "cpu/alu.h"
#include "cpu/amo.h"
#include "cpu/block.h"
#include "cpu/csr.h"
#include "cpu/disasm.h"
#include "cpu/fpu.h"
#include "jit/jit.h"
#include "tools/profile.h"
#include "mem/mem.h"
#include "os/hostsig.h"
#include "vm/vm.h"

#if !defined(__GNUC__)
#define RVX_INTERP_SWITCH 1
#endif

#ifdef RVX_INTERP_SWITCH
#pragma GCC diagnostic ignored "-Wunused-label"
#define CASE(op) case op: L_##op:
#define DISPATCH goto dispatch
#define NEXT do { ins++; goto dispatch; } while (0)
#else
#define CASE(op) L_##op:
#define DISPATCH goto *ins->handler
#define NEXT do { ins++; goto *ins->handler; } while (0)
#endif

/* What the fault path needs after siglongjmp; volatile so it is read
 * from memory there. */
struct interp_state {
    const struct binsn *volatile cur; /* instruction doing a memory access */
    volatile guest_addr fetch_pc;     /* block being built when cur is NULL */
    u64 hot;                          /* stop before entering a block this hot */
};

#define NAN_BOX32 0xffffffff00000000ull

/* Finds or builds the block at pc; NULL on a fetch fault (*fault set). */
static struct block *interp_find(struct cpu *cpu, volatile struct interp_state *st,
                                 guest_addr pc, const void *const *handlers, guest_addr *fault)
{
    struct block *b = block_lookup(cpu->vm, pc);
    if (likely(b))
        return b;
    st->cur = NULL;
    st->fetch_pc = pc;
    return block_build(cpu->vm, pc, handlers, fault);
}

static enum exit_reason interp_fetch_fault(struct cpu *cpu, guest_addr pc, guest_addr fault)
{
    cpu->pc = pc;
    cpu->fault_addr = fault;
    cpu->fault_code = mem_page_flags(&cpu->vm->mem, fault) & PAGE_MAPPED ? RV_SEGV_ACCERR
                                                                         : RV_SEGV_MAPERR;
    cpu->resv_valid = false;
    return cpu->exit = EXIT_FETCH;
}

/* -d exec,cpu: each block entered, and the registers at that point. */
static __attribute__((cold, noinline)) void interp_trace(const struct cpu *cpu,
                                                         const struct block *b)
{
    if (log_on(LOG_STACKS))
        stacks_block(cpu, b); /* tools/profile.h */
    if (!log_pc_ok(b->pc)) /* -dfilter */
        return;
    if (log_on(LOG_EXEC))
        log_printf("exec 0x%llx: %u insns, count %llu, instret %llu\n",
                   (unsigned long long)b->pc, b->n, (unsigned long long)b->count,
                   (unsigned long long)cpu->instret);
    if (!log_on(LOG_CPU))
        return;
    log_printf("pc   %016llx  fcsr %08x\n", (unsigned long long)b->pc, cpu->fcsr);
    for (int i = 0; i < 32; i++)
        log_printf("%-4s %016llx%s", rv_xreg_name[i], (unsigned long long)cpu->x[i],
                   i % 4 == 3 ? "\n" : "  ");
}

/* -d unimp: an instruction rvx does not implement (or an illegal one). */
static __attribute__((cold, noinline)) void interp_log_illegal(const struct binsn *i)
{
    log_printf("rvx: illegal or unimplemented instruction 0x%0*x at pc 0x%llx\n",
               (i->raw & 3) == 3 ? 8 : 4, i->raw, (unsigned long long)i->pc);
}

/* Leaves at instruction ins (not retired) with the given reason. */
#define EXIT_AT(reason) \
    do { \
        cpu->pc = ins->pc; \
        cpu->instret += ins->idx; \
        cpu->resv_valid = false; \
        return cpu->exit = (reason); \
    } while (0)

#define EA() (x[ins->rs1] + (u64)(i64)ins->imm)
/* One compare for the whole space: the guard after it catches a + width.
 * The compiler barrier keeps the st->cur store (and every earlier guest
 * register write) before the access: without it GCC hoists the load
 * above the volatile store, and a fault reports the previous insn. */
#define GUEST_PTR(a) \
    ({ guest_addr a_ = (a); \
       if (unlikely(a_ >= size)) { fault = a_; goto segv; } \
       st->cur = ins; \
       __asm__ volatile("" ::: "memory"); \
       base + a_; })
#define LOAD(T, conv) \
    do { T v_; memcpy(&v_, GUEST_PTR(EA()), sizeof v_); \
         x[ins->rd] = (conv); x[0] = 0; NEXT; } while (0)
#define STORE(T, val) \
    do { T v_ = (T)(val); memcpy(GUEST_PTR(EA()), &v_, sizeof v_); NEXT; } while (0)
#define ALU(expr) do { x[ins->rd] = (expr); NEXT; } while (0)
#define RS1 x[ins->rs1]
#define RS2 x[ins->rs2]
#define IMM ((u64)(i64)ins->imm)
#define BRANCH(cond) do { k = (cond); goto chain; } while (0)

static enum exit_reason interp_loop(struct cpu *cpu, volatile struct interp_state *st)
{
#ifdef RVX_INTERP_SWITCH
    const void *const *handlers = NULL;
#else
#define H(op) [op] = &&L_##op
    static const void *const labels[XOP_COUNT] = {
        H(OP_LUI), H(OP_AUIPC), H(OP_JAL), H(OP_JALR), H(OP_BEQ), H(OP_BNE),
        H(OP_BLT), H(OP_BGE), H(OP_BLTU), H(OP_BGEU), H(OP_LB), H(OP_LH),
        H(OP_LW), H(OP_LD), H(OP_LBU), H(OP_LHU), H(OP_LWU), H(OP_SB),
        H(OP_SH), H(OP_SW), H(OP_SD), H(OP_ADDI), H(OP_SLTI), H(OP_SLTIU),
        H(OP_XORI), H(OP_ORI), H(OP_ANDI), H(OP_SLLI), H(OP_SRLI), H(OP_SRAI),
        H(OP_ADD), H(OP_SUB), H(OP_SLL), H(OP_SLT), H(OP_SLTU), H(OP_XOR),
        H(OP_SRL), H(OP_SRA), H(OP_OR), H(OP_AND), H(OP_ADDIW), H(OP_SLLIW),
        H(OP_SRLIW), H(OP_SRAIW), H(OP_ADDW), H(OP_SUBW), H(OP_SLLW),
        H(OP_SRLW), H(OP_SRAW), H(OP_FENCE), H(OP_ECALL), H(OP_EBREAK),
        H(OP_FENCE_I), H(OP_CSRRW), H(OP_CSRRS), H(OP_CSRRC), H(OP_CSRRWI),
        H(OP_CSRRSI), H(OP_CSRRCI), H(OP_MUL), H(OP_MULH), H(OP_MULHSU),
        H(OP_MULHU), H(OP_DIV), H(OP_DIVU), H(OP_REM), H(OP_REMU), H(OP_MULW),
        H(OP_DIVW), H(OP_DIVUW), H(OP_REMW), H(OP_REMUW), H(OP_LR_W),
        H(OP_SC_W), H(OP_AMOSWAP_W), H(OP_AMOADD_W), H(OP_AMOXOR_W),
        H(OP_AMOAND_W), H(OP_AMOOR_W), H(OP_AMOMIN_W), H(OP_AMOMAX_W),
        H(OP_AMOMINU_W), H(OP_AMOMAXU_W), H(OP_LR_D), H(OP_SC_D),
        H(OP_AMOSWAP_D), H(OP_AMOADD_D), H(OP_AMOXOR_D), H(OP_AMOAND_D),
        H(OP_AMOOR_D), H(OP_AMOMIN_D), H(OP_AMOMAX_D), H(OP_AMOMINU_D),
        H(OP_AMOMAXU_D), H(OP_FLW), H(OP_FSW), H(OP_FLD), H(OP_FSD),
        H(OP_FMV_X_W), H(OP_FMV_W_X), H(OP_FMV_X_D), H(OP_FMV_D_X),
        H(XOP_NOP), H(XOP_FPU_FF), H(XOP_FPU_XF), H(XOP_FPU_FX),
        H(XOP_FALLTHROUGH), H(OP_ILLEGAL),
    };
#undef H
    /* Every op the table lacks runs as an illegal instruction. */
    static const void *handlers[XOP_COUNT];
    if (unlikely(!handlers[OP_ILLEGAL]))
        for (unsigned i = 0; i < XOP_COUNT; i++)
            handlers[i] = labels[i] ? labels[i] : &&L_OP_ILLEGAL;
#endif
    u64 *const x = cpu->x;
    u64 *const f = cpu->f;
    u8 *const base = cpu->vm->mem.base;
    const u64 size = cpu->vm->mem.size;
    const u64 hot = st->hot;
    struct block **const fast = block_fast_table(cpu->vm);
    const struct binsn *ins;
    struct block *blk, *nb;
    guest_addr npc = cpu->pc, fault;
    unsigned k;

    blk = interp_find(cpu, st, npc, handlers, &fault);
    if (!blk)
        return interp_fetch_fault(cpu, npc, fault);
    goto run;

chain: /* to blk->target[k] through the cached link */
    cpu->instret += blk->n;
    nb = blk->link[k];
    if (unlikely(!nb)) {
        npc = blk->target[k];
        nb = interp_find(cpu, st, npc, handlers, &fault);
        if (!nb)
            return interp_fetch_fault(cpu, npc, fault);
        blk->link[k] = nb;
    }
    blk = nb;
    goto enter;

chain_dyn: /* to npc (jalr) through the direct-mapped table */
    cpu->instret += blk->n;
    blk = fast[block_fast_index(npc)];
    if (unlikely(!blk || blk->pc != npc)) {
        blk = interp_find(cpu, st, npc, handlers, &fault);
        if (!blk)
            return interp_fetch_fault(cpu, npc, fault);
    }
enter:
    if (unlikely(blk->count >= hot)) { /* the translator takes over (jit/jit.c) */
        cpu->pc = blk->pc;
        return cpu->exit = EXIT_NONE;
    }
run:
    /* Signals: one load and branch per block keeps a spinning guest
     * loop interruptible (os/signal.c sets it from a host handler). */
    if (unlikely(cpu->interrupt)) {
        cpu->pc = blk->pc;
        cpu->resv_valid = false;
        return cpu->exit = EXIT_INTERRUPT;
    }
    if (unlikely(log_mask & (LOG_EXEC | LOG_CPU | LOG_STACKS)))
        interp_trace(cpu, blk);
    blk->count++;
    ins = blk->ins;
    DISPATCH;

dispatch: __attribute__((unused));
#ifdef RVX_INTERP_SWITCH
    switch (ins->xop) {
    default:
#endif
    CASE(OP_ILLEGAL)
        if (log_on(LOG_UNIMP))
            interp_log_illegal(ins);
        cpu->fault_insn = ins->raw;
        cpu->fault_code = RV_ILL_ILLOPC;
        EXIT_AT(EXIT_ILLEGAL);
    CASE(XOP_NOP) NEXT;
    CASE(XOP_FALLTHROUGH) k = 0; goto chain;

    /* RV64I */
    CASE(OP_LUI) ALU(IMM);
    CASE(OP_AUIPC) ALU(ins->pc + IMM);
    CASE(OP_JAL)
        x[ins->rd] = ins->pc + binsn_len(ins);
        x[0] = 0;
        k = 1;
        goto chain;
    CASE(OP_JALR)
        npc = (RS1 + IMM) & ~1ull; /* before writing rd: rd may be rs1 */
        x[ins->rd] = ins->pc + binsn_len(ins);
        x[0] = 0;
        goto chain_dyn;
    CASE(OP_BEQ) BRANCH(RS1 == RS2);
    CASE(OP_BNE) BRANCH(RS1 != RS2);
    CASE(OP_BLT) BRANCH((i64)RS1 < (i64)RS2);
    CASE(OP_BGE) BRANCH((i64)RS1 >= (i64)RS2);
    CASE(OP_BLTU) BRANCH(RS1 < RS2);
    CASE(OP_BGEU) BRANCH(RS1 >= RS2);
    CASE(OP_LB) LOAD(i8, (u64)(i64)v_);
    CASE(OP_LH) LOAD(i16, (u64)(i64)v_);
    CASE(OP_LW) LOAD(i32, (u64)(i64)v_);
    CASE(OP_LD) LOAD(u64, v_);
    CASE(OP_LBU) LOAD(u8, v_);
    CASE(OP_LHU) LOAD(u16, v_);
    CASE(OP_LWU) LOAD(u32, v_);
    CASE(OP_SB) STORE(u8, RS2);
    CASE(OP_SH) STORE(u16, RS2);
    CASE(OP_SW) STORE(u32, RS2);
    CASE(OP_SD) STORE(u64, RS2);
    CASE(OP_ADDI) ALU(RS1 + IMM);
    CASE(OP_SLTI) ALU((i64)RS1 < (i64)IMM);
    CASE(OP_SLTIU) ALU(RS1 < IMM);
    CASE(OP_XORI) ALU(RS1 ^ IMM);
    CASE(OP_ORI) ALU(RS1 | IMM);
    CASE(OP_ANDI) ALU(RS1 & IMM);
    CASE(OP_SLLI) ALU(RS1 << (ins->imm & 63));
    CASE(OP_SRLI) ALU(RS1 >> (ins->imm & 63));
    CASE(OP_SRAI) ALU(alu_sra(RS1, ins->imm));
    CASE(OP_ADD) ALU(RS1 + RS2);
    CASE(OP_SUB) ALU(RS1 - RS2);
    CASE(OP_SLL) ALU(RS1 << (RS2 & 63));
    CASE(OP_SLT) ALU((i64)RS1 < (i64)RS2);
    CASE(OP_SLTU) ALU(RS1 < RS2);
    CASE(OP_XOR) ALU(RS1 ^ RS2);
    CASE(OP_SRL) ALU(RS1 >> (RS2 & 63));
    CASE(OP_SRA) ALU(alu_sra(RS1, RS2));
    CASE(OP_OR) ALU(RS1 | RS2);
    CASE(OP_AND) ALU(RS1 & RS2);
    CASE(OP_ADDIW) ALU(alu_addw(RS1, IMM));
    CASE(OP_SLLIW) ALU(alu_sllw(RS1, ins->imm));
    CASE(OP_SRLIW) ALU(alu_srlw(RS1, ins->imm));
    CASE(OP_SRAIW) ALU(alu_sraw(RS1, ins->imm));
    CASE(OP_ADDW) ALU(alu_addw(RS1, RS2));
    CASE(OP_SUBW) ALU(alu_subw(RS1, RS2));
    CASE(OP_SLLW) ALU(alu_sllw(RS1, RS2));
    CASE(OP_SRLW) ALU(alu_srlw(RS1, RS2));
    CASE(OP_SRAW) ALU(alu_sraw(RS1, RS2));
    CASE(OP_FENCE) /* only those ordering W before R get here (block.c) */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        NEXT;
    CASE(OP_ECALL) EXIT_AT(EXIT_ECALL);
    CASE(OP_EBREAK)
        cpu->fault_code = RV_TRAP_BRKPT;
        EXIT_AT(EXIT_EBREAK);
    CASE(OP_FENCE_I) /* retires; the VM flushes the blocks and re-enters */
        cpu->pc = ins->pc + binsn_len(ins);
        cpu->instret += ins->idx + 1u;
        return cpu->exit = EXIT_FLUSH;

    /* Zicsr, Zicntr */
    CASE(OP_CSRRW) CASE(OP_CSRRS) CASE(OP_CSRRC)
    CASE(OP_CSRRWI) CASE(OP_CSRRSI) CASE(OP_CSRRCI) {
        u64 old;
        if (!csr_exec(cpu, ins->op, (u32)ins->imm & 0xfff, ins->rs1, RS1,
                      cpu->instret + ins->idx, &old))
            goto L_OP_ILLEGAL;
        x[ins->rd] = old;
        x[0] = 0;
        NEXT;
    }

    /* M */
    CASE(OP_MUL) ALU(RS1 * RS2);
    CASE(OP_MULH) ALU(alu_mulh(RS1, RS2));
    CASE(OP_MULHSU) ALU(alu_mulhsu(RS1, RS2));
    CASE(OP_MULHU) ALU(alu_mulhu(RS1, RS2));
    CASE(OP_DIV) ALU(alu_div(RS1, RS2));
    CASE(OP_DIVU) ALU(alu_divu(RS1, RS2));
    CASE(OP_REM) ALU(alu_rem(RS1, RS2));
    CASE(OP_REMU) ALU(alu_remu(RS1, RS2));
    CASE(OP_MULW) ALU(alu_mulw(RS1, RS2));
    CASE(OP_DIVW) ALU(alu_divw(RS1, RS2));
    CASE(OP_DIVUW) ALU(alu_divuw(RS1, RS2));
    CASE(OP_REMW) ALU(alu_remw(RS1, RS2));
    CASE(OP_REMUW) ALU(alu_remuw(RS1, RS2));

    /* A: alignment first (x86 LOCK would succeed misaligned), then the
     * bounds compare; a fault on the access itself comes back through
     * the host handler with nothing written. */
    CASE(OP_LR_W) CASE(OP_LR_D) CASE(OP_SC_W) CASE(OP_SC_D)
    CASE(OP_AMOSWAP_W) CASE(OP_AMOADD_W) CASE(OP_AMOXOR_W) CASE(OP_AMOAND_W)
    CASE(OP_AMOOR_W) CASE(OP_AMOMIN_W) CASE(OP_AMOMAX_W) CASE(OP_AMOMINU_W)
    CASE(OP_AMOMAXU_W) CASE(OP_AMOSWAP_D) CASE(OP_AMOADD_D) CASE(OP_AMOXOR_D)
    CASE(OP_AMOAND_D) CASE(OP_AMOOR_D) CASE(OP_AMOMIN_D) CASE(OP_AMOMAX_D)
    CASE(OP_AMOMINU_D) CASE(OP_AMOMAXU_D) {
        guest_addr a = RS1;
        bool word = ins->op <= OP_AMOMAXU_W;
        if (unlikely(a & (word ? 3 : 7))) {
            cpu->fault_addr = ins->pc;
            cpu->fault_code = RV_BUS_ADRALN;
            EXIT_AT(EXIT_BUS);
        }
        void *p = GUEST_PTR(a);
        u64 v;
        if (ins->op == OP_LR_W || ins->op == OP_LR_D)
            v = amo_lr(cpu, p, a, word);
        else if (ins->op == OP_SC_W || ins->op == OP_SC_D)
            v = amo_sc(cpu, p, a, RS2, word);
        else
            v = amo_rmw(ins->op, p, RS2);
        x[ins->rd] = v;
        x[0] = 0;
        NEXT;
    }

    /* F, D: memory and moves here, the rest in fpu.c */
    CASE(OP_FLW) {
        u32 v;
        memcpy(&v, GUEST_PTR(EA()), 4);
        f[ins->rd] = NAN_BOX32 | v;
        NEXT;
    }
    CASE(OP_FLD) memcpy(&f[ins->rd], GUEST_PTR(EA()), 8); NEXT;
    CASE(OP_FSW) memcpy(GUEST_PTR(EA()), &f[ins->rs2], 4); NEXT; /* little-endian host */
    CASE(OP_FSD) memcpy(GUEST_PTR(EA()), &f[ins->rs2], 8); NEXT;
    CASE(OP_FMV_X_W) x[ins->rd] = alu_sext32(f[ins->rs1]); x[0] = 0; NEXT;
    CASE(OP_FMV_W_X) f[ins->rd] = NAN_BOX32 | (u32)RS1; NEXT;
    CASE(OP_FMV_X_D) x[ins->rd] = f[ins->rs1]; x[0] = 0; NEXT;
    CASE(OP_FMV_D_X) f[ins->rd] = RS1; NEXT;
    CASE(XOP_FPU_FF) CASE(XOP_FPU_XF) CASE(XOP_FPU_FX) {
        int rm = fpu_rm(cpu, ins->rm);
        if (rm < 0)
            goto L_OP_ILLEGAL;
        u64 a = ins->xop == XOP_FPU_XF ? RS1 : f[ins->rs1];
        u64 r = fpu_exec(cpu, ins->op, a, f[ins->rs2], f[ins->rs3], rm);
        if (ins->xop == XOP_FPU_FX) {
            x[ins->rd] = r;
            x[0] = 0;
        } else {
            f[ins->rd] = r;
        }
        NEXT;
    }
#ifdef RVX_INTERP_SWITCH
    }
#endif

segv: /* a >= size: no memory touched */
    cpu->fault_addr = fault;
    cpu->fault_code = RV_SEGV_MAPERR;
    EXIT_AT(EXIT_SEGV);
}

/* After the host handler's siglongjmp: cpu->exit, fault_addr and
 * fault_code are set; make pc and instret precise. */
static void interp_fault_return(struct cpu *cpu, volatile struct interp_state *st)
{
    const struct binsn *i = st->cur;
    cpu->resv_valid = false;
    if (!i) {
        /* Reading the code of a block (an X page the host cannot read). */
        cpu->pc = st->fetch_pc;
        cpu->exit = EXIT_FETCH;
        return;
    }
    cpu->pc = i->pc;
    cpu->instret += i->idx;
}

enum exit_reason interp_run(struct cpu *cpu)
{
    if (cpu->vm->jit)
        return jit_run(cpu);
    return interp_run_hot(cpu, UINT64_MAX);
}

enum exit_reason interp_run_hot(struct cpu *cpu, u64 hot)
{
    volatile struct interp_state st = { NULL, cpu->pc, hot };
    hostsig_cpu = cpu;
    cpu->exit = EXIT_NONE;
    if (sigsetjmp(cpu->fault_jmp, 0)) {
        cpu->in_guest = false;
        interp_fault_return(cpu, &st);
        return cpu->exit;
    }
    cpu->in_guest = true;
    enum exit_reason r = interp_loop(cpu, &st);
    cpu->in_guest = false;
    return r;
}

void interp_flush(struct vm *vm)
{
    block_flush(vm);
    jit_flush(vm);
}

void interp_invalidate(struct vm *vm, guest_addr start, guest_addr end)
{
    block_invalidate(vm, start, end);
    jit_invalidate(vm, start, end);
}
