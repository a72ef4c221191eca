/* x64: a small x86-64 assembler (encoding only; it knows nothing of RISC-V).
 *
 * The translator writes machine code through the named emitters below, which
 * read like Intel-syntax assembly, destination first:
 *
 *     x64_mov_rm(b, W64, RAX, x64_mem(RBX, 16));     mov rax, [rbx+16]
 *     x64_add_ri(b, W32, RCX, 1);                    add ecx, 1
 *     x64_addsd_xx(b, XMM0, XMM1);                   addsd xmm0, xmm1
 *
 * Layers: opcode constants carry their prefix flags (66/F2/F3, REX.W, the
 * 0F/0F38/0F3A maps, lock); x64_op_* turn an opcode plus operands into
 * prefixes, REX or VEX, ModRM, SIB and displacement (every addressing
 * special case is handled there, once); the named emitters sit on top.
 *
 * Buffer: bytes go to [start, end). An instruction that does not fit sets
 * `overflow` and from then on nothing more is written; the caller checks
 * the flag once after a whole block and retries with more room.
 * Branch targets are execution addresses. When code is written through one
 * mapping and run through another (W^X with two mappings of shared memory), set
 * rx_delta = exec address - write address (x64_init_rx); it is 0 otherwise.
 *
 * Suffixes name the operands: r GPR, x XMM, m memory, i immediate, cl the
 * CL register. Widths W8..W64 select the operand size; a W32 result
 * zero-extends to 64 bits, as the hardware does.
 * Tested byte for byte against GNU as (tests/unit/test_x64.c). */
#ifndef RVX_JIT_X64_X64_H
#define RVX_JIT_X64_X64_H

#include "base/types.h"

struct x64_buf {
    u8 *p, *start, *end;
    bool overflow;
    intptr_t rx_delta;   /* exec address - write address */
};

enum x64_reg {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
    R8, R9, R10, R11, R12, R13, R14, R15,
    X64_RIP = 16,        /* only as a memory base */
    X64_NOREG = 17,      /* no base or no index */
};

enum x64_xmm {
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7,
    XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15,
};

enum x64_width { W8 = 1, W16 = 2, W32 = 4, W64 = 8 };

/* Condition codes, in encoding order (the low nibble of Jcc/SETcc/CMOVcc). */
enum x64_cc {
    CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A,
    CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G,
};
static inline enum x64_cc x64_cc_invert(enum x64_cc cc) { return cc ^ 1; }

/* [base + index*scale + disp]. base may be X64_RIP (disp is then relative
 * to the end of the instruction, or computed from `target` when that is
 * set) or X64_NOREG (absolute disp32). index may not be RSP. */
struct x64_mem {
    u8 base, index, scale;
    i32 disp;
    const void *target;
};
static inline struct x64_mem x64_mem(enum x64_reg base, i32 disp)
{
    return (struct x64_mem){ base, X64_NOREG, 1, disp, 0 };
}
static inline struct x64_mem x64_mem_idx(enum x64_reg base, enum x64_reg index,
                                         int scale, i32 disp)
{
    return (struct x64_mem){ base, index, scale, disp, 0 };
}
static inline struct x64_mem x64_mem_rip(i32 disp)
{
    return (struct x64_mem){ X64_RIP, X64_NOREG, 1, disp, 0 };
}
/* RIP-relative operand addressing `target` (an execution address). */
static inline struct x64_mem x64_mem_at(const void *target)
{
    return (struct x64_mem){ X64_RIP, X64_NOREG, 1, 0, target };
}

/* ---- Opcode constants: opcode byte | map | mandatory prefix | flags ----
 * The pp and map fields use the VEX numbering so VEX forms reuse them. */
#define X64_P66      (1u << 8)
#define X64_PF3      (2u << 8)
#define X64_PF2      (3u << 8)
#define X64_PP(op)   (((op) >> 8) & 3)
#define X64_0F       (1u << 10)
#define X64_0F38     (2u << 10)
#define X64_0F3A     (3u << 10)
#define X64_MAP(op)  (((op) >> 10) & 3)
#define X64_W        (1u << 12)   /* REX.W (VEX.W for VEX forms) */
#define X64_OSIZE    (1u << 13)   /* 66 operand-size prefix (16-bit ops) */
#define X64_LOCK     (1u << 14)
#define X64_BYTE_R   (1u << 15)   /* ModRM.reg names a byte register */
#define X64_BYTE_M   (1u << 16)   /* ModRM.rm names a byte register */
#define X64_VEX      (1u << 17)
#define X64_VEX_L    (1u << 18)   /* 256-bit VEX form */

/* ---- Encoding layer (x64_enc.c) ---- */
void x64_init(struct x64_buf *b, void *mem, size_t size);
void x64_init_rx(struct x64_buf *b, void *mem, size_t size, const void *exec);
static inline size_t x64_offset(const struct x64_buf *b) { return b->p - b->start; }
/* Execution address of the next byte to be emitted. */
static inline const u8 *x64_here(const struct x64_buf *b) { return b->p + b->rx_delta; }
void x64_emit8(struct x64_buf *b, u8 v);
void x64_emit16(struct x64_buf *b, u16 v);
void x64_emit32(struct x64_buf *b, u32 v);
void x64_emit64(struct x64_buf *b, u64 v);
void x64_data(struct x64_buf *b, const void *src, size_t n);   /* literal pools */

/* op with a register (or /digit) in ModRM.reg and a register in ModRM.rm. */
void x64_op_rr(struct x64_buf *b, u32 op, int reg, int rm);
/* The same with a memory operand; imm_len = immediate bytes that follow
 * (needed to compute a RIP-relative displacement from a target). */
void x64_op_rm(struct x64_buf *b, u32 op, int reg, struct x64_mem m, int imm_len);
/* op with the register in the low 3 bits of the opcode byte (push, bswap). */
void x64_op_o(struct x64_buf *b, u32 op, int reg);
/* A bare opcode with its prefixes (cqo, ret, mfence ...). */
void x64_op(struct x64_buf *b, u32 op);
/* VEX forms: reg, vvvv (second source, or /digit's partner), rm. */
void x64_vex_rr(struct x64_buf *b, u32 op, int reg, int vvvv, int rm);
void x64_vex_rm(struct x64_buf *b, u32 op, int reg, int vvvv, struct x64_mem m,
                int imm_len);

/* ---- Integer instructions (x64_gpr.c, x64_alu.c) ---- */
void x64_mov_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_mov_rm(struct x64_buf *b, enum x64_width w, enum x64_reg dst, struct x64_mem m);
void x64_mov_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg src);
void x64_mov_mi(struct x64_buf *b, enum x64_width w, struct x64_mem m, i32 imm);
/* dst = imm (W32: the low 32 bits, zero-extended; W64: the shortest of
 * mov r32,imm32 / mov r64,simm32 / movabs). */
void x64_mov_ri(struct x64_buf *b, enum x64_width w, enum x64_reg dst, u64 imm);
/* Zero/sign extension from src width sw (W8/W16/W32) to dw (W32/W64). */
void x64_movzx_rr(struct x64_buf *b, enum x64_width sw, enum x64_reg dst, enum x64_reg src);
void x64_movzx_rm(struct x64_buf *b, enum x64_width sw, enum x64_reg dst, struct x64_mem m);
void x64_movsx_rr(struct x64_buf *b, enum x64_width dw, enum x64_width sw,
                  enum x64_reg dst, enum x64_reg src);
void x64_movsx_rm(struct x64_buf *b, enum x64_width dw, enum x64_width sw,
                  enum x64_reg dst, struct x64_mem m);
void x64_lea(struct x64_buf *b, enum x64_width w, enum x64_reg dst, struct x64_mem m);

/* The eight classic ALU operations; the value is the /digit. */
enum x64_alu { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };
void x64_alu_rr(struct x64_buf *b, enum x64_alu op, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_alu_ri(struct x64_buf *b, enum x64_alu op, enum x64_width w, enum x64_reg dst, i32 imm);
void x64_alu_rm(struct x64_buf *b, enum x64_alu op, enum x64_width w, enum x64_reg dst, struct x64_mem m);
void x64_alu_mr(struct x64_buf *b, enum x64_alu op, enum x64_width w, struct x64_mem m, enum x64_reg src);
void x64_alu_mi(struct x64_buf *b, enum x64_alu op, enum x64_width w, struct x64_mem m, i32 imm);

#define X64_ALU_NAMED(name, OP)                                                          \
    static inline void x64_##name##_rr(struct x64_buf *b, enum x64_width w,              \
                                       enum x64_reg d, enum x64_reg s)                   \
    { x64_alu_rr(b, OP, w, d, s); }                                                      \
    static inline void x64_##name##_ri(struct x64_buf *b, enum x64_width w,              \
                                       enum x64_reg d, i32 imm)                          \
    { x64_alu_ri(b, OP, w, d, imm); }                                                    \
    static inline void x64_##name##_rm(struct x64_buf *b, enum x64_width w,              \
                                       enum x64_reg d, struct x64_mem m)                 \
    { x64_alu_rm(b, OP, w, d, m); }                                                      \
    static inline void x64_##name##_mr(struct x64_buf *b, enum x64_width w,              \
                                       struct x64_mem m, enum x64_reg s)                 \
    { x64_alu_mr(b, OP, w, m, s); }                                                      \
    static inline void x64_##name##_mi(struct x64_buf *b, enum x64_width w,              \
                                       struct x64_mem m, i32 imm)                        \
    { x64_alu_mi(b, OP, w, m, imm); }
X64_ALU_NAMED(add, ALU_ADD)
X64_ALU_NAMED(or, ALU_OR)
X64_ALU_NAMED(adc, ALU_ADC)
X64_ALU_NAMED(sbb, ALU_SBB)
X64_ALU_NAMED(and, ALU_AND)
X64_ALU_NAMED(sub, ALU_SUB)
X64_ALU_NAMED(xor, ALU_XOR)
X64_ALU_NAMED(cmp, ALU_CMP)
#undef X64_ALU_NAMED

void x64_test_rr(struct x64_buf *b, enum x64_width w, enum x64_reg a, enum x64_reg c);
void x64_test_ri(struct x64_buf *b, enum x64_width w, enum x64_reg a, i32 imm);
void x64_test_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg c);
void x64_test_mi(struct x64_buf *b, enum x64_width w, struct x64_mem m, i32 imm);

/* Shifts and rotates; the value is the /digit. Counts are masked by the
 * CPU (to 5 bits, 6 for W64). */
enum x64_shift { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };
void x64_shift_ri(struct x64_buf *b, enum x64_shift op, enum x64_width w, enum x64_reg r, u8 imm);
void x64_shift_rcl(struct x64_buf *b, enum x64_shift op, enum x64_width w, enum x64_reg r);
#define X64_SHIFT_NAMED(name, OP)                                                        \
    static inline void x64_##name##_ri(struct x64_buf *b, enum x64_width w,              \
                                       enum x64_reg r, u8 imm)                           \
    { x64_shift_ri(b, OP, w, r, imm); }                                                  \
    static inline void x64_##name##_rcl(struct x64_buf *b, enum x64_width w, enum x64_reg r) \
    { x64_shift_rcl(b, OP, w, r); }
X64_SHIFT_NAMED(rol, SH_ROL)
X64_SHIFT_NAMED(ror, SH_ROR)
X64_SHIFT_NAMED(shl, SH_SHL)
X64_SHIFT_NAMED(shr, SH_SHR)
X64_SHIFT_NAMED(sar, SH_SAR)
#undef X64_SHIFT_NAMED

/* One-operand group 3 (F6/F7 /digit): not, neg, and the rdx:rax forms. */
enum x64_unary { UN_NOT = 2, UN_NEG = 3, UN_MUL = 4, UN_IMUL = 5, UN_DIV = 6, UN_IDIV = 7 };
void x64_unary_r(struct x64_buf *b, enum x64_unary op, enum x64_width w, enum x64_reg r);
void x64_unary_m(struct x64_buf *b, enum x64_unary op, enum x64_width w, struct x64_mem m);
static inline void x64_not_r(struct x64_buf *b, enum x64_width w, enum x64_reg r) { x64_unary_r(b, UN_NOT, w, r); }
static inline void x64_neg_r(struct x64_buf *b, enum x64_width w, enum x64_reg r) { x64_unary_r(b, UN_NEG, w, r); }
static inline void x64_mul_r(struct x64_buf *b, enum x64_width w, enum x64_reg r) { x64_unary_r(b, UN_MUL, w, r); }
static inline void x64_imul1_r(struct x64_buf *b, enum x64_width w, enum x64_reg r) { x64_unary_r(b, UN_IMUL, w, r); }
static inline void x64_div_r(struct x64_buf *b, enum x64_width w, enum x64_reg r) { x64_unary_r(b, UN_DIV, w, r); }
static inline void x64_idiv_r(struct x64_buf *b, enum x64_width w, enum x64_reg r) { x64_unary_r(b, UN_IDIV, w, r); }

/* dst *= src (W16..W64); dst = src * imm (imm8 form when it fits). */
void x64_imul_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_imul_rm(struct x64_buf *b, enum x64_width w, enum x64_reg dst, struct x64_mem m);
void x64_imul_rri(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, i32 imm);
void x64_cqo(struct x64_buf *b);   /* rdx:rax = sext(rax) */
void x64_cdq(struct x64_buf *b);   /* edx:eax = sext(eax) */

void x64_setcc(struct x64_buf *b, enum x64_cc cc, enum x64_reg dst8);
void x64_cmov_rr(struct x64_buf *b, enum x64_cc cc, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_cmov_rm(struct x64_buf *b, enum x64_cc cc, enum x64_width w, enum x64_reg dst, struct x64_mem m);

void x64_push_r(struct x64_buf *b, enum x64_reg r);
void x64_pop_r(struct x64_buf *b, enum x64_reg r);
void x64_push_i(struct x64_buf *b, i32 imm); /* sign-extended to 64 bits */
void x64_xchg_rr(struct x64_buf *b, enum x64_width w, enum x64_reg a, enum x64_reg c);
void x64_xchg_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg r);  /* implicitly locked */
void x64_lock_xadd_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg r);
void x64_lock_cmpxchg_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg r);
/* lock add/or/and/xor/sub... [m], r (no result beyond the flags). */
void x64_lock_alu_mr(struct x64_buf *b, enum x64_alu op, enum x64_width w, struct x64_mem m, enum x64_reg r);

/* Bit counting (lzcnt/tzcnt need the LZCNT/BMI1 features, popcnt POPCNT)
 * and byte swap; W16..W64 (bswap: W32/W64). */
void x64_lzcnt_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_tzcnt_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_popcnt_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_bsr_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_bsf_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src);
void x64_bswap_r(struct x64_buf *b, enum x64_width w, enum x64_reg r);
/* Bit test (CF = bit), and set/reset/complement; the value is the /digit
 * of the immediate form. W16..W64; register bit offsets are taken modulo
 * the width. */
enum x64_bt { BT_BT = 4, BT_BTS = 5, BT_BTR = 6, BT_BTC = 7 };
void x64_bt_rr(struct x64_buf *b, enum x64_bt op, enum x64_width w, enum x64_reg r, enum x64_reg bit);
void x64_bt_ri(struct x64_buf *b, enum x64_bt op, enum x64_width w, enum x64_reg r, u8 bit);
/* BMI1/BMI2 (VEX): dst = src << cnt etc.; andn: dst = ~a & src. W32/W64. */
void x64_shlx_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, enum x64_reg cnt);
void x64_shrx_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, enum x64_reg cnt);
void x64_sarx_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, enum x64_reg cnt);
void x64_andn_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg a, enum x64_reg src);
void x64_rorx_rri(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, u8 imm);

void x64_mfence(struct x64_buf *b);
void x64_lfence(struct x64_buf *b);
void x64_sfence(struct x64_buf *b);
void x64_pause(struct x64_buf *b);
void x64_ud2(struct x64_buf *b);
void x64_int3(struct x64_buf *b);
/* n bytes of no-ops, in as few instructions as possible (forms of up to
 * 9 bytes, the ones the vendors recommend), for padding and patch sites. */
void x64_nop(struct x64_buf *b, int n);

/* ---- Control flow (x64_branch.c) ----
 * Targets are execution addresses. The *32 forms return the buffer offset
 * of their 4-byte displacement, for later x64_patch_rel32 or x64_bind. */
void x64_jmp(struct x64_buf *b, const void *target);              /* rel8 or rel32 */
size_t x64_jmp32(struct x64_buf *b, const void *target);
size_t x64_jmp8(struct x64_buf *b, const void *target);
void x64_jcc(struct x64_buf *b, enum x64_cc cc, const void *target);
size_t x64_jcc32(struct x64_buf *b, enum x64_cc cc, const void *target);
size_t x64_jcc8(struct x64_buf *b, enum x64_cc cc, const void *target);
size_t x64_call(struct x64_buf *b, const void *target);            /* rel32 */
void x64_jmp_r(struct x64_buf *b, enum x64_reg r);
void x64_jmp_m(struct x64_buf *b, struct x64_mem m);
void x64_call_r(struct x64_buf *b, enum x64_reg r);
void x64_call_m(struct x64_buf *b, struct x64_mem m);
void x64_ret(struct x64_buf *b);
void x64_ret_i(struct x64_buf *b, u16 n); /* ret, then rsp += n */
/* call/jmp anywhere: rel32 when it reaches, else through `scratch`
 * (movabs scratch, target; call/jmp scratch), which is clobbered. */
void x64_call_far(struct x64_buf *b, const void *target, enum x64_reg scratch);
void x64_jmp_far(struct x64_buf *b, const void *target, enum x64_reg scratch);
/* True when a rel32 from `from` (end of instruction) can reach `target`. */
bool x64_rel32_ok(const void *from, const void *target);
/* Point the rel32 / rel8 at buffer offset `site` to the current position. */
void x64_bind(struct x64_buf *b, size_t site);
void x64_bind8(struct x64_buf *b, size_t site);

/* Patchable jumps: a jmp rel32 whose displacement lies inside one aligned
 * 8-byte word, so x64_patch_rel32 can rewrite it with a single atomic
 * store while other threads may be executing it. x64_align_patch_site
 * pads with a nop so that the rel32 after an opcode_len-byte opcode is
 * placed so; x64_jmp32_patchable does that and returns the rel32's offset.
 * Typical use (block chaining):
 *     size_t off = x64_jmp32_patchable(b, exit_stub);
 *     ... later: x64_patch_rel32(b->start + off, next_block);  */
void x64_align_patch_site(struct x64_buf *b, int opcode_len);
size_t x64_jmp32_patchable(struct x64_buf *b, const void *target);
/* The same for call rel32 (E8) and jcc rel32 (0F 8x): patched alike by
 * x64_patch_rel32. */
size_t x64_call32_patchable(struct x64_buf *b, const void *target);
size_t x64_jcc32_patchable(struct x64_buf *b, enum x64_cc cc, const void *target);
/* Rewrite the rel32 at `site` (write address) so it reaches `target`;
 * site_exec is the execution address of the same bytes. Aligned sites
 * only (CHECKed). */
void x64_patch_rel32_rx(u8 *site, const u8 *site_exec, const void *target);
static inline void x64_patch_rel32(u8 *site, const void *target)
{
    x64_patch_rel32_rx(site, site, target);
}

/* ---- SSE2/SSE4.1 and VEX (x64_sse.c) ---- */
#define X64_SSE_OPS(X)                                                         \
    X(movss_load,  X64_PF3 | X64_0F | 0x10) X(movsd_load, X64_PF2 | X64_0F | 0x10) \
    X(movss_store, X64_PF3 | X64_0F | 0x11) X(movsd_store, X64_PF2 | X64_0F | 0x11) \
    X(movaps, X64_0F | 0x28)            X(movapd, X64_P66 | X64_0F | 0x28)     \
    X(movq_x,  X64_PF3 | X64_0F | 0x7e) /* movq xmm, xmm/m64 (zeroes high) */  \
    X(addss, X64_PF3 | X64_0F | 0x58)   X(addsd, X64_PF2 | X64_0F | 0x58)      \
    X(mulss, X64_PF3 | X64_0F | 0x59)   X(mulsd, X64_PF2 | X64_0F | 0x59)      \
    X(subss, X64_PF3 | X64_0F | 0x5c)   X(subsd, X64_PF2 | X64_0F | 0x5c)      \
    X(minss, X64_PF3 | X64_0F | 0x5d)   X(minsd, X64_PF2 | X64_0F | 0x5d)      \
    X(divss, X64_PF3 | X64_0F | 0x5e)   X(divsd, X64_PF2 | X64_0F | 0x5e)      \
    X(maxss, X64_PF3 | X64_0F | 0x5f)   X(maxsd, X64_PF2 | X64_0F | 0x5f)      \
    X(sqrtss, X64_PF3 | X64_0F | 0x51)  X(sqrtsd, X64_PF2 | X64_0F | 0x51)     \
    X(ucomiss, X64_0F | 0x2e)           X(ucomisd, X64_P66 | X64_0F | 0x2e)    \
    X(comiss, X64_0F | 0x2f)            X(comisd, X64_P66 | X64_0F | 0x2f)     \
    X(cvtss2sd, X64_PF3 | X64_0F | 0x5a) X(cvtsd2ss, X64_PF2 | X64_0F | 0x5a)  \
    X(andps, X64_0F | 0x54)             X(andpd, X64_P66 | X64_0F | 0x54)      \
    X(andnps, X64_0F | 0x55)            X(andnpd, X64_P66 | X64_0F | 0x55)     \
    X(orps, X64_0F | 0x56)              X(orpd, X64_P66 | X64_0F | 0x56)       \
    X(xorps, X64_0F | 0x57)             X(xorpd, X64_P66 | X64_0F | 0x57)      \
    X(pand, X64_P66 | X64_0F | 0xdb)    X(por, X64_P66 | X64_0F | 0xeb)        \
    X(pxor, X64_P66 | X64_0F | 0xef)

enum x64_sse_op {
#define X64_SSE_ENUM(name, op) X64_##name = (op),
    X64_SSE_OPS(X64_SSE_ENUM)
#undef X64_SSE_ENUM
};
void x64_sse_xx(struct x64_buf *b, u32 op, enum x64_xmm dst, enum x64_xmm src);
void x64_sse_xm(struct x64_buf *b, u32 op, enum x64_xmm dst, struct x64_mem m);

/* x64_addsd_xx(b, dst, src), x64_addsd_xm(b, dst, mem), ... */
#define X64_SSE_NAMED(name, op)                                                  \
    static inline void x64_##name##_xx(struct x64_buf *b, enum x64_xmm d, enum x64_xmm s) \
    { x64_sse_xx(b, op, d, s); }                                                 \
    static inline void x64_##name##_xm(struct x64_buf *b, enum x64_xmm d, struct x64_mem m) \
    { x64_sse_xm(b, op, d, m); }
X64_SSE_OPS(X64_SSE_NAMED)
#undef X64_SSE_NAMED

/* Scalar loads and stores read like the instruction they are. */
static inline void x64_movss_xm(struct x64_buf *b, enum x64_xmm d, struct x64_mem m) { x64_sse_xm(b, X64_movss_load, d, m); }
static inline void x64_movsd_xm(struct x64_buf *b, enum x64_xmm d, struct x64_mem m) { x64_sse_xm(b, X64_movsd_load, d, m); }
static inline void x64_movss_mx(struct x64_buf *b, struct x64_mem m, enum x64_xmm s) { x64_sse_xm(b, X64_movss_store, s, m); }
static inline void x64_movsd_mx(struct x64_buf *b, struct x64_mem m, enum x64_xmm s) { x64_sse_xm(b, X64_movsd_store, s, m); }

/* GPR <-> XMM: movd (W32) / movq (W64). */
void x64_movd_xr(struct x64_buf *b, enum x64_width w, enum x64_xmm dst, enum x64_reg src);
void x64_movd_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src);
/* Integer -> float, float -> integer (truncating, or by MXCSR rounding);
 * w is the integer width, W32 or W64. */
void x64_cvtsi2ss_xr(struct x64_buf *b, enum x64_width w, enum x64_xmm dst, enum x64_reg src);
void x64_cvtsi2sd_xr(struct x64_buf *b, enum x64_width w, enum x64_xmm dst, enum x64_reg src);
void x64_cvttss2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src);
void x64_cvttsd2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src);
void x64_cvtss2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src);
void x64_cvtsd2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src);
/* SSE4.1 round: imm bits 1:0 mode (0 nearest, 1 down, 2 up, 3 toward
 * zero), bit 2 use MXCSR instead, bit 3 suppress the inexact exception. */
void x64_roundss_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 imm);
void x64_roundsd_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 imm);
/* cmpss/cmpsd: dst = all-ones or zero by predicate imm (0 eq, 1 lt, 2 le,
 * 3 unord, 4 neq, 5 nlt, 6 nle, 7 ord). */
void x64_cmpss_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 pred);
void x64_cmpsd_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 pred);
void x64_ldmxcsr(struct x64_buf *b, struct x64_mem m);
void x64_stmxcsr(struct x64_buf *b, struct x64_mem m);

/* FMA3 (VEX), one rounding. With operands (dst, src1, src2), fmadd231:
 * dst = src1*src2 + dst; 213: dst = src1*dst + src2; 132: dst = dst*src2
 * + src1. fmsub subtracts the addend, fnmadd/fnmsub negate the product.
 * The table gives the 132 opcode; 213 is +0x10, 231 is +0x20. */
#define X64_FMA_OPS(X)                                          \
    X(vfmadd, 0x99) X(vfmsub, 0x9b) X(vfnmadd, 0x9d) X(vfnmsub, 0x9f)
enum x64_fma_order { FMA_132 = 0x00, FMA_213 = 0x10, FMA_231 = 0x20 };
void x64_fma_xxx(struct x64_buf *b, u8 op132, enum x64_fma_order order, bool dbl,
                 enum x64_xmm dst, enum x64_xmm src1, enum x64_xmm src2);
void x64_fma_xxm(struct x64_buf *b, u8 op132, enum x64_fma_order order, bool dbl,
                 enum x64_xmm dst, enum x64_xmm src1, struct x64_mem src2);
/* x64_vfmadd231sd_xxx(b, dst, src1, src2), ... for every op, order, size. */
#define X64_FMA_ONE(name, op, ord, sfx, dbl)                                           \
    static inline void x64_##name##ord##sfx##_xxx(struct x64_buf *b, enum x64_xmm d,   \
                                                  enum x64_xmm s1, enum x64_xmm s2)    \
    { x64_fma_xxx(b, op, FMA_##ord, dbl, d, s1, s2); }
#define X64_FMA_NAMED(name, op)                                                 \
    X64_FMA_ONE(name, op, 132, sd, true) X64_FMA_ONE(name, op, 132, ss, false)  \
    X64_FMA_ONE(name, op, 213, sd, true) X64_FMA_ONE(name, op, 213, ss, false)  \
    X64_FMA_ONE(name, op, 231, sd, true) X64_FMA_ONE(name, op, 231, ss, false)
X64_FMA_OPS(X64_FMA_NAMED)
#undef X64_FMA_ONE
#undef X64_FMA_NAMED

#endif
