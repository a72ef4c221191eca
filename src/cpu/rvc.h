/* The compressed (RVC) forms, from rvc.def. struct insn.cop holds one;
 * 0 (COP_NONE) marks a 32-bit instruction. */
#ifndef RVX_CPU_RVC_H
#define RVX_CPU_RVC_H

#include "cpu/insn.h"

enum rvc_op {
    COP_NONE = 0,
#define RVC(name, mn, match, mask, op32, args) COP_##name,
#include "cpu/rvc.def"
#undef RVC
    COP_COUNT
};

/* Expands the compressed instruction half (low two bits != 3) into out:
 * op = the equivalent 32-bit op, cop = the compressed form, len = 2.
 * Reserved encodings give op = OP_ILLEGAL, cop = COP_NONE. */
void dec_rvc(struct insn *out, u16 half);

/* Static per-form data from rvc.def. */
const char *rvc_mnemonic(enum rvc_op cop);
const char *rvc_operands(enum rvc_op cop);

#endif
