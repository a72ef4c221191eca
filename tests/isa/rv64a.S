/* RV64A: LR/SC pairs (success 0, failure non-zero, any SC ends the
 * reservation) and every AMO, .w results sign-extended, min/max signed
 * versus unsigned, aq/rl variants. */
#include "isa.h"
    .option norvc
    .text
    .globl _start

/* AMO on word: mem = init; rd = amo(mem, src); check rd and new mem. */
.macro TAMOW op, init, src, old, new
    lla a0, mem
    li t0, \init
    sw t0, 0(a0)
    li t1, \src
    \op t2, t1, (a0)
    CHK t2, \old
    lwu t2, 0(a0)
    CHK t2, \new
.endm
.macro TAMOD op, init, src, old, new
    lla a0, mem
    li t0, \init
    sd t0, 0(a0)
    li t1, \src
    \op t2, t1, (a0)
    CHK t2, \old
    ld t2, 0(a0)
    CHK t2, \new
.endm

_start:
    /* lr/sc success, then a second sc fails (reservation consumed) */
    lla a0, mem
    li t0, 0x1122334455667788
    sd t0, 0(a0)
    lr.d t1, (a0)
    CHK t1, 0x1122334455667788
    li t2, 42
    sc.d t3, t2, (a0)
    CHK t3, 0
    ld t4, 0(a0)
    CHK t4, 42
    sc.d t3, t0, (a0)
    snez t3, t3
    CHK t3, 1
    ld t4, 0(a0)
    CHK t4, 42
    /* lr.w sign-extends; sc.w writes only the word */
    li t0, -1
    sd t0, 0(a0)
    li t0, 0x80000000
    sw t0, 0(a0)
    lr.w t1, (a0)
    CHK t1, 0xffffffff80000000
    li t2, 0x100000007
    sc.w t3, t2, (a0)
    CHK t3, 0
    ld t4, 0(a0)
    CHK t4, 0xffffffff00000007
    /* aq/rl forms; a retry loop as compilers emit it */
    li t0, 5
    sd t0, 0(a0)
1:  lr.d.aqrl t1, (a0)
    addi t1, t1, 1
    sc.d.rl t3, t1, (a0)
    bnez t3, 1b
    ld t4, 0(a0)
    CHK t4, 6
1:  lr.w.aq t1, (a0)
    addi t1, t1, 10
    sc.w.aqrl t3, t1, (a0)
    bnez t3, 1b
    lw t4, 0(a0)
    CHK t4, 16
    /* sc without a preceding lr fails and writes nothing */
    li t2, 99
    sc.d t3, t2, (a0)
    snez t3, t3
    CHK t3, 1
    ld t4, 0(a0)
    CHK t4, 16

    TAMOW amoswap.w, 0x80000000, 1, 0xffffffff80000000, 1
    TAMOW amoswap.w.aqrl, 1, 0x1ffffffff, 1, 0xffffffff
    TAMOW amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000
    TAMOW amoadd.w, 0xffffffff, 0x100000001, -1, 0
    TAMOW amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xf0f0f0f0
    TAMOW amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00
    TAMOW amoor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xfff0fff0
    TAMOW amomin.w, 0xffffffff, 1, -1, 0xffffffff
    TAMOW amomin.w, 1, 0xffffffff, 1, 0xffffffff
    TAMOW amomin.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x80000000
    TAMOW amomax.w, 0xffffffff, 1, -1, 1
    TAMOW amomax.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff
    TAMOW amominu.w, 0xffffffff, 1, -1, 1
    TAMOW amominu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff
    TAMOW amomaxu.w, 1, 0xffffffff, 1, 0xffffffff
    TAMOW amomaxu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x80000000
    TAMOW amomaxu.w.aq, 0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000

    TAMOD amoswap.d, 0x8000000000000000, 1, 0x8000000000000000, 1
    TAMOD amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000
    TAMOD amoadd.d.rl, -1, 1, -1, 0
    TAMOD amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0
    TAMOD amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00
    TAMOD amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0
    TAMOD amomin.d, -1, 1, -1, -1
    TAMOD amomin.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000
    TAMOD amomax.d, -1, 1, -1, 1
    TAMOD amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
    TAMOD amominu.d, -1, 1, -1, 1
    TAMOD amominu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
    TAMOD amomaxu.d, 1, -1, 1, -1
    TAMOD amomaxu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000
    /* .w on the upper word of a doubleword leaves the lower one */
    lla a0, mem
    li t0, 0x1111111122222222
    sd t0, 0(a0)
    li t1, 1
    addi a1, a0, 4
    amoadd.w t2, t1, (a1)
    CHK t2, 0x11111111
    amoadd.w t2, t1, (a1)
    CHK t2, 0x11111112
    ld t2, 0(a0)
    CHK t2, 0x1111111322222222
    /* rd = x0 (the value is discarded) and rd == rs2 */
    li t1, 5
    amoswap.d x0, t1, (a0)
    CHK x0, 0
    li t1, 7
    amoadd.d t1, t1, (a0)
    CHK t1, 5
    ld t2, 0(a0)
    CHK t2, 12
    PASS
    ISA_RUNTIME

    .data
    .balign 8
mem: .dword 0, 0
