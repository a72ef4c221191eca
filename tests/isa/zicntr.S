/* Zicntr exactness: instret counts retired instructions, so back-to-back
 * reads differ by exactly the instructions between them (rvx guarantees
 * this; rdcycle reads the same count). qemu-riscv64 reads host ticks
 * here, so run.sh does not use it as the oracle for this file. */
#include "isa.h"
    .option norvc
    .text
    .globl _start
_start:
    rdinstret t0
    rdinstret t1
    sub t2, t1, t0
    CHK t2, 1
    rdinstret t0
    nop
    addi x0, x0, 1
    li t3, 5
    rdinstret t1
    sub t2, t1, t0
    CHK t2, 4
    /* across taken branches and a loop: 1 + 10 * 2 */
    rdinstret t0
    li t3, 10
1:  addi t3, t3, -1
    bnez t3, 1b
    rdinstret t1
    sub t2, t1, t0
    CHK t2, 22
    /* across a syscall (getpid): "As ECALL and EBREAK cause synchronous
     * exceptions, they are not considered to retire" (privileged spec,
     * minstret), so only li and the first rdinstret count */
    rdinstret t0
    li a7, 172
    ecall
    rdinstret t1
    sub t2, t1, t0
    CHK t2, 2
    rdcycle t0
    rdcycle t1
    sub t2, t1, t0
    CHK t2, 1
    PASS
    ISA_RUNTIME
