/* x64 control flow: jmp/jcc/call with rel8 or rel32 displacements, the
 * indirect forms, ret (and ret imm16), binding forward branches, and patch sites for block
 * chaining.
 * Displacements count from the end of the instruction, in execution
 * addresses (x64_here). A NULL target in a rel32/rel8 form leaves displacement
 * 0, to be filled in by x64_bind or x64_patch_rel32.
 * Atomic patching: an aligned 8-byte store is atomic on x86-64, so a
 * thread fetching the jump sees the whole old or the whole new rel32,
 * never a torn mix (the usual practice for chaining in x86 JITs, without
 * the serializing step Intel's strict cross-modifying-code recipe asks
 * for); x64_align_patch_site keeps each rel32 inside one such word. */
#include <string.h>

#include "base/check.h"
#include "jit/x64/x64_internal.h"

static bool fits_i8(i64 v) { return v >= -128 && v <= 127; }

/* Displacement to target from the end of an instruction that ends
 * insn_len bytes after here. */
static i64 rel_from(struct x64_buf *b, int insn_len, const void *target)
{
    if (!target)
        return 0;
    return (const u8 *)target - (x64_here(b) + insn_len);
}

bool x64_rel32_ok(const void *from, const void *target)
{
    i64 d = (const u8 *)target - (const u8 *)from;
    return d == (i32)d;
}

/* opcode (1 or 2 bytes, already known) then rel32; returns its offset. */
static size_t branch32(struct x64_buf *b, u32 op, int op_len, const void *target)
{
    i64 rel = rel_from(b, op_len + 4, target);
    CHECK(rel == (i32)rel);
    x64_op(b, op);
    size_t site = x64_offset(b);
    x64_emit32(b, (u32)rel);
    return site;
}

static size_t branch8(struct x64_buf *b, u32 op, const void *target)
{
    i64 rel = rel_from(b, 2, target);
    CHECK(fits_i8(rel));
    x64_op(b, op);
    size_t site = x64_offset(b);
    x64_emit8(b, (u8)rel);
    return site;
}

size_t x64_jmp32(struct x64_buf *b, const void *target) { return branch32(b, 0xe9, 1, target); }
size_t x64_jmp8(struct x64_buf *b, const void *target) { return branch8(b, 0xeb, target); }
size_t x64_call(struct x64_buf *b, const void *target) { return branch32(b, 0xe8, 1, target); }

size_t x64_jcc32(struct x64_buf *b, enum x64_cc cc, const void *target)
{
    return branch32(b, X64_0F | (0x80 + cc), 2, target);
}

size_t x64_jcc8(struct x64_buf *b, enum x64_cc cc, const void *target)
{
    return branch8(b, 0x70 + cc, target);
}

void x64_jmp(struct x64_buf *b, const void *target)
{
    CHECK(target);
    if (fits_i8(rel_from(b, 2, target)))
        x64_jmp8(b, target);
    else
        x64_jmp32(b, target);
}

void x64_jcc(struct x64_buf *b, enum x64_cc cc, const void *target)
{
    CHECK(target);
    if (fits_i8(rel_from(b, 2, target)))
        x64_jcc8(b, cc, target);
    else
        x64_jcc32(b, cc, target);
}

/* FF /4 and FF /2 default to 64-bit operands: no REX.W. */
void x64_jmp_r(struct x64_buf *b, enum x64_reg r) { x64_op_rr(b, 0xff, 4, r); }
void x64_jmp_m(struct x64_buf *b, struct x64_mem m) { x64_op_rm(b, 0xff, 4, m, 0); }
void x64_call_r(struct x64_buf *b, enum x64_reg r) { x64_op_rr(b, 0xff, 2, r); }
void x64_call_m(struct x64_buf *b, struct x64_mem m) { x64_op_rm(b, 0xff, 2, m, 0); }
void x64_ret(struct x64_buf *b) { x64_op(b, 0xc3); }
void x64_ret_i(struct x64_buf *b, u16 n)
{
    x64_op(b, 0xc2);
    x64_emit16(b, n);
}

/* Helpers in the rvx binary can lie more than 2 GiB from the code cache. */
void x64_call_far(struct x64_buf *b, const void *target, enum x64_reg scratch)
{
    if (x64_rel32_ok(x64_here(b) + 5, target)) {
        x64_call(b, target);
        return;
    }
    x64_mov_ri(b, W64, scratch, (uintptr_t)target);
    x64_call_r(b, scratch);
}

void x64_jmp_far(struct x64_buf *b, const void *target, enum x64_reg scratch)
{
    if (x64_rel32_ok(x64_here(b) + 5, target)) {
        x64_jmp(b, target);
        return;
    }
    x64_mov_ri(b, W64, scratch, (uintptr_t)target);
    x64_jmp_r(b, scratch);
}

void x64_bind(struct x64_buf *b, size_t site)
{
    if (b->overflow)
        return;
    i64 rel = b->p - (b->start + site + 4);
    CHECK(rel == (i32)rel);
    i32 v = (i32)rel;
    memcpy(b->start + site, &v, 4);
}

void x64_bind8(struct x64_buf *b, size_t site)
{
    if (b->overflow)
        return;
    i64 rel = b->p - (b->start + site + 1);
    CHECK(fits_i8(rel));
    b->start[site] = (u8)rel;
}

/* Pad with a nop so that the rel32 that follows an opcode_len-byte opcode
 * lies within one aligned 8-byte word (its offset in the word is <= 4). */
void x64_align_patch_site(struct x64_buf *b, int opcode_len)
{
    uintptr_t field = (uintptr_t)x64_here(b) + opcode_len;
    if ((field & 7) > 4)
        x64_nop(b, 8 - (field & 7));
}

size_t x64_jmp32_patchable(struct x64_buf *b, const void *target)
{
    x64_align_patch_site(b, 1);
    return x64_jmp32(b, target);
}

size_t x64_call32_patchable(struct x64_buf *b, const void *target)
{
    x64_align_patch_site(b, 1);
    return x64_call(b, target);
}

size_t x64_jcc32_patchable(struct x64_buf *b, enum x64_cc cc, const void *target)
{
    x64_align_patch_site(b, 2);
    return x64_jcc32(b, cc, target);
}

/* One aligned 8-byte store replaces the displacement, so a thread running
 * the code sees the old or the new jump, never a mix. Only the patcher
 * writes this word (a second rel32 cannot share it: each is preceded by
 * its own opcode), so the read-modify-write does not race. */
void x64_patch_rel32_rx(u8 *site, const u8 *site_exec, const void *target)
{
    i64 rel = (const u8 *)target - (site_exec + 4);
    CHECK(rel == (i32)rel);
    CHECK(((uintptr_t)site & 7) <= 4);
    u64 *word = (u64 *)((uintptr_t)site & ~(uintptr_t)7);
    u64 v = __atomic_load_n(word, __ATOMIC_RELAXED);
    i32 r = (i32)rel;
    memcpy((u8 *)&v + (site - (u8 *)word), &r, 4);
    __atomic_store_n(word, v, __ATOMIC_RELEASE);
}
