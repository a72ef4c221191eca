/* The user-mode CSRs rvx implements (Zicsr, Zicntr, F/D):
 *   0x001 fflags, 0x002 frm, 0x003 fcsr            read/write
 *   0xc00 cycle, 0xc01 time, 0xc02 instret         read-only
 * Any other CSR, or a write to a read-only one, is an illegal
 * instruction. cycle reads the same as instret. time counts at
 * CSR_TIME_HZ from the host's CLOCK_MONOTONIC (riscv_hwprobe key 8
 * TIME_CSR_FREQ and /proc/cpuinfo report this frequency). */
#ifndef RVX_CPU_CSR_H
#define RVX_CPU_CSR_H

#include "cpu/cpu.h"
#include "cpu/insn.h"

#define CSR_TIME_HZ 10000000ull /* 10 MHz: one tick per 100 ns */

enum { CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
       CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02 };

/* Executes CSRRW/RS/RC/RWI/RSI/RCI on csr. rs1 is the instruction's rs1
 * field (the uimm5 for the I forms), rs1_val the x[rs1] value (ignored
 * for the I forms), instret the count retired before this instruction.
 * Per spec, CSRRS/CSRRC with rs1 = x0 and CSRRSI/CSRRCI with uimm 0 do
 * not write (so they may read read-only counters). Stores the old value
 * in *old; returns false if the instruction is illegal. */
bool csr_exec(struct cpu *c, enum rv_op op, u32 csr, unsigned rs1, u64 rs1_val,
              u64 instret, u64 *old);

/* The time CSR value now. */
u64 csr_time(void);

#endif
