/* Decoder: raw bits -> struct insn. One place for RV64GC, RVC included. */
#ifndef RVX_CPU_DECODE_H
#define RVX_CPU_DECODE_H

#include "cpu/insn.h"

/* Decodes the instruction whose first 16 bits are the low half of bits
 * (pass 32 bits when available; a compressed instruction uses only the
 * low 16). Returns the length (2 or 4); on an illegal or unsupported
 * encoding sets out->op = OP_ILLEGAL and still returns the length its
 * low bits imply. Never reads beyond its argument. */
int dec_insn(struct insn *out, u32 bits);

/* Static per-op data from insn.def. */
const char *insn_mnemonic(enum rv_op op);
enum insn_format insn_format(enum rv_op op);
enum insn_ext insn_ext(enum rv_op op);

/* True if the op ends a basic block (branch, jump, ecall, ebreak,
 * fence.i, and CSR writes to frm/fcsr are not block ends). */
bool insn_ends_block(enum rv_op op);

#endif
