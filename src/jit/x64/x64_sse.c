/* x64 floating point: SSE/SSE2 scalar operations (the table X64_SSE_OPS in
 * x64.h), GPR <-> XMM moves, conversions, SSE4.1 round, MXCSR access, and
 * the FMA3 VEX forms. The translator must consult x64_cpu before using
 * round* (SSE4.1) or vfm* (FMA3 + AVX state enabled by the OS). */
#include "base/check.h"
#include "jit/x64/x64_internal.h"

void x64_sse_xx(struct x64_buf *b, u32 op, enum x64_xmm dst, enum x64_xmm src)
{
    x64_op_rr(b, op, dst, src);
}

void x64_sse_xm(struct x64_buf *b, u32 op, enum x64_xmm dst, struct x64_mem m)
{
    x64_op_rm(b, op, dst, m, 0);
}

static u32 int_width(enum x64_width w, u32 op)
{
    CHECK(w == W32 || w == W64);
    return w == W64 ? op | X64_W : op;
}

void x64_movd_xr(struct x64_buf *b, enum x64_width w, enum x64_xmm dst, enum x64_reg src)
{
    x64_op_rr(b, int_width(w, X64_P66 | X64_0F | 0x6e), dst, src);
}

void x64_movd_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src)
{
    x64_op_rr(b, int_width(w, X64_P66 | X64_0F | 0x7e), src, dst);
}

void x64_cvtsi2ss_xr(struct x64_buf *b, enum x64_width w, enum x64_xmm dst, enum x64_reg src)
{
    x64_op_rr(b, int_width(w, X64_PF3 | X64_0F | 0x2a), dst, src);
}

void x64_cvtsi2sd_xr(struct x64_buf *b, enum x64_width w, enum x64_xmm dst, enum x64_reg src)
{
    x64_op_rr(b, int_width(w, X64_PF2 | X64_0F | 0x2a), dst, src);
}

void x64_cvttss2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src)
{
    x64_op_rr(b, int_width(w, X64_PF3 | X64_0F | 0x2c), dst, src);
}

void x64_cvttsd2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src)
{
    x64_op_rr(b, int_width(w, X64_PF2 | X64_0F | 0x2c), dst, src);
}

void x64_cvtss2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src)
{
    x64_op_rr(b, int_width(w, X64_PF3 | X64_0F | 0x2d), dst, src);
}

void x64_cvtsd2si_rx(struct x64_buf *b, enum x64_width w, enum x64_reg dst, enum x64_xmm src)
{
    x64_op_rr(b, int_width(w, X64_PF2 | X64_0F | 0x2d), dst, src);
}

void x64_roundss_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 imm)
{
    x64_op_rr(b, X64_P66 | X64_0F3A | 0x0a, dst, src);
    x64_emit8(b, imm);
}

void x64_roundsd_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 imm)
{
    x64_op_rr(b, X64_P66 | X64_0F3A | 0x0b, dst, src);
    x64_emit8(b, imm);
}

void x64_cmpss_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 pred)
{
    x64_op_rr(b, X64_PF3 | X64_0F | 0xc2, dst, src);
    x64_emit8(b, pred);
}

void x64_cmpsd_xxi(struct x64_buf *b, enum x64_xmm dst, enum x64_xmm src, u8 pred)
{
    x64_op_rr(b, X64_PF2 | X64_0F | 0xc2, dst, src);
    x64_emit8(b, pred);
}

void x64_ldmxcsr(struct x64_buf *b, struct x64_mem m) { x64_op_rm(b, X64_0F | 0xae, 2, m, 0); }
void x64_stmxcsr(struct x64_buf *b, struct x64_mem m) { x64_op_rm(b, X64_0F | 0xae, 3, m, 0); }

/* VEX.LIG.66.0F38.W1 (sd) / W0 (ss); reg = dst, vvvv = src1, rm = src2. */
void x64_fma_xxx(struct x64_buf *b, u8 op132, enum x64_fma_order order, bool dbl,
                 enum x64_xmm dst, enum x64_xmm src1, enum x64_xmm src2)
{
    u32 op = X64_VEX | X64_P66 | X64_0F38 | (dbl ? X64_W : 0) | (u8)(op132 + order);
    x64_vex_rr(b, op, dst, src1, src2);
}

void x64_fma_xxm(struct x64_buf *b, u8 op132, enum x64_fma_order order, bool dbl,
                 enum x64_xmm dst, enum x64_xmm src1, struct x64_mem src2)
{
    u32 op = X64_VEX | X64_P66 | X64_0F38 | (dbl ? X64_W : 0) | (u8)(op132 + order);
    x64_vex_rm(b, op, dst, src1, src2, 0);
}
