/* -d out_asm: each translation's host code as it was emitted, in a
 * form objdump reads (scripts/out_asm.sh turns a log into disassembly). */
#ifndef RVX_TOOLS_OUT_ASM_H
#define RVX_TOOLS_OUT_ASM_H

#include "base/types.h"

/* Logs one translation: guest [pc, end), host execution address, bytes.
 * Caller checks log_on(LOG_OUT_ASM) and -dfilter. */
void out_asm_block(guest_addr pc, guest_addr end, const u8 *code, u32 size);

#endif
