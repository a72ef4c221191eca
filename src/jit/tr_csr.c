/* Inline fflags / frm / fcsr access (csrr*, csrr*i on 0x001-0x003), as
 * csr.c does it, without a helper call: glibc brackets quiet compares
 * with frflags/fsflags (isless and friends), so they sit in hot loops.
 * fflags is first made whole with the sticky MXCSR flags (tr_fp.c) when
 * its value is used: read into rd, or changed bit by bit; a write then
 * clears them (MXCSR reset), else a flag the guest cleared would come
 * back at the next fold. A plain write (fsflags rs, rd = x0) replaces
 * the flags and needs no fold; frm alone never touches them (the fold
 * reads MXCSR back, the slowest part). The counters (cycle, time,
 * instret) and unknown CSRs stay with helper_csr. */
#include "cpu/csr.h"
#include "jit/tr_internal.h"

static bool is_fp_csr(const struct binsn *i, u32 *csr)
{
    *csr = (u32)i->imm & 0xfff;
    return i->op >= OP_CSRRW && i->op <= OP_CSRRCI &&
           (*csr == CSR_FFLAGS || *csr == CSR_FRM || *csr == CSR_FCSR);
}

static bool is_write(const struct binsn *i)
{
    return i->op == OP_CSRRW || i->op == OP_CSRRWI || i->rs1 != 0;
}

bool tr_csr_writes_frm(const struct binsn *i)
{
    u32 csr;
    return is_fp_csr(i, &csr) && csr != CSR_FFLAGS && is_write(i); /* as csr.c */
}

bool tr_csr_in_region(const struct binsn *i)
{
    u32 csr;
    return is_fp_csr(i, &csr) && !tr_csr_writes_frm(i);
}

bool tr_csr(struct tr *t, const struct binsn *i)
{
    u32 csr;
    if (!is_fp_csr(i, &csr))
        return false;
    struct x64_buf *b = &t->b;
    bool imm = i->op == OP_CSRRWI || i->op == OP_CSRRSI || i->op == OP_CSRRCI;
    bool rw = i->op == OP_CSRRW || i->op == OP_CSRRWI;
    bool set = i->op == OP_CSRRS || i->op == OP_CSRRSI;
    bool flags = csr != CSR_FRM;
    if (flags && (i->rd != 0 || (is_write(i) && !rw)))
        tr_fold_fflags(b);
    x64_mov_rm(b, W32, RAX, tr_cpu(CPU_OFF(fcsr)));
    if (csr == CSR_FRM)
        x64_shr_ri(b, W32, RAX, 5);
    x64_and_ri(b, W32, RAX, csr == CSR_FFLAGS ? 0x1f : csr == CSR_FRM ? 7 : 0xff);
    if (is_write(i)) {
        if (imm)
            x64_mov_ri(b, W32, RCX, i->rs1);
        else
            tr_get(t, RCX, i->rs1);
        if (set) {
            x64_or_rr(b, W64, RCX, RAX);
        } else if (!rw) { /* clear */
            x64_not_r(b, W64, RCX);
            x64_and_rr(b, W64, RCX, RAX);
        }
        x64_mov_rm(b, W32, RDX, tr_cpu(CPU_OFF(fcsr)));
        if (csr == CSR_FFLAGS) {
            x64_and_ri(b, W32, RDX, ~0x1f);
            x64_and_ri(b, W32, RCX, 0x1f);
        } else if (csr == CSR_FRM) {
            x64_and_ri(b, W32, RDX, 0x1f);
            x64_and_ri(b, W32, RCX, 7);
            x64_shl_ri(b, W32, RCX, 5);
        } else {
            x64_xor_rr(b, W32, RDX, RDX);
            x64_and_ri(b, W32, RCX, 0xff);
        }
        x64_or_rr(b, W32, RDX, RCX);
        x64_mov_mr(b, W32, tr_cpu(CPU_OFF(fcsr)), RDX);
        if (flags)
            tr_reset_mxcsr(b, t->cc);
    }
    tr_put(t, i->rd, RAX);
    return true;
}
