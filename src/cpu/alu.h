/* Integer semantics with edge cases, in one place: the interpreter calls
 * these and the translator will call (or mirror) them, so both agree.
 *
 * RISC-V M never traps (spec, "M" chapter, division table):
 *   x / 0 = -1 (all ones)       x % 0 = x
 *   INT_MIN / -1 = INT_MIN      INT_MIN % -1 = 0
 * W ops compute on the low 32 bits and sign-extend the 32-bit result. */
#ifndef RVX_CPU_ALU_H
#define RVX_CPU_ALU_H

#include "base/types.h"

static inline u64 alu_sext32(u64 v) { return (u64)(i64)(i32)(u32)v; }

static inline u64 alu_div(u64 a, u64 b)
{
    if (b == 0)
        return ~0ull;
    if ((i64)a == INT64_MIN && (i64)b == -1)
        return a;
    return (u64)((i64)a / (i64)b);
}

static inline u64 alu_divu(u64 a, u64 b) { return b ? a / b : ~0ull; }

static inline u64 alu_rem(u64 a, u64 b)
{
    if (b == 0)
        return a;
    if ((i64)a == INT64_MIN && (i64)b == -1)
        return 0;
    return (u64)((i64)a % (i64)b);
}

static inline u64 alu_remu(u64 a, u64 b) { return b ? a % b : a; }

static inline u64 alu_divw(u64 a, u64 b)
{
    i32 x = (i32)a, y = (i32)b;
    if (y == 0)
        return ~0ull;
    if (x == INT32_MIN && y == -1)
        return alu_sext32((u32)x);
    return alu_sext32((u32)(x / y));
}

static inline u64 alu_divuw(u64 a, u64 b)
{
    u32 x = (u32)a, y = (u32)b;
    return y ? alu_sext32(x / y) : ~0ull;
}

static inline u64 alu_remw(u64 a, u64 b)
{
    i32 x = (i32)a, y = (i32)b;
    if (y == 0)
        return alu_sext32((u32)x);
    if (x == INT32_MIN && y == -1)
        return 0;
    return alu_sext32((u32)(x % y));
}

static inline u64 alu_remuw(u64 a, u64 b)
{
    u32 x = (u32)a, y = (u32)b;
    return alu_sext32(y ? x % y : x);
}

static inline u64 alu_mulh(u64 a, u64 b)
{
    return (u64)(((i128)(i64)a * (i128)(i64)b) >> 64);
}

static inline u64 alu_mulhu(u64 a, u64 b)
{
    return (u64)(((u128)a * (u128)b) >> 64);
}

/* rs1 signed, rs2 unsigned: the unsigned high product minus b when a < 0
 * (a = ua - 2^64 * sign). */
static inline u64 alu_mulhsu(u64 a, u64 b)
{
    u64 hi = alu_mulhu(a, b);
    return (i64)a < 0 ? hi - b : hi;
}

static inline u64 alu_mulw(u64 a, u64 b) { return alu_sext32((u32)a * (u32)b); }
static inline u64 alu_addw(u64 a, u64 b) { return alu_sext32((u32)a + (u32)b); }
static inline u64 alu_subw(u64 a, u64 b) { return alu_sext32((u32)a - (u32)b); }
static inline u64 alu_sllw(u64 a, u64 sh) { return alu_sext32((u32)a << (sh & 31)); }
static inline u64 alu_srlw(u64 a, u64 sh) { return alu_sext32((u32)a >> (sh & 31)); }
static inline u64 alu_sraw(u64 a, u64 sh) { return alu_sext32((u32)((i32)a >> (sh & 31))); }
static inline u64 alu_sra(u64 a, u64 sh) { return (u64)((i64)a >> (sh & 63)); }

#endif
