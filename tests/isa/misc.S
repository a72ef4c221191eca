/* F/D memory and moves (the part of F/D the interpreter does itself):
 * flw NaN-boxes, fsw stores the low word as is, fmv.x.w sign-extends,
 * fmv.w.x boxes, fld/fsd and misaligned FP accesses; then fence.i making
 * freshly written code visible (code in an mmap'ed RWX page, rewritten
 * and run twice). */
#include "isa.h"
    .option norvc
    .text
    .globl _start
_start:
    lla a0, fdata
    flw ft0, 0(a0)
    fmv.x.d t0, ft0
    CHK t0, 0xffffffff80000001          /* boxed: upper 32 bits all ones */
    fmv.x.w t0, ft0
    CHK t0, 0xffffffff80000001          /* sign-extended from bit 31 */
    flw ft1, 4(a0)
    fmv.x.w t0, ft1
    CHK t0, 0x3f800000
    fsw ft1, 16(a0)
    lwu t0, 16(a0)
    CHK t0, 0x3f800000
    li t1, 0x123456789abcdef0
    fmv.d.x ft2, t1                     /* not a boxed single: fsw stores the low word */
    fsw ft2, 20(a0)
    lwu t0, 20(a0)
    CHK t0, 0x9abcdef0
    fmv.x.w t0, ft2
    CHK t0, 0xffffffff9abcdef0
    li t1, 0x7654321000000000 + 0x40490fdb
    fmv.w.x ft3, t1                     /* takes the low word, boxes it */
    fmv.x.d t0, ft3
    CHK t0, 0xffffffff40490fdb
    fld ft4, 8(a0)
    fmv.x.d t0, ft4
    CHK t0, 0xc000000000000000
    fsd ft4, 24(a0)
    ld t0, 24(a0)
    CHK t0, 0xc000000000000000
    /* misaligned FP loads and stores succeed */
    fsd ft4, 33(a0)
    fld ft5, 33(a0)
    fmv.x.d t0, ft5
    CHK t0, 0xc000000000000000
    flw ft6, 2(a0)
    fmv.x.w t0, ft6
    CHK t0, 0x00008000
    fsw ft1, 47(a0)
    lwu t0, 47(a0)
    CHK t0, 0x3f800000

    /* fence.i: write "li a0, 42; ret" into an RWX page, run it, rewrite
     * it to "li a0, 43", fence.i, run it again */
    li a0, 0
    li a1, 4096
    li a2, 7                            /* PROT_READ|WRITE|EXEC */
    li a3, 0x22                         /* MAP_PRIVATE|MAP_ANONYMOUS */
    li a4, -1
    li a5, 0
    li a7, 222                          /* mmap */
    ecall
    li t0, -4096
    sltu t0, t0, a0
    CHK t0, 0
    mv s2, a0
    li t0, 0x02a00513                   /* addi a0, zero, 42 */
    sw t0, 0(s2)
    li t0, 0x00008067                   /* jalr zero, 0(ra) */
    sw t0, 4(s2)
    fence.i
    jalr s2
    CHK a0, 42
    li t0, 0x02b00513                   /* addi a0, zero, 43 */
    sw t0, 0(s2)
    fence.i
    jalr s2
    CHK a0, 43
    PASS
    ISA_RUNTIME

    .data
    .balign 8
fdata:
    .word 0x80000001, 0x3f800000
    .dword 0xc000000000000000
    .space 48
