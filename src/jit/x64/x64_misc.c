/* x64 odds and ends: bit counting and byte swap, the BMI1/BMI2 VEX forms,
 * fences, pause, traps and multi-byte nops. */
#include "base/check.h"
#include "jit/x64/x64_internal.h"

/* lzcnt/tzcnt are F3-prefixed bsr/bsf; on a CPU without LZCNT/BMI1 they
 * silently execute as bsr/bsf, so the caller must consult x64_features. */
void x64_lzcnt_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop16(w, X64_PF3 | X64_0F | 0xbd), dst, src);
}

void x64_tzcnt_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop16(w, X64_PF3 | X64_0F | 0xbc), dst, src);
}

void x64_popcnt_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop16(w, X64_PF3 | X64_0F | 0xb8), dst, src);
}

void x64_bsr_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop16(w, X64_0F | 0xbd), dst, src);
}

void x64_bsf_rr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src)
{
    x64_op_rr(b, x64_wop16(w, X64_0F | 0xbc), dst, src);
}

void x64_bswap_r(struct x64_buf *b, enum x64_width w, enum x64_reg r)
{
    CHECK(w == W32 || w == W64);
    x64_op_o(b, x64_wop16(w, X64_0F | 0xc8), r);
}

/* bt/bts/btr/btc: 0F A3/AB/B3/BB /r by register, 0F BA /digit ib. */
void x64_bt_rr(struct x64_buf *b, enum x64_bt op, enum x64_width w, enum x64_reg r, enum x64_reg bit)
{
    x64_op_rr(b, x64_wop16(w, X64_0F | (0xa3 + (op - BT_BT) * 8)), bit, r);
}

void x64_bt_ri(struct x64_buf *b, enum x64_bt op, enum x64_width w, enum x64_reg r, u8 bit)
{
    x64_op_rr(b, x64_wop16(w, X64_0F | 0xba), op, r);
    x64_emit8(b, bit);
}

/* VEX.LZ.0F38 F7: the pp field selects shlx (66), sarx (F3), shrx (F2);
 * the count register goes in vvvv. */
static void shiftx(struct x64_buf *b, u32 pp, enum x64_width w,
                   enum x64_reg dst, enum x64_reg src, enum x64_reg cnt)
{
    x64_vex_rr(b, x64_wop16(w, X64_VEX | X64_0F38 | pp | 0xf7), dst, cnt, src);
}

void x64_shlx_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, enum x64_reg cnt)
{
    shiftx(b, X64_P66, w, dst, src, cnt);
}

void x64_sarx_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, enum x64_reg cnt)
{
    shiftx(b, X64_PF3, w, dst, src, cnt);
}

void x64_shrx_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, enum x64_reg cnt)
{
    shiftx(b, X64_PF2, w, dst, src, cnt);
}

void x64_andn_rrr(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg a, enum x64_reg src)
{
    x64_vex_rr(b, x64_wop16(w, X64_VEX | X64_0F38 | 0xf2), dst, a, src);
}

void x64_rorx_rri(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_reg src, u8 imm)
{
    x64_vex_rr(b, x64_wop16(w, X64_VEX | X64_PF2 | X64_0F3A | 0xf0), dst, 0, src);
    x64_emit8(b, imm);
}

/* The fences are 0F AE with mod=11 and a /digit. */
void x64_mfence(struct x64_buf *b) { x64_op_rr(b, X64_0F | 0xae, 6, 0); }
void x64_lfence(struct x64_buf *b) { x64_op_rr(b, X64_0F | 0xae, 5, 0); }
void x64_sfence(struct x64_buf *b) { x64_op_rr(b, X64_0F | 0xae, 7, 0); }
void x64_pause(struct x64_buf *b) { x64_op(b, X64_PF3 | 0x90); }
void x64_ud2(struct x64_buf *b) { x64_op(b, X64_0F | 0x0b); }
void x64_int3(struct x64_buf *b) { x64_op(b, 0xcc); }

/* The recommended single-instruction nops of 1..9 bytes (Intel SDM vol. 2,
 * NOP: "Recommended Multi-Byte Sequence"), as data. */
static const u8 nops[10][9] = {
    [1] = { 0x90 },
    [2] = { 0x66, 0x90 },
    [3] = { 0x0f, 0x1f, 0x00 },
    [4] = { 0x0f, 0x1f, 0x40, 0x00 },
    [5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    [6] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    [7] = { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
    [8] = { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    [9] = { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void x64_nop(struct x64_buf *b, int n)
{
    while (n > 0) {
        int k = n > 9 ? 9 : n;
        x64_data(b, nops[k], k);
        n -= k;
    }
}
