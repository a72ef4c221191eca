/* x64 data movement: mov in all its forms, zero/sign extension, lea,
 * setcc/cmovcc, push/pop, xchg and the locked read-modify-write forms. */
#include "base/check.h"
#include "jit/x64/x64_internal.h"

void x64_mov_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop(w, 0x89), src, dst);
}

void x64_mov_rm(struct x64_buf *b, enum x64_width w, enum x64_reg dst, struct x64_mem m)
{
    x64_op_rm(b, x64_wop(w, 0x8b), dst, m, 0);
}

void x64_mov_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg src)
{
    x64_op_rm(b, x64_wop(w, 0x89), src, m, 0);
}

/* W64 stores imm sign-extended to 64 bits. */
void x64_mov_mi(struct x64_buf *b, enum x64_width w, struct x64_mem m, i32 imm)
{
    x64_op_rm(b, x64_wop_digit(w, 0xc7), 0, m, x64_imm_len(w));
    x64_imm_w(b, w, imm);
}

/* B8+r takes a full-width immediate (imm64 with REX.W); C7 /0 a
 * sign-extended imm32. For W64 the shortest that yields the value:
 * mov r32, imm32 (zero-extends), 5-6 bytes; mov r64, simm32, 7 bytes;
 * movabs, 10 bytes. */
void x64_mov_ri(struct x64_buf *b, enum x64_width w, enum x64_reg dst, u64 imm)
{
    if (w == W8) {
        x64_op_o(b, 0xb0 | X64_BYTE_M, dst);
        x64_emit8(b, (u8)imm);
    } else if (w == W16) {
        x64_op_o(b, X64_OSIZE | 0xb8, dst);
        x64_emit16(b, (u16)imm);
    } else if (w == W32 || imm <= UINT32_MAX) {
        x64_op_o(b, 0xb8, dst);
        x64_emit32(b, (u32)imm);
    } else if ((i64)imm == (i32)imm) {
        x64_op_rr(b, X64_W | 0xc7, 0, dst);
        x64_emit32(b, (u32)imm);
    } else {
        x64_op_o(b, X64_W | 0xb8, dst);
        x64_emit64(b, imm);
    }
}

/* Zero extension always writes the 32-bit register: the CPU clears bits
 * 63:32, and it saves a REX.W. From 32 bits it is a plain 32-bit mov. */
void x64_movzx_rr(struct x64_buf *b, enum x64_width sw, enum x64_reg dst, enum x64_reg src)
{
    if (sw == W32)
        x64_mov_rr(b, W32, dst, src);
    else
        x64_op_rr(b, X64_0F | (sw == W8 ? 0xb6 | X64_BYTE_M : 0xb7), dst, src);
}

void x64_movzx_rm(struct x64_buf *b, enum x64_width sw, enum x64_reg dst, struct x64_mem m)
{
    if (sw == W32)
        x64_mov_rm(b, W32, dst, m);
    else
        x64_op_rm(b, X64_0F | (sw == W8 ? 0xb6 : 0xb7), dst, m, 0);
}

/* 0F BE / 0F BF (movsx), 63 (movsxd, 32 -> 64 only). */
static u32 movsx_op(enum x64_width dw, enum x64_width sw)
{
    CHECK((dw == W32 || dw == W64) && sw < dw);
    u32 op = sw == W8 ? X64_0F | 0xbe | X64_BYTE_M : sw == W16 ? X64_0F | 0xbf : 0x63;
    return dw == W64 ? op | X64_W : op;
}

void x64_movsx_rr(struct x64_buf *b, enum x64_width dw, enum x64_width sw,
                  enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, movsx_op(dw, sw), dst, src);
}

void x64_movsx_rm(struct x64_buf *b, enum x64_width dw, enum x64_width sw,
                  enum x64_reg dst, struct x64_mem m)
{
    x64_op_rm(b, movsx_op(dw, sw), dst, m, 0);
}

void x64_lea(struct x64_buf *b, enum x64_width w, enum x64_reg dst, struct x64_mem m)
{
    x64_op_rm(b, x64_wop16(w, 0x8d), dst, m, 0);
}

void x64_setcc(struct x64_buf *b, enum x64_cc cc, enum x64_reg dst8)
{
    x64_op_rr(b, X64_0F | X64_BYTE_M | (0x90 + cc), 0, dst8);
}

void x64_cmov_rr(struct x64_buf *b, enum x64_cc cc, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop16(w, X64_0F | (0x40 + cc)), dst, src);
}

void x64_cmov_rm(struct x64_buf *b, enum x64_cc cc, enum x64_width w, enum x64_reg dst, struct x64_mem m)
{
    x64_op_rm(b, x64_wop16(w, X64_0F | (0x40 + cc)), dst, m, 0);
}

void x64_push_r(struct x64_buf *b, enum x64_reg r) { x64_op_o(b, 0x50, r); }
void x64_pop_r(struct x64_buf *b, enum x64_reg r) { x64_op_o(b, 0x58, r); }
/* 68 id (6A ib when it fits): pushes the imm32 sign-extended to 64 bits. */
void x64_push_i(struct x64_buf *b, i32 imm)
{
    if (imm >= -128 && imm <= 127) {
        x64_op(b, 0x6a);
        x64_emit8(b, (u8)imm);
    } else {
        x64_op(b, 0x68);
        x64_emit32(b, (u32)imm);
    }
}

/* 90+r exchanges with the accumulator in one byte, except that 90 alone
 * is nop: xchg eax, eax must not use it (it would not clear rax[63:32]),
 * while xchg rax, rax is exactly nop (GNU as drops the REX.W too). */
void x64_xchg_rr(struct x64_buf *b, enum x64_width w, enum x64_reg a, enum x64_reg c)
{
    if (w == W64 && a == RAX && c == RAX) {
        x64_op(b, 0x90);
        return;
    }
    if (w != W8 && (a == RAX || c == RAX) && !(w == W32 && a == RAX && c == RAX)) {
        x64_op_o(b, x64_wop16(w, 0x90), a == RAX ? c : a);
        return;
    }
    x64_op_rr(b, x64_wop(w, 0x87), c, a);
}

void x64_xchg_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg r)
{
    x64_op_rm(b, x64_wop(w, 0x87), r, m, 0);
}

void x64_lock_xadd_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg r)
{
    x64_op_rm(b, x64_wop(w, X64_LOCK | X64_0F | 0xc1), r, m, 0);
}

/* Compares rax (of width w) with [m]; if equal stores r, else loads rax. */
void x64_lock_cmpxchg_mr(struct x64_buf *b, enum x64_width w, struct x64_mem m, enum x64_reg r)
{
    x64_op_rm(b, x64_wop(w, X64_LOCK | X64_0F | 0xb1), r, m, 0);
}

void x64_lock_alu_mr(struct x64_buf *b, enum x64_alu op, enum x64_width w, struct x64_mem m, enum x64_reg r)
{
    CHECK(op != ALU_CMP);   /* lock cmp is #UD: cmp does not write */
    x64_op_rm(b, x64_wop(w, X64_LOCK | (op * 8 + 1)), r, m, 0);
}
