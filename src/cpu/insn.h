/* The one decoded instruction form. The decoder fills it, and the
 * interpreter, the translator, the disassembler and the tracer read it.
 * Compressed instructions expand into the 32-bit op they stand for; cop
 * remembers the compressed form so the disassembler can print it. */
#ifndef RVX_CPU_INSN_H
#define RVX_CPU_INSN_H

#include "base/types.h"

enum rv_op {
    OP_ILLEGAL = 0,
#define INSN(name, mn, match, mask, fmt, ext, args) OP_##name,
#include "cpu/insn.def"
#undef INSN
    OP_COUNT
};

enum insn_format { FMT_NONE, FMT_R, FMT_I, FMT_S, FMT_B, FMT_U, FMT_J, FMT_R4,
                   FMT_SHIFT, FMT_SHIFTW, FMT_CSR, FMT_FENCE, FMT_AMO };

enum insn_ext { EXT_I, EXT_M, EXT_A, EXT_F, EXT_D, EXT_ZICSR, EXT_ZIFENCEI, EXT_C };

/* Rounding-mode field values (insn.rm for FP ops). */
enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };

struct insn {
    u16 op;      /* enum rv_op; OP_ILLEGAL if the bits are not an instruction */
    u16 cop;     /* enum rvc_op of the compressed form, 0 for 32-bit ones */
    u8 rd, rs1, rs2, rs3;
    u8 rm;       /* FP: rounding mode; AMO/LR/SC: aq<<1 | rl; FENCE: fm<<8 not here, see imm */
    u8 len;      /* 2 or 4 bytes */
    i32 imm;     /* sign-extended immediate; shift amount; CSR number (CSR
                    format, with the uimm5 of CSR*I in rs1); FENCE: the
                    raw 12-bit fm|pred|succ field */
    u32 raw;     /* the encoding as fetched (16 bits for RVC) */
};

#endif
