/* F and D semantics, exactly as the RISC-V spec defines them, in one
 * place both engines call: canonical NaNs, NaN-boxing, fflags accrued in
 * cpu->fcsr, all five rounding modes (RMM included), IEEE 754-2019
 * minimumNumber/maximumNumber, saturating conversions, fused
 * multiply-add with one rounding, tininess after rounding.
 *
 * Register values are passed and returned as the raw 64-bit f or x
 * register contents: single inputs are unboxed here (an improperly boxed
 * input reads as the canonical NaN), single results come back boxed. */
#ifndef RVX_CPU_FPU_H
#define RVX_CPU_FPU_H

#include "cpu/cpu.h"
#include "cpu/insn.h"

/* Resolves an instruction's rm field against frm. Returns 0..4, or -1
 * when the instruction is illegal (rm 5/6, or DYN with frm 5..7). */
static inline int fpu_rm(const struct cpu *c, int rm)
{
    if (rm == RM_DYN)
        rm = (c->fcsr >> 5) & 7;
    return rm <= RM_RMM ? rm : -1;
}

/* Executes one OP-FP or R4 (fused) instruction other than loads, stores
 * and the fmv.x.w/fmv.w.x/fmv.x.d/fmv.d.x moves. a, b, c3 are the
 * source register values (rs1 from x[] for fcvt.*.w/l, else from f[]);
 * rm is resolved (0..4). Returns the value to write to rd: into x[] when
 * fpu_rd_is_int(op), else into f[]. Sets fflags in cpu->fcsr. */
u64 fpu_exec(struct cpu *cpu, enum rv_op op, u64 a, u64 b, u64 c3, int rm);

/* MXCSR exception flags (bits 0-5) -> fflags: IE ZE OE UE PE -> NV DZ OF
 * UF NX; DE (bit 1), the denormal-operand flag, has no RISC-V meaning.
 * The translator's inline SSE ops take their fflags from it too. */
extern const u8 fpu_mxcsr_fflags[64];

bool fpu_rd_is_int(enum rv_op op); /* feq/flt/fle/fclass/fcvt.{w,l}* */
bool fpu_rs1_is_int(enum rv_op op); /* fcvt.{s,d}.{w,wu,l,lu} */

#endif
