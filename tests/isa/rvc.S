/* RVC: every RV64C form, written with explicit c.* mnemonics; checks
 * immediates at their range ends, sign extension, and that c.jalr links
 * pc + 2. (c.ebreak is in faults.S.) Compressed 3-bit register fields
 * reach x8-x15 only: s0, s1, a0-a5. */
#include "isa.h"
    .text
    .globl _start
_start:
    lla sp, stk_top

    /* quadrant 0: c.addi4spn, c.lw/ld/fld, c.sw/sd/fsd */
    c.addi4spn a0, sp, 16
    addi t0, sp, 16
    CHKR a0, t0
    c.addi4spn a0, sp, 1020
    addi t0, sp, 1020
    CHKR a0, t0
    lla a0, buf
    li a1, 0x80000000
    c.sw a1, 4(a0)
    c.lw a2, 4(a0)
    CHK a2, 0xffffffff80000000
    li a1, 0x123456789abcdef0
    c.sd a1, 248(a0)
    c.ld a3, 248(a0)
    CHK a3, 0x123456789abcdef0
    c.sw a1, 124(a0)
    lwu a3, 124(a0)
    CHK a3, 0x9abcdef0
    fmv.d.x fa0, a1
    c.fsd fa0, 16(a0)
    ld a4, 16(a0)
    CHK a4, 0x123456789abcdef0
    li a4, 0x3ff0000000000000
    sd a4, 24(a0)
    c.fld fa1, 24(a0)
    fmv.x.d a5, fa1
    CHK a5, 0x3ff0000000000000

    /* quadrant 1 */
    c.nop
    c.li a0, -32
    CHK a0, -32
    c.li a0, 31
    CHK a0, 31
    c.li s0, 0
    CHK s0, 0
    c.addi a0, -32
    CHK a0, -1
    c.addi a0, 31
    CHK a0, 30
    li a1, 0x7fffffff
    c.addiw a1, 1
    CHK a1, 0xffffffff80000000
    li a1, 0x1ffffffff
    c.addiw a1, 0                      /* sext.w */
    CHK a1, -1
    c.addiw a1, -32
    CHK a1, -33
    mv t0, sp
    c.addi16sp sp, -512
    addi t0, t0, -512
    CHKR sp, t0
    c.addi16sp sp, 496
    addi t0, t0, 496
    CHKR sp, t0
    c.addi16sp sp, 16
    c.lui a2, 1
    CHK a2, 0x1000
    c.lui a2, 0x1f
    CHK a2, 0x1f000
    c.lui a2, 0xfffe0                  /* nzimm = -32: sign-extended */
    CHK a2, 0xfffffffffffe0000
    c.lui t3, 0xfffff
    CHK t3, 0xfffffffffffff000
    li a3, 0x8000000000000000
    c.srli a3, 63
    CHK a3, 1
    li a3, 0x8000000000000000
    c.srai a3, 63
    CHK a3, -1
    li a3, 0xf0
    c.srai a3, 4
    CHK a3, 0xf
    li a3, 0x8000000000000000
    c.srli a3, 1
    CHK a3, 0x4000000000000000
    li a3, -1
    c.andi a3, -32
    CHK a3, 0xffffffffffffffe0
    li a3, 0xff
    c.andi a3, 31
    CHK a3, 31
    li a4, 5
    li a5, 7
    c.sub a4, a5
    CHK a4, -2
    li a4, 0xff00
    li a5, 0x0ff0
    c.xor a4, a5
    CHK a4, 0xf0f0
    li a4, 0xff00
    c.or a4, a5
    CHK a4, 0xfff0
    li a4, 0xff00
    c.and a4, a5
    CHK a4, 0x0f00
    li a4, 0x80000000
    li a5, 1
    c.subw a4, a5
    CHK a4, 0x7fffffff
    li a4, 0x7fffffff
    c.addw a4, a5
    CHK a4, 0xffffffff80000000
    li a4, 0x1ffffffff
    c.addw a4, a5
    CHK a4, 0
    /* c.j, c.beqz, c.bnez: taken and not taken */
    li t2, 1
    c.j 1f
    li t2, 0
1:  CHK t2, 1
    li s0, 0
    li t2, 1
    c.beqz s0, 1f
    li t2, 0
1:  CHK t2, 1
    li t2, 1
    c.bnez s0, 1f
    li t2, 0
1:  CHK t2, 0
    li s0, -1
    li t2, 1
    c.beqz s0, 1f
    li t2, 0
1:  CHK t2, 0
    li t2, 1
    c.bnez s0, 1f
    li t2, 0
1:  CHK t2, 1
    /* a c.bnez loop */
    li s0, 10
    li s1, 0
2:  c.add s1, s0
    c.addi s0, -1
    c.bnez s0, 2b
    CHK s1, 55

    /* quadrant 2 */
    li a0, 1
    c.slli a0, 63
    CHK a0, 0x8000000000000000
    li t4, 3
    c.slli t4, 1
    CHK t4, 6
    li t0, 0x0123456789abcdef
    c.mv t1, t0
    CHKR t1, t0
    li t1, 1
    c.add t1, t0
    CHK t1, 0x0123456789abcdf0
    /* stack-pointer loads and stores */
    li t0, 0xfedcba9876543210
    c.sdsp t0, 504(sp)
    c.ldsp t1, 504(sp)
    CHKR t1, t0
    c.swsp t0, 252(sp)
    c.lwsp t1, 252(sp)
    CHK t1, 0x76543210
    li t0, 0x80000001
    c.swsp t0, 0(sp)
    c.lwsp t1, 0(sp)
    CHK t1, 0xffffffff80000001
    li t0, 0x4000000000000000
    fmv.d.x ft0, t0
    c.fsdsp ft0, 8(sp)
    c.ldsp t1, 8(sp)
    CHKR t1, t0
    li t0, 0xbff0000000000000
    c.sdsp t0, 16(sp)
    c.fldsp ft1, 16(sp)
    fmv.x.d t1, ft1
    CHKR t1, t0
    /* c.jr and c.jalr (link = address of the c.jalr + 2) */
    lla t0, 3f
    c.jr t0
    li s11, 250
    j isa_fail
3:  lla t0, 4f
4:  lla t0, 5f
    c.jalr t0
6:  j 7f
5:  lla t1, 6b
    CHKR ra, t1
    c.jr ra
    li s11, 251
    j isa_fail
7:
    PASS
    ISA_RUNTIME

    .data
    .balign 16
buf: .space 256
stk: .space 2048
stk_top: .space 1024
