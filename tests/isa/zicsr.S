/* Zicsr on the FP CSRs (fflags 0x001, frm 0x002, fcsr 0x003) and
 * Zicntr reads (cycle, time, instret). Per spec, csrrs/csrrc with
 * rs1 = x0 and csrrsi/csrrci with uimm = 0 do not write, so they may
 * read the read-only counters. instret counts retired instructions
 * exactly, so back-to-back reads differ by one. (Writes to counters and
 * unknown CSRs are illegal: faults.S.) */
#include "isa.h"
    .option norvc
    .text
    .globl _start
_start:
    /* csrrw: old value out, new value in; fcsr keeps 8 bits */
    li t0, 0x1ff
    csrrw t1, fcsr, t0
    CHK t1, 0
    csrr t2, fcsr
    CHK t2, 0xff
    csrr t2, fflags
    CHK t2, 0x1f
    csrr t2, frm
    CHK t2, 7
    /* fflags and frm are fields of fcsr */
    li t0, 0x3
    csrrw t1, frm, t0
    CHK t1, 7
    csrr t2, fcsr
    CHK t2, 0x7f
    li t0, 0x21
    csrrw t1, fflags, t0
    CHK t1, 0x1f
    csrr t2, fcsr
    CHK t2, 0x61
    /* csrrs / csrrc set and clear bits; with rs1 = x0 only read */
    li t0, 0x6
    csrrs t1, fflags, t0
    CHK t1, 0x01
    csrr t2, fflags
    CHK t2, 0x07
    li t0, 0x3
    csrrc t1, fflags, t0
    CHK t1, 0x07
    csrr t2, fflags
    CHK t2, 0x04
    csrrs t1, fcsr, x0
    CHK t1, 0x64
    csrrc t1, fcsr, x0
    CHK t1, 0x64
    /* immediate forms */
    csrrwi t1, fflags, 0x1f
    CHK t1, 0x04
    csrrci t1, fflags, 0x11
    CHK t1, 0x1f
    csrr t2, fflags
    CHK t2, 0x0e
    csrrsi t1, fflags, 0x10
    CHK t1, 0x0e
    csrr t2, fflags
    CHK t2, 0x1e
    csrrwi t1, frm, 1
    CHK t1, 3
    csrrsi t1, frm, 4
    CHK t1, 1
    csrr t2, frm
    CHK t2, 5
    csrrci t1, frm, 0
    CHK t1, 5
    csrrwi x0, fcsr, 0
    csrr t2, fcsr
    CHK t2, 0
    /* the pseudo-instructions */
    li t0, 0x2
    fsflags t1, t0
    CHK t1, 0
    frflags t2
    CHK t2, 2
    fsrm t1, t0
    CHK t1, 0
    frrm t2
    CHK t2, 2
    frcsr t2
    CHK t2, 0x42
    fscsr x0
    frcsr t2
    CHK t2, 0
    /* csrw x0-destination forms still write */
    li t0, 0x1
    csrw fflags, t0
    csrr t2, fflags
    CHK t2, 1
    csrs fflags, t0
    csrc fflags, t0
    csrr t2, fflags
    CHK t2, 0

    /* counters: readable with rs1 = x0 or uimm 0, monotonic */
    rdcycle t0
    rdtime t1
    rdinstret t2
    csrrsi t3, cycle, 0
    csrrci t4, time, 0
    csrrs t5, instret, x0
    sltu a0, t3, t0
    CHK a0, 0
    sltu a0, t4, t1
    CHK a0, 0
    sltu a0, t5, t2
    CHK a0, 0
    rdtime t0
    li t1, 0
1:  addi t1, t1, 1
    li t2, 100000
    bne t1, t2, 1b
    rdtime t3
    sltu a0, t0, t3                    /* time advanced over 300000 insns */
    CHK a0, 1
    PASS
    ISA_RUNTIME
