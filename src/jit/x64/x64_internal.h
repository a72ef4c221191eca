/* x64 internals shared by the emitter files: turning an operand width into
 * opcode flags, and width-sized immediates. Not for the translator. */
#ifndef RVX_JIT_X64_X64_INTERNAL_H
#define RVX_JIT_X64_X64_INTERNAL_H

#include "jit/x64/x64.h"

/* op is the full-size opcode whose byte form is op - 1 (00/01, 88/89,
 * F6/F7 ...). W8 picks the byte form with byte registers in reg and rm;
 * W16 adds the 66 prefix; W64 adds REX.W. */
static inline u32 x64_wop(enum x64_width w, u32 op)
{
    switch (w) {
    case W8: return (op - 1) | X64_BYTE_R | X64_BYTE_M;
    case W16: return op | X64_OSIZE;
    case W32: return op;
    default: return op | X64_W;
    }
}

/* The same for /digit forms, where ModRM.reg is not a register. */
static inline u32 x64_wop_digit(enum x64_width w, u32 op)
{
    return x64_wop(w, op) & ~X64_BYTE_R;
}

/* Opcodes without a byte form (imul, cmovcc, lzcnt ...): W16..W64. */
static inline u32 x64_wop16(enum x64_width w, u32 op)
{
    return w == W16 ? op | X64_OSIZE : w == W64 ? op | X64_W : op;
}

void x64_imm_w(struct x64_buf *b, enum x64_width w, i32 imm);
int x64_imm_len(enum x64_width w);

#endif
