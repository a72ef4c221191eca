/* Disassembler: struct insn -> the text riscv64-linux-gnu-objdump -d
 * -M no-aliases prints for it (mnemonic, a tab, operands). */
#ifndef RVX_CPU_DISASM_H
#define RVX_CPU_DISASM_H

#include <stddef.h>

#include "cpu/insn.h"

/* pc is the instruction's address (branch and jal targets are printed
 * as absolute addresses, as objdump does). Returns the length written. */
size_t disasm(char *buf, size_t size, const struct insn *in, u64 pc);

extern const char *const rv_xreg_name[32]; /* "zero","ra","sp",... */
extern const char *const rv_freg_name[32]; /* "ft0",...,"ft11" */

#endif
