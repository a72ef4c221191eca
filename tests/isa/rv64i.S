/* RV64I: every instruction, with the edge cases the spec calls out
 * (sign extension, shifts by 63/31, x0 as destination, branch signedness,
 * misaligned loads and stores succeeding as on Linux). No RVC here. */
#include "isa.h"
    .option norvc
    .text
    .globl _start
_start:
    /* lui / auipc */
    lui t2, 0x12345
    CHK t2, 0x12345000
    lui t2, 0x80000              /* bit 31 set: sign-extends */
    CHK t2, 0xffffffff80000000
    lui t2, 0xfffff
    CHK t2, 0xfffffffffffff000
1:  auipc t0, 0
    lla t1, 1b
    CHKR t0, t1
2:  auipc t0, 1
    lla t1, 2b
    sub t0, t0, t1
    CHK t0, 4096
3:  auipc t0, 0xfffff            /* pc - 4096 */
    lla t1, 3b
    sub t0, t1, t0
    CHK t0, 4096

    /* addi and friends, sign-extended 12-bit immediates */
    TRI addi, 0, 2047, 2047
    TRI addi, 0, -2048, -2048
    TRI addi, 0x7fffffffffffffff, 1, 0x8000000000000000
    TRI addi, 5, -6, -1
    TRI slti, -1, 0, 1
    TRI slti, 0, -1, 0
    TRI slti, 5, 5, 0
    TRI sltiu, 5, -1, 1          /* imm sign-extends to 2^64-1, compared unsigned */
    TRI sltiu, -1, 5, 0
    TRI sltiu, 0, 1, 1           /* seqz */
    TRI xori, 0x00ff00ff00ff00ff, -1, 0xff00ff00ff00ff00
    TRI xori, 0x0f, 0x7f0, 0x7ff
    TRI ori, 0x8000000000000000, 0x555, 0x8000000000000555
    TRI ori, 0, -2048, 0xfffffffffffff800
    TRI andi, 0x123456789abcdef0, -16, 0x123456789abcdef0
    TRI andi, 0x123456789abcdeff, 0xff, 0xff
    TRI andi, -1, -2048, 0xfffffffffffff800
    TRI slli, 1, 63, 0x8000000000000000
    TRI slli, 0x0123456789abcdef, 4, 0x123456789abcdef0
    TRI slli, 7, 0, 7
    TRI srli, 0x8000000000000000, 63, 1
    TRI srli, -1, 4, 0x0fffffffffffffff
    TRI srai, 0x8000000000000000, 63, -1
    TRI srai, -16, 2, -4
    TRI srai, 0x4000000000000000, 62, 1

    /* register-register */
    TRR add, 0x7fffffffffffffff, 1, 0x8000000000000000
    TRR add, -1, -1, -2
    TRR sub, 0, 1, -1
    TRR sub, 0x8000000000000000, 1, 0x7fffffffffffffff
    TRR sll, 1, 63, 0x8000000000000000
    TRR sll, 1, 65, 2            /* only the low 6 bits of rs2 count */
    TRR sll, 3, -1, 0x8000000000000000
    TRR slt, -1, 1, 1
    TRR slt, 1, -1, 0
    TRR slt, 0x8000000000000000, 0x7fffffffffffffff, 1
    TRR sltu, -1, 1, 0
    TRR sltu, 1, -1, 1
    TRR sltu, 0, 0, 0
    TRR xor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0
    TRR srl, 0x8000000000000000, 63, 1
    TRR srl, 0x8000000000000000, 64, 0x8000000000000000
    TRR srl, -1, 68, 0x0fffffffffffffff
    TRR sra, 0x8000000000000000, 63, -1
    TRR sra, 0x8000000000000000, 127, -1
    TRR sra, 0x7000000000000000, 60, 7
    TRR or, 0xf0f0000000000000, 0x000000000000000f, 0xf0f000000000000f
    TRR and, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0xf000f000f000f000

    /* W ops: low 32 bits, result sign-extended */
    TRI addiw, 0x7fffffff, 1, 0xffffffff80000000
    TRI addiw, 0x12345678ffffffff, 1, 0
    TRI addiw, 0xffffffff, 0, -1            /* sext.w */
    TRI addiw, 0x100000000, -1, -1
    TRI slliw, 1, 31, 0xffffffff80000000
    TRI slliw, 0xffffffff00000001, 4, 16
    TRI srliw, 0x80000000, 31, 1
    TRI srliw, 0xffffffff80000000, 0, 0xffffffff80000000
    TRI srliw, 0x12345678f0000000, 4, 0x0f000000
    TRI sraiw, 0x80000000, 31, -1
    TRI sraiw, 0x00000000f0000000, 4, 0xffffffffff000000
    TRI sraiw, 0x7fffffff, 30, 1
    TRR addw, 0x12345678ffffffff, 1, 0
    TRR addw, 0x7fffffff, 0x7fffffff, -2
    TRR subw, 0, 1, -1
    TRR subw, 0x80000000, 1, 0x7fffffff
    TRR subw, 0x100000000, 0, 0
    TRR sllw, 1, 31, 0xffffffff80000000
    TRR sllw, 1, 32, 1                       /* low 5 bits of rs2 */
    TRR sllw, 3, 63, 0xffffffff80000000
    TRR srlw, 0x80000000, 31, 1
    TRR srlw, 0xffffffff80000000, 32, 0xffffffff80000000
    TRR srlw, 0x12345678f0000000, 4, 0x0f000000
    TRR sraw, 0x80000000, 31, -1
    TRR sraw, 0xfffffffff0000000, 36, 0xffffffffff000000
    TRR sraw, 0x7fffffff, 30, 1

    /* x0 as destination stays zero */
    li t0, 5
    addi x0, t0, 1
    CHK x0, 0
    add x0, t0, t0
    lui x0, 0x12345
    CHK x0, 0
    lla t1, data
    ld x0, 0(t1)
    CHK x0, 0
    addiw x0, t0, 1
    add t2, x0, x0
    CHK t2, 0

    /* branches: signed versus unsigned */
    TBR beq, 1, 1, 1
    TBR beq, 1, 2, 0
    TBR beq, -1, 0xffffffff, 0
    TBR bne, 1, 2, 1
    TBR bne, -1, -1, 0
    TBR blt, -1, 1, 1
    TBR blt, 1, -1, 0
    TBR blt, 1, 1, 0
    TBR blt, 0x8000000000000000, 0, 1
    TBR bge, 1, -1, 1
    TBR bge, -1, -1, 1
    TBR bge, -1, 1, 0
    TBR bltu, 1, -1, 1
    TBR bltu, -1, 1, 0
    TBR bltu, 1, 1, 0
    TBR bgeu, -1, 1, 1
    TBR bgeu, 1, -1, 0
    TBR bgeu, 0, 0, 1
    /* backward branch loop: sum 1..10 */
    li t0, 10
    li t1, 0
4:  add t1, t1, t0
    addi t0, t0, -1
    bnez t0, 4b
    CHK t1, 55

    /* jal / jalr: link = next pc; jalr clears bit 0; rd == rs1 */
    jal t0, 5f
6:  j 7f
5:  lla t1, 6b
    CHKR t0, t1
    jal x0, 8f                   /* j: no link */
7:  li s11, 250
    j isa_fail
8:  lla t0, 9f
    jalr t1, 1(t0)               /* target + 1: bit 0 cleared */
10: li s11, 251
    j isa_fail
9:  lla t2, 10b
    CHKR t1, t2
    lla t0, 11f
    jalr t0, 0(t0)               /* rd == rs1: target from the old value */
12: li s11, 252
    j isa_fail
11: lla t2, 12b
    CHKR t0, t2
    lla t0, 13f
    addi t0, t0, 16
    jalr x0, -16(t0)             /* negative offset */
    li s11, 253
    j isa_fail
13:

    /* loads: widths and sign/zero extension */
    lla t0, data
    lb t2, 0(t0)
    CHK t2, 0x11
    lb t2, 8(t0)
    CHK t2, 0xfffffffffffffff8
    lbu t2, 8(t0)
    CHK t2, 0xf8
    lh t2, 8(t0)
    CHK t2, 0xfffffffffffff9f8
    lh t2, 2(t0)
    CHK t2, 0x4433
    lhu t2, 8(t0)
    CHK t2, 0xf9f8
    lw t2, 8(t0)
    CHK t2, 0xfffffffffbfaf9f8
    lw t2, 4(t0)
    CHK t2, 0xffffffff88776655
    lw t2, 0(t0)
    CHK t2, 0x44332211
    lwu t2, 8(t0)
    CHK t2, 0xfbfaf9f8
    ld t2, 0(t0)
    CHK t2, 0x8877665544332211
    ld t2, 8(t0)
    CHK t2, 0xfffefdfcfbfaf9f8
    addi t1, t0, 16
    ld t2, -8(t1)                /* negative offset */
    CHK t2, 0xfffefdfcfbfaf9f8
    /* misaligned loads succeed */
    ld t2, 1(t0)
    CHK t2, 0xf888776655443322
    lw t2, 3(t0)
    CHK t2, 0x77665544
    lh t2, 7(t0)
    CHK t2, 0xfffffffffffff888
    lhu t2, 7(t0)
    CHK t2, 0xf888
    lwu t2, 6(t0)
    CHK t2, 0xf9f88877

    /* stores: widths, then misaligned */
    lla t0, buf
    sd x0, 0(t0)
    sd x0, 8(t0)
    li t1, 0x1122334455667788
    sb t1, 0(t0)
    ld t2, 0(t0)
    CHK t2, 0x88
    sh t1, 2(t0)
    ld t2, 0(t0)
    CHK t2, 0x0000000077880088
    sw t1, 4(t0)
    ld t2, 0(t0)
    CHK t2, 0x5566778877880088
    sd t1, 8(t0)
    ld t2, 8(t0)
    CHK t2, 0x1122334455667788
    sd t1, 3(t0)                 /* misaligned */
    ld t2, 0(t0)
    CHK t2, 0x4455667788880088
    ld t2, 8(t0)
    CHK t2, 0x1122334455112233
    sw t1, 13(t0)
    ld t2, 8(t0)
    CHK t2, 0x6677884455112233
    sh t1, 15(t0)
    lhu t2, 15(t0)
    CHK t2, 0x7788
    sb t1, -1(t0)
    lbu t2, -1(t0)
    CHK t2, 0x88

    /* fences execute as no-ops for a single thread */
    fence
    fence rw, rw
    fence w, r
    fence r, r
    fence.tso
    fence.i
    li t0, 1
    CHK t0, 1
    PASS

    ISA_RUNTIME

    .data
    .balign 8
data:
    .dword 0x8877665544332211, 0xfffefdfcfbfaf9f8
    .balign 8
    .space 8
buf:
    .space 32
