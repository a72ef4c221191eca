/* RV64M: every instruction and the spec's division table (no traps):
 *   x / 0 = -1, x % 0 = x, INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0,
 * W forms on the low 32 bits with sign-extended results. */
#include "isa.h"
    .option norvc
    .text
    .globl _start
_start:
    TRR mul, 3, -7, -21
    TRR mul, 0x8000000000000000, -1, 0x8000000000000000
    TRR mul, 0x100000001, 0x100000001, 0x0000000200000001
    TRR mul, -1, -1, 1
    TRR mulh, -1, -1, 0
    TRR mulh, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000
    TRR mulh, -2, 3, -1
    TRR mulh, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff
    TRR mulh, 0x8000000000000000, 0x7fffffffffffffff, 0xc000000000000000
    TRR mulhu, -1, -1, 0xfffffffffffffffe
    TRR mulhu, 0x100000000, 0x100000000, 1
    TRR mulhu, 0x8000000000000000, 2, 1
    TRR mulhu, 5, 7, 0
    TRR mulhsu, -1, -1, -1               /* -1 * (2^64-1) = -(2^64-1) */
    TRR mulhsu, 2, -1, 1                 /* 2 * (2^64-1) = 2^65 - 2 */
    TRR mulhsu, 0x8000000000000000, 2, -1
    TRR mulhsu, -1, 1, -1
    TRR mulhsu, 0x7fffffffffffffff, 0x8000000000000000, 0x3fffffffffffffff

    TRR div, -7, 2, -3
    TRR div, 7, -2, -3
    TRR div, -7, -2, 3
    TRR div, 20, 5, 4
    TRR div, 5, 0, -1
    TRR div, -5, 0, -1
    TRR div, 0x8000000000000000, -1, 0x8000000000000000
    TRR divu, -7, 2, 0x7ffffffffffffffc
    TRR divu, 5, 0, -1
    TRR divu, 0x8000000000000000, -1, 0
    TRR divu, -1, -1, 1
    TRR rem, -7, 2, -1
    TRR rem, 7, -2, 1
    TRR rem, -7, -2, -1
    TRR rem, 5, 0, 5
    TRR rem, -5, 0, -5
    TRR rem, 0x8000000000000000, -1, 0
    TRR remu, -7, 2, 1
    TRR remu, 5, 0, 5
    TRR remu, -1, 0, -1
    TRR remu, 0x8000000000000000, 3, 2

    TRR mulw, 0x7fffffff, 2, 0xfffffffffffffffe
    TRR mulw, 0x100000003, 5, 15
    TRR mulw, 0x10000, 0x10000, 0
    TRR mulw, -1, -1, 1
    TRR divw, -7, 2, -3
    TRR divw, 0x80000000, -1, 0xffffffff80000000
    TRR divw, 0x12345678, 0, -1
    TRR divw, 0xffffffff00000007, 2, 3
    TRR divw, 7, 0x100000000, -1          /* divisor's low word is 0 */
    TRR divuw, 0xfffffff9, 2, 0x7ffffffc
    TRR divuw, 5, 0, -1
    TRR divuw, 0x80000000, 1, 0xffffffff80000000
    TRR divuw, 0xffffffffffffffff, 0xffffffff, 1
    TRR remw, -7, 2, -1
    TRR remw, 0x80000000, -1, 0
    TRR remw, 0x180000000, 0, 0xffffffff80000000
    TRR remw, 0x7fffffff, 0x10, 15
    TRR remuw, 0xfffffff9, 2, 1
    TRR remuw, 0xfffffff9, 0, 0xfffffffffffffff9
    TRR remuw, 0x1fffffffe, 0xffffffff, 0xfffffffffffffffe
    TRR remuw, 0x1fffffffe, 0x100000000, 0xfffffffffffffffe

    /* rd == rs1 == rs2, and x0 as destination */
    li t0, -3
    mul t0, t0, t0
    CHK t0, 9
    div x0, t0, t0
    CHK x0, 0
    PASS
    ISA_RUNTIME
