/* The trampolines at the head of the code cache, emitted once:
 *   enter(cpu, code): saves the host callee-saved registers, sets up the
 *       fixed registers (RBP cpu, R15 base), loads the nine mapped guest
 *       registers and instret (R14), jumps to code. The stack is then 16-byte
 *       aligned, so translated code may call C helpers directly.
 *   leave: (rax = exit record or 0) stores the mapped guest registers
 *       back, restores the host registers and returns rax from enter;
 *       leave0 is the same with rax = 0.
 *   exit_tail, int_tail, segv_tail: what every translation's stubs of
 *       that kind would otherwise repeat. A stub loads one register with
 *       its own data and jumps here (15 bytes instead of 26 to 58): a
 *       direct exit's stub passes its exit record (cpu->pc = its
 *       target), the entry check's passes the pc, a failed bounds
 *       check's the address and pc << 8 | the retired count.
 * enter also resets MXCSR (no flags) and leave folds its sticky exception
 * flags into fcsr.fflags (the inline FP ops of tr_fp.c); the fold uses
 * rcx and rdx, never rax (the exit record). Before them: the guest space
 * size, which the bounds checks compare with (rip-relative), and the
 * MXCSR default.
 * Return-address frames (tr_branch.c): enter saves its rsp in
 * cpu->jit_rsp, sets cpu->jit_ras_limit TR_RAS_BYTES below it and
 * pushes one sentinel frame whose guest pc is odd, so a guest return
 * never matches it; leave drops every frame by restoring rsp first.
 *
 *   enter's rsp -> [ pad | saved regs | return into jit_exec ]
 *                  [ sentinel: guest pc 1, host address 1 ]
 *                  [ frames: guest return pc, host continuation ] ...
 *   jit_ras_limit  (no frame is pushed below this) */
#include "base/check.h"
#include "cpu/fpu.h"
#include "jit/tr_internal.h"
#include "vm/vm.h"

static const enum x64_reg saved[] = { RBX, RBP, R12, R13, R14, R15 };

void tr_fold_fflags(struct x64_buf *b)
{
    struct x64_mem slot = tr_cpu(CPU_OFF(jit_mxcsr)); /* [rsp] may be a return frame */
    x64_stmxcsr(b, slot);
    x64_movzx_rm(b, W8, RCX, slot);
    x64_and_ri(b, W32, RCX, 0x3f);
    x64_mov_ri(b, W64, RDX, (u64)(uintptr_t)fpu_mxcsr_fflags);
    x64_movzx_rm(b, W8, RCX, x64_mem_idx(RDX, RCX, 1, 0));
    x64_or_mr(b, W32, tr_cpu(CPU_OFF(fcsr)), RCX);
}

void tr_reset_mxcsr(struct x64_buf *b, const struct code_cache *cc)
{
    x64_ldmxcsr(b, x64_mem_at(cc->mxcsr0));
}

static void emit_leave(struct x64_buf *b)
{
    x64_mov_rm(b, W64, RSP, tr_cpu(CPU_OFF(jit_rsp)));
    tr_fold_fflags(b);
    for (int k = 0; k < TR_NMAPPED; k++)
        x64_mov_mr(b, W64, tr_slot_home(k), tr_mapped_host[k]);
    x64_add_ri(b, W64, RSP, 8);
    for (int k = (int)ARRAY_LEN(saved) - 1; k >= 0; k--)
        x64_pop_r(b, saved[k]);
    x64_ret(b);
}

static void emit_enter(struct x64_buf *b, const struct code_cache *cc)
{
    for (unsigned k = 0; k < ARRAY_LEN(saved); k++)
        x64_push_r(b, saved[k]);
    x64_sub_ri(b, W64, RSP, 8);
    x64_mov_rr(b, W64, TR_CPU, RDI);
    tr_reset_mxcsr(b, cc);
    x64_mov_rm(b, W64, RAX, tr_cpu(CPU_OFF(vm)));
    x64_mov_rm(b, W64, TR_BASE, x64_mem(RAX, (i32)offsetof(struct vm, mem.base)));
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(jit_rsp)), RSP);
    x64_lea(b, W64, RAX, x64_mem(RSP, -TR_RAS_BYTES));
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(jit_ras_limit)), RAX);
    x64_push_i(b, 1); /* the sentinel frame: 16 bytes keep rsp aligned */
    x64_push_i(b, 1);
    x64_mov_rr(b, W64, RAX, RSI);
    for (int k = 0; k < TR_NMAPPED; k++)
        x64_mov_rm(b, W64, tr_mapped_host[k], tr_slot_home(k));
    x64_jmp_r(b, RAX);
}

static void emit_tails(struct x64_buf *b, struct code_cache *cc)
{
    cc->exit_tail = x64_here(b);
    x64_mov_rm(b, W64, RCX, x64_mem(RAX, (i32)offsetof(struct jit_exit, target)));
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(pc)), RCX);
    x64_jmp(b, cc->leave);
    cc->int_tail = x64_here(b);
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(pc)), RCX);
    x64_mov_mi(b, W32, tr_cpu(CPU_OFF(exit)), EXIT_INTERRUPT);
    x64_mov_mi(b, W8, tr_cpu(CPU_OFF(resv_valid)), 0);
    x64_jmp(b, cc->leave0);
    cc->segv_tail = x64_here(b);
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(fault_addr)), RAX);
    x64_movzx_rr(b, W8, RDX, RCX);
    x64_add_rr(b, W64, TR_INSTRET, RDX);
    x64_shift_ri(b, SH_SHR, W64, RCX, 8);
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(pc)), RCX);
    x64_mov_mi(b, W32, tr_cpu(CPU_OFF(fault_code)), RV_SEGV_MAPERR);
    x64_mov_mi(b, W32, tr_cpu(CPU_OFF(exit)), EXIT_SEGV);
    x64_mov_mi(b, W8, tr_cpu(CPU_OFF(resv_valid)), 0);
    x64_jmp(b, cc->leave0);
}

void tr_trampolines(struct code_cache *cc)
{
    struct x64_buf b;
    CHECK(tr_mapped_host[TR_INSTRET_SLOT] == TR_INSTRET);
    x64_init_rx(&b, cc->w, CC_HEAD, cc->x);
    cc->space_at = x64_here(&b);
    x64_data(&b, &cc->space, 8);
    cc->mxcsr0 = x64_here(&b);
    u32 mx = 0x1f80;
    x64_data(&b, &mx, 4);
    x64_nop(&b, 4);
    cc->leave0 = x64_here(&b);
    x64_xor_rr(&b, W32, RAX, RAX);
    cc->leave = x64_here(&b);
    emit_leave(&b);
    emit_tails(&b, cc);
    x64_nop(&b, (int)(-x64_offset(&b) & 15));
    cc->enter = (u64 (*)(void *, const void *))x64_here(&b);
    emit_enter(&b, cc);
    CHECK(!b.overflow);
    cc->head = x64_offset(&b);
}
