/* x64 assembler tests.
 * 1. Encodings against GNU as: every emitter is called with representative
 *    operands (all 16 registers, RSP/RBP/R12/R13 bases, with and without an
 *    index, disp 0/8/32, every width) and each call is recorded with the
 *    Intel-syntax text it should assemble to. The texts are written to a
 *    .s file, assembled with `as`, and the bytes of each case (sliced by
 *    labels) must equal ours exactly. The expected bytes thus come from
 *    binutils, never from this file.
 * 2. Behaviour that as cannot judge: buffer overflow, binding forward
 *    branches, patch-site alignment, and running emitted code through a
 *    W^X pair of mappings, including an atomic jump patch.
 * 3. The CPU feature probe (printed).
 * Prints PASS/FAIL lines; exits non-zero on a failure. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "jit/x64/cpuid.h"
#include "jit/x64/x64.h"

static int fails;

/* ---------------------------------------------------------------- cases */

struct tcase {
    const char *group;
    char text[120];
    u32 off, len;
};

static _Alignas(64) u8 code[8 << 20];
static struct x64_buf buf, *b = &buf;
static struct tcase *cases;
static int ncases, capcases;
static u8 *mark;
static const char *group;

static void rec(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void rec(const char *fmt, ...)
{
    if (ncases == capcases) {
        capcases = capcases ? capcases * 2 : 4096;
        cases = realloc(cases, capcases * sizeof *cases);
    }
    struct tcase *c = &cases[ncases++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->text, sizeof c->text, fmt, ap);
    va_end(ap);
    c->group = group;
    c->off = mark - code;
    c->len = b->p - mark;
}

/* T(emitter call, expected assembly text...) */
#define T(emit, ...) do { mark = b->p; emit; rec(__VA_ARGS__); } while (0)

static const char *r64[16] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
static const char *r32[16] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" };
static const char *r16[16] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w" };
static const char *r8[16] = { "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b" };
static const char *ccs[16] = { "o", "no", "b", "ae", "e", "ne", "be", "a",
    "s", "ns", "p", "np", "l", "ge", "le", "g" };
static const enum x64_width widths[4] = { W8, W16, W32, W64 };

static const char *rn(enum x64_width w, int r)
{
    return w == W8 ? r8[r] : w == W16 ? r16[r] : w == W32 ? r32[r] : r64[r];
}

static const char *sz(enum x64_width w)
{
    return w == W8 ? "byte" : w == W16 ? "word" : w == W32 ? "dword" : "qword";
}

static const char *xn(int x)
{
    static const char *n[16] = { "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
        "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15" };
    return n[x];
}

/* Memory operand as text; rotating buffers so several fit in one printf. */
static const char *mt(struct x64_mem m)
{
    static char bufs[8][64];
    static int k;
    char *s = bufs[k++ & 7];
    int n = sprintf(s, "[");
    const char *sep = "";
    if (m.base == X64_RIP) {
        n += sprintf(s + n, "rip");
        sep = "+";
    } else if (m.base != X64_NOREG) {
        n += sprintf(s + n, "%s", r64[m.base]);
        sep = "+";
    }
    if (m.index != X64_NOREG) {
        n += sprintf(s + n, "%s%s*%d", sep, r64[m.index], m.scale);
        sep = "+";
    }
    if (m.disp || !*sep)
        n += sprintf(s + n, "%s%d", m.disp < 0 ? "" : sep, m.disp);
    sprintf(s + n, "]");
    return s;
}

/* Memory operands: the full set for mov, a representative one elsewhere. */
static struct x64_mem mem_all[1024], mem_some[64];
static int nmem_all, nmem_some;

static void build_mems(void)
{
    static const i32 disps[] = { 0, 8, -128, 127, 128, -129, 0x12345678 };
    static const int bases[] = { RAX, RSP, RBP, R12, R13, R15 };
    static const int idxs[] = { RAX, RBX, RBP, R8, R12, R13, R15 };
    for (int base = 0; base < 16; base++)
        for (unsigned d = 0; d < ARRAY_LEN(disps); d++)
            mem_all[nmem_all++] = x64_mem(base, disps[d]);
    for (unsigned i = 0; i < ARRAY_LEN(bases); i++)
        for (unsigned j = 0; j < ARRAY_LEN(idxs); j++)
            for (int s = 1; s <= 8; s *= 2) {
                mem_all[nmem_all++] = x64_mem_idx(bases[i], idxs[j], s, 0);
                mem_all[nmem_all++] = x64_mem_idx(bases[i], idxs[j], s, -8);
                mem_all[nmem_all++] = x64_mem_idx(bases[i], idxs[j], s, 0x1000);
            }
    mem_all[nmem_all++] = x64_mem_idx(X64_NOREG, RAX, 4, 0x10);
    mem_all[nmem_all++] = x64_mem_idx(X64_NOREG, R13, 8, -0x100);
    mem_all[nmem_all++] = x64_mem(X64_NOREG, 0x1000);
    mem_all[nmem_all++] = x64_mem_rip(0x10);
    mem_all[nmem_all++] = x64_mem_rip(-4);

    static const struct x64_mem some[] = {
        { RAX, X64_NOREG, 1, 0, 0 }, { RCX, X64_NOREG, 1, 8, 0 },
        { RSP, X64_NOREG, 1, 0, 0 }, { RBP, X64_NOREG, 1, 0, 0 },
        { R12, X64_NOREG, 1, -8, 0 }, { R13, X64_NOREG, 1, 0, 0 },
        { R15, X64_NOREG, 1, 0x1000, 0 }, { RDI, RSI, 8, 0, 0 },
        { R8, R9, 2, 0x7f, 0 }, { RSP, R12, 4, -0x80, 0 },
        { R13, RBP, 1, 0, 0 }, { X64_NOREG, RAX, 4, 0x10, 0 },
        { X64_RIP, X64_NOREG, 1, 0x100, 0 },
    };
    for (unsigned i = 0; i < ARRAY_LEN(some); i++)
        mem_some[nmem_some++] = some[i];
}

static void g_mov_rr(void)
{
    for (int w = 0; w < 4; w++)
        for (int d = 0; d < 16; d++)
            for (int s = 0; s < 16; s++)
                T(x64_mov_rr(b, widths[w], d, s), "mov %s, %s", rn(widths[w], d), rn(widths[w], s));
}

static void g_mov_rm_mr(void)
{
    for (int i = 0; i < nmem_all; i++) {
        struct x64_mem m = mem_all[i];
        T(x64_mov_rm(b, W64, i & 15, m), "mov %s, qword ptr %s", r64[i & 15], mt(m));
        T(x64_mov_mr(b, W64, m, 15 - (i & 15)), "mov qword ptr %s, %s", mt(m), r64[15 - (i & 15)]);
    }
    for (int w = 0; w < 4; w++)
        for (int r = 0; r < 16; r++)
            for (int i = 0; i < nmem_some; i++) {
                struct x64_mem m = mem_some[i];
                enum x64_width wd = widths[w];
                T(x64_mov_rm(b, wd, r, m), "mov %s, %s ptr %s", rn(wd, r), sz(wd), mt(m));
                T(x64_mov_mr(b, wd, m, r), "mov %s ptr %s, %s", sz(wd), mt(m), rn(wd, r));
            }
}

static void g_mov_mi(void)
{
    for (int w = 0; w < 4; w++)
        for (int i = 0; i < nmem_some; i++) {
            enum x64_width wd = widths[w];
            T(x64_mov_mi(b, wd, mem_some[i], -5), "mov %s ptr %s, -5", sz(wd), mt(mem_some[i]));
            if (wd >= W32)
                T(x64_mov_mi(b, wd, mem_some[i], 0x12345678), "mov %s ptr %s, 0x12345678",
                  sz(wd), mt(mem_some[i]));
        }
}

static void g_mov_ri(void)
{
    for (int r = 0; r < 16; r++) {
        T(x64_mov_ri(b, W8, r, 0x85), "mov %s, 0x85", r8[r]);
        T(x64_mov_ri(b, W16, r, 0x1234), "mov %s, 0x1234", r16[r]);
        T(x64_mov_ri(b, W32, r, 0xdeadbeef), "mov %s, 0xdeadbeef", r32[r]);
        T(x64_mov_ri(b, W32, r, 0xffffffffffffffffull), "mov %s, 0xffffffff", r32[r]);
        /* W64: the shortest form that yields the same 64-bit value */
        T(x64_mov_ri(b, W64, r, 0), "mov %s, 0", r32[r]);
        T(x64_mov_ri(b, W64, r, 0x80000000u), "mov %s, 0x80000000", r32[r]);
        T(x64_mov_ri(b, W64, r, 0xffffffffu), "mov %s, 0xffffffff", r32[r]);
        T(x64_mov_ri(b, W64, r, -1), "mov %s, -1", r64[r]);
        T(x64_mov_ri(b, W64, r, -0x80000000ll), "mov %s, -0x80000000", r64[r]);
        T(x64_mov_ri(b, W64, r, 0x100000000ull), "movabs %s, 0x100000000", r64[r]);
        T(x64_mov_ri(b, W64, r, 0x8000000000000000ull), "movabs %s, 0x8000000000000000", r64[r]);
        T(x64_mov_ri(b, W64, r, -0x80000001ll), "movabs %s, 0xffffffff7fffffff", r64[r]);
    }
}

static void g_movzx_movsx(void)
{
    for (int d = 0; d < 16; d++)
        for (int s = 0; s < 16; s++) {
            T(x64_movzx_rr(b, W8, d, s), "movzx %s, %s", r32[d], r8[s]);
            T(x64_movzx_rr(b, W16, d, s), "movzx %s, %s", r32[d], r16[s]);
            T(x64_movzx_rr(b, W32, d, s), "mov %s, %s", r32[d], r32[s]);
            T(x64_movsx_rr(b, W32, W8, d, s), "movsx %s, %s", r32[d], r8[s]);
            T(x64_movsx_rr(b, W32, W16, d, s), "movsx %s, %s", r32[d], r16[s]);
            T(x64_movsx_rr(b, W64, W8, d, s), "movsx %s, %s", r64[d], r8[s]);
            T(x64_movsx_rr(b, W64, W16, d, s), "movsx %s, %s", r64[d], r16[s]);
            T(x64_movsx_rr(b, W64, W32, d, s), "movsxd %s, %s", r64[d], r32[s]);
        }
    for (int r = 0; r < 16; r++)
        for (int i = 0; i < nmem_some; i++) {
            struct x64_mem m = mem_some[i];
            T(x64_movzx_rm(b, W8, r, m), "movzx %s, byte ptr %s", r32[r], mt(m));
            T(x64_movzx_rm(b, W16, r, m), "movzx %s, word ptr %s", r32[r], mt(m));
            T(x64_movzx_rm(b, W32, r, m), "mov %s, dword ptr %s", r32[r], mt(m));
            T(x64_movsx_rm(b, W64, W8, r, m), "movsx %s, byte ptr %s", r64[r], mt(m));
            T(x64_movsx_rm(b, W64, W16, r, m), "movsx %s, word ptr %s", r64[r], mt(m));
            T(x64_movsx_rm(b, W64, W32, r, m), "movsxd %s, dword ptr %s", r64[r], mt(m));
            T(x64_movsx_rm(b, W32, W8, r, m), "movsx %s, byte ptr %s", r32[r], mt(m));
        }
}

static void g_lea(void)
{
    for (int i = 0; i < nmem_all; i++)
        T(x64_lea(b, W64, i & 15, mem_all[i]), "lea %s, %s", r64[i & 15], mt(mem_all[i]));
    for (int i = 0; i < nmem_some; i++)
        T(x64_lea(b, W32, R9, mem_some[i]), "lea r9d, %s", mt(mem_some[i]));
}

static const char *alu_names[8] = { "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" };
static const i32 imms[] = { 0, 1, -1, 127, -128, 128, -129, 0x1234, -0x8000,
                            0x12345678, 0x7fffffff, -0x7fffffff - 1 };

static void g_alu_rr(void)
{
    for (int op = 0; op < 8; op++)
        for (int w = 0; w < 4; w++)
            for (int d = 0; d < 16; d++)
                for (int s = 0; s < 16; s += (op == 0 ? 1 : 5))
                    T(x64_alu_rr(b, op, widths[w], d, s), "%s %s, %s", alu_names[op],
                      rn(widths[w], d), rn(widths[w], s));
}

static void g_alu_ri(void)
{
    for (int op = 0; op < 8; op++)
        for (int w = 0; w < 4; w++)
            for (int r = 0; r < 16; r++)
                for (unsigned i = 0; i < ARRAY_LEN(imms); i++) {
                    enum x64_width wd = widths[w];
                    i32 v = imms[i];
                    if ((wd == W8 && (v < -128 || v > 127)) || (wd == W16 && (v < -0x8000 || v > 0x7fff)))
                        continue;
                    T(x64_alu_ri(b, op, wd, r, v), "%s %s, %d", alu_names[op], rn(wd, r), v);
                }
}

static void g_alu_mem(void)
{
    for (int op = 0; op < 8; op++)
        for (int w = 0; w < 4; w++)
            for (int i = 0; i < nmem_some; i++) {
                enum x64_width wd = widths[w];
                struct x64_mem m = mem_some[i];
                int r = (op * 5 + i) & 15;
                T(x64_alu_rm(b, op, wd, r, m), "%s %s, %s ptr %s", alu_names[op], rn(wd, r), sz(wd), mt(m));
                T(x64_alu_mr(b, op, wd, m, r), "%s %s ptr %s, %s", alu_names[op], sz(wd), mt(m), rn(wd, r));
                T(x64_alu_mi(b, op, wd, m, 5), "%s %s ptr %s, 5", alu_names[op], sz(wd), mt(m));
                T(x64_alu_mi(b, op, wd, m, -100), "%s %s ptr %s, -100", alu_names[op], sz(wd), mt(m));
                if (wd >= W16)
                    T(x64_alu_mi(b, op, wd, m, 1000), "%s %s ptr %s, 1000", alu_names[op], sz(wd), mt(m));
                if (wd >= W32)
                    T(x64_alu_mi(b, op, wd, m, 0x12345678), "%s %s ptr %s, 0x12345678",
                      alu_names[op], sz(wd), mt(m));
            }
    /* The named wrappers reach the same code; spot-check one of each. */
    T(x64_add_rr(b, W64, RAX, R9), "add rax, r9");
    T(x64_sub_ri(b, W32, R12, 300), "sub r12d, 300");
    T(x64_xor_rm(b, W64, RDX, x64_mem(RBP, 0)), "xor rdx, qword ptr [rbp]");
    T(x64_cmp_mr(b, W8, x64_mem(R13, 0), RSI), "cmp byte ptr [r13], sil");
    T(x64_and_mi(b, W16, x64_mem(RSP, 4), 0xff), "and word ptr [rsp+4], 0xff");

}

static void g_test(void)
{
    for (int w = 0; w < 4; w++)
        for (int r = 0; r < 16; r++) {
            enum x64_width wd = widths[w];
            T(x64_test_rr(b, wd, r, (r * 7) & 15), "test %s, %s", rn(wd, r), rn(wd, (r * 7) & 15));
            T(x64_test_ri(b, wd, r, 1), "test %s, 1", rn(wd, r));
            if (wd >= W16)
                T(x64_test_ri(b, wd, r, -2), "test %s, -2", rn(wd, r));
            if (wd >= W32)
                T(x64_test_ri(b, wd, r, 0x12345678), "test %s, 0x12345678", rn(wd, r));
            struct x64_mem m = mem_some[r % nmem_some];
            T(x64_test_mr(b, wd, m, r), "test %s ptr %s, %s", sz(wd), mt(m), rn(wd, r));
            T(x64_test_mi(b, wd, m, 0x44), "test %s ptr %s, 0x44", sz(wd), mt(m));
        }
}

static const char *sh[8] = { "rol", "ror", 0, 0, "shl", "shr", 0, "sar" };
static const char *un[8] = { 0, 0, "not", "neg", "mul", "imul", "div", "idiv" };

static void g_shift(void)
{
    for (int op = 0; op < 8; op++) {
        if (!sh[op])
            continue;
        for (int w = 0; w < 4; w++)
            for (int r = 0; r < 16; r++) {
                enum x64_width wd = widths[w];
                T(x64_shift_ri(b, op, wd, r, 1), "%s %s, 1", sh[op], rn(wd, r));
                T(x64_shift_ri(b, op, wd, r, 7), "%s %s, 7", sh[op], rn(wd, r));
                T(x64_shift_rcl(b, op, wd, r), "%s %s, cl", sh[op], rn(wd, r));
            }
    }
    T(x64_shl_ri(b, W64, R11, 63), "shl r11, 63");
    T(x64_sar_rcl(b, W32, RDI), "sar edi, cl");
}

static void g_unary(void)
{
    for (int op = 2; op < 8; op++)
        for (int w = 0; w < 4; w++)
            for (int r = 0; r < 16; r++)
                T(x64_unary_r(b, op, widths[w], r), "%s %s", un[op], rn(widths[w], r));
    for (int op = 2; op < 8; op++)
        for (int i = 0; i < nmem_some; i++)
            T(x64_unary_m(b, op, W64, mem_some[i]), "%s qword ptr %s", un[op], mt(mem_some[i]));
    T(x64_neg_r(b, W64, R8), "neg r8");
    T(x64_idiv_r(b, W32, RCX), "idiv ecx");
}

static void g_imul(void)
{
    for (int w = 1; w < 4; w++)
        for (int d = 0; d < 16; d++)
            for (int s = 0; s < 16; s += 3) {
                enum x64_width wd = widths[w];
                T(x64_imul_rr(b, wd, d, s), "imul %s, %s", rn(wd, d), rn(wd, s));
                T(x64_imul_rri(b, wd, d, s, -3), "imul %s, %s, -3", rn(wd, d), rn(wd, s));
                T(x64_imul_rri(b, wd, d, s, 1000), "imul %s, %s, 1000", rn(wd, d), rn(wd, s));
            }
    for (int i = 0; i < nmem_some; i++)
        T(x64_imul_rm(b, W64, i, mem_some[i]), "imul %s, qword ptr %s", r64[i], mt(mem_some[i]));
    T(x64_cqo(b), "cqo");
    T(x64_cdq(b), "cdq");
}

static void g_setcc_cmov(void)
{
    for (int cc = 0; cc < 16; cc++)
        for (int r = 0; r < 16; r++) {
            T(x64_setcc(b, cc, r), "set%s %s", ccs[cc], r8[r]);
            T(x64_cmov_rr(b, cc, W64, r, 15 - r), "cmov%s %s, %s", ccs[cc], r64[r], r64[15 - r]);
            T(x64_cmov_rr(b, cc, W32, r, 15 - r), "cmov%s %s, %s", ccs[cc], r32[r], r32[15 - r]);
            T(x64_cmov_rr(b, cc, W16, r, 15 - r), "cmov%s %s, %s", ccs[cc], r16[r], r16[15 - r]);
        }
    for (int i = 0; i < nmem_some; i++)
        T(x64_cmov_rm(b, i, W64, i, mem_some[i]), "cmov%s %s, qword ptr %s", ccs[i], r64[i], mt(mem_some[i]));
}

static void g_push_pop_xchg(void)
{
    for (int r = 0; r < 16; r++) {
        T(x64_push_r(b, r), "push %s", r64[r]);
        T(x64_pop_r(b, r), "pop %s", r64[r]);
    }
    static const i32 pushed[] = { 0, 1, -1, 127, -128, 128, -129, 0x12345678, INT32_MIN };
    for (unsigned i = 0; i < ARRAY_LEN(pushed); i++)
        T(x64_push_i(b, pushed[i]), "push %d", pushed[i]);
    for (int w = 0; w < 4; w++)
        for (int a = 0; a < 16; a++)
            for (int c = 0; c < 16; c++)
                T(x64_xchg_rr(b, widths[w], a, c), "xchg %s, %s", rn(widths[w], a), rn(widths[w], c));
}

static void g_atomic(void)
{
    for (int w = 0; w < 4; w++)
        for (int i = 0; i < nmem_some; i++)
            for (int r = 0; r < 16; r += 5) {
                enum x64_width wd = widths[w];
                struct x64_mem m = mem_some[i];
                T(x64_xchg_mr(b, wd, m, r), "xchg %s ptr %s, %s", sz(wd), mt(m), rn(wd, r));
                T(x64_lock_xadd_mr(b, wd, m, r), "lock xadd %s ptr %s, %s", sz(wd), mt(m), rn(wd, r));
                T(x64_lock_cmpxchg_mr(b, wd, m, r), "lock cmpxchg %s ptr %s, %s", sz(wd), mt(m), rn(wd, r));
                T(x64_lock_alu_mr(b, (i + r) % 7, wd, m, r), "lock %s %s ptr %s, %s",
                  alu_names[(i + r) % 7], sz(wd), mt(m), rn(wd, r));   /* not cmp */
            }
}

static void g_bits(void)
{
    for (int w = 1; w < 4; w++)
        for (int d = 0; d < 16; d++) {
            enum x64_width wd = widths[w];
            int s = (d * 5 + 3) & 15;
            T(x64_lzcnt_rr(b, wd, d, s), "lzcnt %s, %s", rn(wd, d), rn(wd, s));
            T(x64_tzcnt_rr(b, wd, d, s), "tzcnt %s, %s", rn(wd, d), rn(wd, s));
            T(x64_popcnt_rr(b, wd, d, s), "popcnt %s, %s", rn(wd, d), rn(wd, s));
            T(x64_bsr_rr(b, wd, d, s), "bsr %s, %s", rn(wd, d), rn(wd, s));
            T(x64_bsf_rr(b, wd, d, s), "bsf %s, %s", rn(wd, d), rn(wd, s));
            if (wd >= W32)
                T(x64_bswap_r(b, wd, d), "bswap %s", rn(wd, d));
            static const char *bts[4] = { "bt", "bts", "btr", "btc" };
            for (int op = 0; op < 4; op++) {
                T(x64_bt_rr(b, BT_BT + op, wd, d, s), "%s %s, %s", bts[op], rn(wd, d), rn(wd, s));
                T(x64_bt_ri(b, BT_BT + op, wd, d, 13), "%s %s, 13", bts[op], rn(wd, d));
            }
        }
}

static void g_bmi(void)
{
    for (int w = 2; w < 4; w++)
        for (int d = 0; d < 16; d++) {
            enum x64_width wd = widths[w];
            int s = (d * 5 + 3) & 15, c = (d * 3 + 7) & 15;
            T(x64_shlx_rrr(b, wd, d, s, c), "shlx %s, %s, %s", rn(wd, d), rn(wd, s), rn(wd, c));
            T(x64_shrx_rrr(b, wd, d, s, c), "shrx %s, %s, %s", rn(wd, d), rn(wd, s), rn(wd, c));
            T(x64_sarx_rrr(b, wd, d, s, c), "sarx %s, %s, %s", rn(wd, d), rn(wd, s), rn(wd, c));
            T(x64_andn_rrr(b, wd, d, s, c), "andn %s, %s, %s", rn(wd, d), rn(wd, s), rn(wd, c));
            T(x64_rorx_rri(b, wd, d, s, 13), "rorx %s, %s, 13", rn(wd, d), rn(wd, s));
        }
}

static void g_misc(void)
{
    T(x64_mfence(b), "mfence");
    T(x64_lfence(b), "lfence");
    T(x64_sfence(b), "sfence");
    T(x64_pause(b), "pause");
    T(x64_ud2(b), "ud2");
    T(x64_int3(b), "int3");
    T(x64_ret(b), "ret");
    T(x64_ret_i(b, 8), "ret 8");
    T(x64_ret_i(b, 0x1234), "ret 0x1234");
}

static void g_nop(void)
{
    static const char *nop_text[10] = { "", "nop", "xchg ax, ax", "nop dword ptr [rax]",
        "{disp8} nop dword ptr [rax]", "{disp8} nop dword ptr [rax+rax*1]",
        "{disp8} nop word ptr [rax+rax*1]", "{disp32} nop dword ptr [rax]",
        "{disp32} nop dword ptr [rax+rax*1]", "{disp32} nop word ptr [rax+rax*1]" };
    for (int n = 1; n <= 9; n++)
        T(x64_nop(b, n), "%s", nop_text[n]);
    T(x64_nop(b, 20), "%s; %s; %s", nop_text[9], nop_text[9], nop_text[2]);
    T(x64_nop(b, 0), "%s", "");
}

static void g_branch(void)
{
    static const int near[] = { 0, 2, 5, 6, 127 + 2, -128 + 2, -2 };
    static const int far[] = { 0x1000, -0x1000, 0x7fff0000, -0x7fff0000 };
    for (unsigned i = 0; i < ARRAY_LEN(near); i++) {
        int k = near[i];
        T(x64_jmp(b, b->p + k), "jmp .%+d", k);
        T(x64_jmp8(b, b->p + k), "jmp .%+d", k);
        T(x64_jmp32(b, b->p + k), "{disp32} jmp .%+d", k);
        T(x64_call(b, b->p + k), "call .%+d", k);
        for (int cc = 0; cc < 16; cc++) {
            T(x64_jcc(b, cc, b->p + k), "j%s .%+d", ccs[cc], k);
            T(x64_jcc32(b, cc, b->p + k), "{disp32} j%s .%+d", ccs[cc], k);
        }
    }
    for (unsigned i = 0; i < ARRAY_LEN(far); i++) {
        int k = far[i];
        T(x64_jmp(b, b->p + k), "jmp .%+d", k);
        T(x64_call(b, b->p + k), "call .%+d", k);
        for (int cc = 0; cc < 16; cc++)
            T(x64_jcc(b, cc, b->p + k), "j%s .%+d", ccs[cc], k);
    }
    T(x64_call_far(b, b->p + 0x1000, R11), "call .+0x1000");
    T(x64_jmp_far(b, b->p - 0x1000, R11), "jmp .-0x1000");
    T(x64_call_far(b, (void *)0x123456789abcull, R11), "movabs r11, 0x123456789abc; call r11");
    T(x64_jmp_far(b, (void *)0x7edcba987654ull, RAX), "movabs rax, 0x7edcba987654; jmp rax");
    T(x64_jmp32(b, NULL), "{disp32} jmp .+5");
    T(x64_jcc32(b, CC_NE, NULL), "{disp32} jne .+6");
    for (int r = 0; r < 16; r++) {
        T(x64_jmp_r(b, r), "jmp %s", r64[r]);
        T(x64_call_r(b, r), "call %s", r64[r]);
    }
    for (int i = 0; i < nmem_some; i++) {
        T(x64_jmp_m(b, mem_some[i]), "jmp qword ptr %s", mt(mem_some[i]));
        T(x64_call_m(b, mem_some[i]), "call qword ptr %s", mt(mem_some[i]));
    }
}

/* RIP-relative to a target: disp counts from the instruction's end. */
static void g_rip_target(void)
{
    for (int k = -64; k <= 64; k += 32) {
        size_t len;
        T((x64_mov_rm(b, W64, R10, x64_mem_at(b->p + k)), len = b->p - mark),
          "mov r10, qword ptr [rip%+d]", k - (int)len);
        T((x64_alu_mi(b, ALU_CMP, W32, x64_mem_at(b->p + k), 1000), len = b->p - mark),
          "cmp dword ptr [rip%+d], 1000", k - (int)len);
        T((x64_mov_mi(b, W8, x64_mem_at(b->p + k), 7), len = b->p - mark),
          "mov byte ptr [rip%+d], 7", k - (int)len);
        T((x64_addsd_xm(b, XMM9, x64_mem_at(b->p + k)), len = b->p - mark),
          "addsd xmm9, qword ptr [rip%+d]", k - (int)len);
    }
}

struct sse_case { const char *name; u32 op; const char *size; };

static const struct sse_case sse_ops[] = {
    { "movss", X64_movss_load, "dword" }, { "movsd", X64_movsd_load, "qword" },
    { "movaps", X64_movaps, "xmmword" }, { "movapd", X64_movapd, "xmmword" },
    { "movq", X64_movq_x, "qword" },
    { "addss", X64_addss, "dword" }, { "addsd", X64_addsd, "qword" },
    { "mulss", X64_mulss, "dword" }, { "mulsd", X64_mulsd, "qword" },
    { "subss", X64_subss, "dword" }, { "subsd", X64_subsd, "qword" },
    { "minss", X64_minss, "dword" }, { "minsd", X64_minsd, "qword" },
    { "divss", X64_divss, "dword" }, { "divsd", X64_divsd, "qword" },
    { "maxss", X64_maxss, "dword" }, { "maxsd", X64_maxsd, "qword" },
    { "sqrtss", X64_sqrtss, "dword" }, { "sqrtsd", X64_sqrtsd, "qword" },
    { "ucomiss", X64_ucomiss, "dword" }, { "ucomisd", X64_ucomisd, "qword" },
    { "comiss", X64_comiss, "dword" }, { "comisd", X64_comisd, "qword" },
    { "cvtss2sd", X64_cvtss2sd, "dword" }, { "cvtsd2ss", X64_cvtsd2ss, "qword" },
    { "andps", X64_andps, "xmmword" }, { "andpd", X64_andpd, "xmmword" },
    { "andnps", X64_andnps, "xmmword" }, { "andnpd", X64_andnpd, "xmmword" },
    { "orps", X64_orps, "xmmword" }, { "orpd", X64_orpd, "xmmword" },
    { "xorps", X64_xorps, "xmmword" }, { "xorpd", X64_xorpd, "xmmword" },
    { "pand", X64_pand, "xmmword" }, { "por", X64_por, "xmmword" },
    { "pxor", X64_pxor, "xmmword" },
};

static void g_sse(void)
{
    for (unsigned o = 0; o < ARRAY_LEN(sse_ops); o++) {
        for (int d = 0; d < 16; d++)
            for (int s = 0; s < 16; s += 3)
                T(x64_sse_xx(b, sse_ops[o].op, d, s), "%s %s, %s", sse_ops[o].name, xn(d), xn(s));
        for (int i = 0; i < nmem_some; i++)
            T(x64_sse_xm(b, sse_ops[o].op, i, mem_some[i]), "%s %s, %s ptr %s", sse_ops[o].name,
              xn(i), sse_ops[o].size, mt(mem_some[i]));
    }
    for (int i = 0; i < nmem_some; i++) {
        T(x64_movss_mx(b, mem_some[i], 15 - i), "movss dword ptr %s, %s", mt(mem_some[i]), xn(15 - i));
        T(x64_movsd_mx(b, mem_some[i], i), "movsd qword ptr %s, %s", mt(mem_some[i]), xn(i));
        T(x64_movsd_xm(b, 15 - i, mem_some[i]), "movsd %s, qword ptr %s", xn(15 - i), mt(mem_some[i]));
        T(x64_ldmxcsr(b, mem_some[i]), "ldmxcsr dword ptr %s", mt(mem_some[i]));
        T(x64_stmxcsr(b, mem_some[i]), "stmxcsr dword ptr %s", mt(mem_some[i]));
    }
    T(x64_addsd_xx(b, XMM0, XMM15), "addsd xmm0, xmm15");
    T(x64_sqrtss_xm(b, XMM8, x64_mem(R12, 0)), "sqrtss xmm8, dword ptr [r12]");
}

static void g_sse_gpr(void)
{
    for (int x = 0; x < 16; x++)
        for (int r = 0; r < 16; r += 3) {
            T(x64_movd_xr(b, W32, x, r), "movd %s, %s", xn(x), r32[r]);
            T(x64_movd_xr(b, W64, x, r), "movq %s, %s", xn(x), r64[r]);
            T(x64_movd_rx(b, W32, r, x), "movd %s, %s", r32[r], xn(x));
            T(x64_movd_rx(b, W64, r, x), "movq %s, %s", r64[r], xn(x));
            for (int w = 2; w < 4; w++) {
                enum x64_width wd = widths[w];
                T(x64_cvtsi2ss_xr(b, wd, x, r), "cvtsi2ss %s, %s", xn(x), rn(wd, r));
                T(x64_cvtsi2sd_xr(b, wd, x, r), "cvtsi2sd %s, %s", xn(x), rn(wd, r));
                T(x64_cvttss2si_rx(b, wd, r, x), "cvttss2si %s, %s", rn(wd, r), xn(x));
                T(x64_cvttsd2si_rx(b, wd, r, x), "cvttsd2si %s, %s", rn(wd, r), xn(x));
                T(x64_cvtss2si_rx(b, wd, r, x), "cvtss2si %s, %s", rn(wd, r), xn(x));
                T(x64_cvtsd2si_rx(b, wd, r, x), "cvtsd2si %s, %s", rn(wd, r), xn(x));
            }
        }
    for (int d = 0; d < 16; d++)
        for (int p = 0; p < 8; p++) {
            T(x64_cmpss_xxi(b, d, 15 - d, p), "cmpss %s, %s, %d", xn(d), xn(15 - d), p);
            T(x64_cmpsd_xxi(b, d, (d + p) & 15, p), "cmpsd %s, %s, %d", xn(d), xn((d + p) & 15), p);
        }
}

static void g_sse41(void)
{
    for (int d = 0; d < 16; d++)
        for (int s = 0; s < 16; s += 5) {
            T(x64_roundss_xxi(b, d, s, 3), "roundss %s, %s, 3", xn(d), xn(s));
            T(x64_roundsd_xxi(b, d, s, 9), "roundsd %s, %s, 9", xn(d), xn(s));
        }
}

static const char *fma_names[4] = { "vfmadd", "vfmsub", "vfnmadd", "vfnmsub" };
static const u8 fma_ops[4] = { 0x99, 0x9b, 0x9d, 0x9f };
static const char *ords[3] = { "132", "213", "231" };

static void g_fma(void)
{
    for (int o = 0; o < 4; o++)
        for (int k = 0; k < 3; k++)
            for (int d = 0; d < 16; d += 3)
                for (int s = 0; s < 16; s += 5) {
                    int t = (d + s + 1) & 15;
                    T(x64_fma_xxx(b, fma_ops[o], k * 0x10, true, d, s, t), "%s%ssd %s, %s, %s",
                      fma_names[o], ords[k], xn(d), xn(s), xn(t));
                    T(x64_fma_xxx(b, fma_ops[o], k * 0x10, false, d, s, t), "%s%sss %s, %s, %s",
                      fma_names[o], ords[k], xn(d), xn(s), xn(t));
                }
    for (int i = 0; i < nmem_some; i++)
        T(x64_fma_xxm(b, 0x99, FMA_231, true, i, 15 - i, mem_some[i]),
          "vfmadd231sd %s, %s, qword ptr %s", xn(i), xn(15 - i), mt(mem_some[i]));
    T(x64_vfmadd231sd_xxx(b, XMM1, XMM2, XMM3), "vfmadd231sd xmm1, xmm2, xmm3");
    T(x64_vfnmsub132ss_xxx(b, XMM9, XMM10, XMM11), "vfnmsub132ss xmm9, xmm10, xmm11");
}

/* ------------------------------------------------ comparison with as */

static u8 *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    u8 *p = malloc(n ? n : 1);
    *len = fread(p, 1, n, f);
    fclose(f);
    return p;
}

static void hex(char *out, const u8 *p, u32 n)
{
    out[0] = 0;
    for (u32 i = 0; i < n && i < 20; i++)
        sprintf(out + 3 * i, "%02x ", p[i]);
}

/* One PASS/FAIL line per group, with the first mismatch. */
static void report(const u8 *text, size_t text_len, const u32 *lens)
{
    int start = 0;
    u32 at = 0;   /* offset in as's output; ours is cases[i].off */
    while (start < ncases) {
        int end = start, bad = -1;
        while (end < ncases && cases[end].group == cases[start].group)
            end++;
        for (int i = start; i < end; i++) {
            struct tcase *c = &cases[i];
            bool ok = lens[i] == c->len && at + lens[i] <= text_len &&
                      !memcmp(text + at, code + c->off, c->len);
            if (!ok && bad < 0) {
                char ours[64], theirs[64];
                hex(ours, code + c->off, c->len);
                hex(theirs, at + lens[i] <= text_len ? text + at : text, lens[i]);
                printf("FAIL x64_%s: \"%s\": rvx %s, as %s\n", c->group, c->text, ours, theirs);
                bad = i;
            }
            at += lens[i];
        }
        if (bad >= 0)
            fails++;
        else
            printf("PASS x64_%s (%d encodings)\n", cases[start].group, end - start);
        start = end;
    }
}

/* Line i + 3 of t.s holds case i; each case's as length goes to .data. */
static bool write_asm(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fprintf(f, ".intel_syntax noprefix\n.text\n");
    for (int i = 0; i < ncases; i++)
        fprintf(f, "c%d: %s\n", i, cases[i].text);
    fprintf(f, "c%d:\n.data\n", ncases);
    for (int i = 0; i < ncases; i++)
        fprintf(f, ".long c%d-c%d\n", i + 1, i);
    return fclose(f) == 0;
}

/* The first error as reports, with the case it comes from. */
static void report_as_error(const char *dir)
{
    char path[300], line[300] = "no diagnostics";
    int n = -1;
    snprintf(path, sizeof path, "%s/as.log", dir);
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f)) {
        char *at = strstr(line, "t.s:");
        if (at && sscanf(at, "t.s:%d:", &n) == 1)
            break;
    }
    if (f)
        fclose(f);
    line[strcspn(line, "\n")] = 0;
    if (n - 3 >= 0 && n - 3 < ncases)
        printf("FAIL x64_as: \"%s\": %s\n", cases[n - 3].text, line);
    else
        printf("FAIL x64_as: as or objcopy failed (binutils installed?): %s (in %s)\n", line, dir);
    fails++;
}

static void compare_with_as(void)
{
    char dir[] = "/tmp/rvx-test-x64-XXXXXX", path[256], cmd[1024];
    if (!mkdtemp(dir)) {
        printf("FAIL x64_as: mkdtemp failed\n");
        fails++;
        return;
    }
    snprintf(path, sizeof path, "%s/t.s", dir);
    snprintf(cmd, sizeof cmd,
             "cd %s && as --64 -o t.o t.s 2>as.log && objcopy -O binary -j .text t.o text.bin"
             " && objcopy -O binary -j .data t.o lens.bin", dir);
    size_t text_len = 0, lens_len = 0;
    u8 *text = NULL, *lens = NULL;
    if (write_asm(path) && system(cmd) == 0) {
        snprintf(path, sizeof path, "%s/text.bin", dir);
        text = read_file(path, &text_len);
        snprintf(path, sizeof path, "%s/lens.bin", dir);
        lens = read_file(path, &lens_len);
    }
    if (!text || !lens || lens_len != 4u * ncases) {
        report_as_error(dir);   /* leaves dir for inspection */
        return;
    }
    report(text, text_len, (const u32 *)lens);
    free(text);
    free(lens);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("note: could not remove %s\n", dir);
}

/* ---------------------------------------------- behaviour (no as) */

static void expect(const char *name, bool ok, const char *why)
{
    if (ok) {
        printf("PASS x64_%s\n", name);
    } else {
        printf("FAIL x64_%s: %s\n", name, why);
        fails++;
    }
}

static void test_overflow(void)
{
    u8 small[16];
    struct x64_buf t;
    memset(small, 0xaa, sizeof small);
    x64_init(&t, small, 12);
    x64_mov_ri(&t, W64, RAX, 0x123456789ull);   /* 10 bytes: fits */
    bool ok = !t.overflow && x64_offset(&t) == 10;
    x64_mov_ri(&t, W64, RBX, 0x123456789ull);   /* does not fit */
    x64_ret(&t);                                /* would fit, must not be written */
    ok = ok && t.overflow && x64_offset(&t) <= 12 && small[12] == 0xaa && small[13] == 0xaa;
    ok = ok && (x64_offset(&t) == 10 || t.overflow);
    expect("overflow", ok, "emitting past the end must set overflow and write nothing past end");
}

static void test_bind(void)
{
    u8 mem[64];
    struct x64_buf t;
    x64_init(&t, mem, sizeof mem);
    size_t j32 = x64_jcc32(&t, CC_E, NULL);
    size_t j8 = x64_jmp8(&t, NULL);
    x64_nop(&t, 7);
    x64_bind(&t, j32);
    x64_bind8(&t, j8);
    i32 rel;
    memcpy(&rel, mem + j32, 4);
    bool ok = rel == 2 + 7 && mem[j8] == 7 && j32 == 2 && j8 == 7;
    expect("bind", ok, "forward branches must land on the bind point");
}

/* Every start alignment: the rel32 of a patchable jmp lies in one aligned
 * 8-byte word, with the least padding, and the padding is a nop. */
static void test_patch_site(void)
{
    _Alignas(8) u8 mem[64], ref[16];
    bool ok = true;
    for (int k = 0; k < 8; k++) {
        struct x64_buf t, r;
        x64_init(&t, mem, sizeof mem);
        x64_nop(&t, k);
        size_t site = x64_jmp32_patchable(&t, mem + 40);
        int pad = site - 1 - k, need = ((k + 1) & 7) > 4 ? 8 - ((k + 1) & 7) : 0;
        x64_init(&r, ref, sizeof ref);
        x64_nop(&r, pad);
        ok = ok && (site & 7) <= 4 && pad == need && !memcmp(mem + k, ref, pad) &&
             mem[site - 1] == 0xe9;
        x64_init(&t, mem, sizeof mem);
        x64_nop(&t, k);
        site = x64_call32_patchable(&t, mem + 40);
        ok = ok && (site & 7) <= 4 && site - 1 - k == (size_t)need && mem[site - 1] == 0xe8;
    }
    expect("patch_site_alignment", ok, "rel32 of a patchable jmp or call crosses an 8-byte word");
}

typedef long (*fn2)(long, long);

/* Code written through one mapping of a memfd and run through another:
 * exercises rx_delta, a few emitters' semantics, and a live patch. */
static void test_execute(void)
{
    long page = sysconf(_SC_PAGESIZE);
    int fd = memfd_create("rvx-x64-test", 0);
    if (fd < 0 || ftruncate(fd, page) != 0) {
        expect("execute", false, "memfd_create failed");
        return;
    }
    u8 *w = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    u8 *x = mmap(NULL, page, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    if (w == MAP_FAILED || x == MAP_FAILED) {
        expect("execute", false, "mmap failed");
        return;
    }
    struct x64_buf t;
    x64_init_rx(&t, w, page, x);
    /* f(a, b) = a*8 + b + 3, then jump to one of two tails */
    x64_lea(&t, W64, RAX, x64_mem_idx(RSI, RDI, 8, 3));
    size_t site = x64_jmp32_patchable(&t, NULL);
    const u8 *tail1 = x64_here(&t);
    x64_ret(&t);
    const u8 *tail2 = x64_here(&t);
    x64_neg_r(&t, W64, RAX);
    x64_ret(&t);
    x64_patch_rel32_rx(w + site, x + site, tail1);
    fn2 f = (fn2)(void *)x;
    long r1 = f(5, 7);
    x64_patch_rel32_rx(w + site, x + site, tail2);
    long r2 = f(5, 7);
    expect("execute", !t.overflow && r1 == 50 && r2 == -50,
           "emitted code computed the wrong value or the patch did not take");
    /* g(a): push 0x55; call (patchable) -> tail; on return rax + 1.
     * tail3 returns the pushed word, tail4 a; both drop it (ret 8). */
    const u8 *g = x64_here(&t);
    x64_push_i(&t, 0x55);
    size_t csite = x64_call32_patchable(&t, NULL);
    x64_add_ri(&t, W64, RAX, 1);
    x64_ret(&t);
    const u8 *tail3 = x64_here(&t);
    x64_mov_rm(&t, W64, RAX, x64_mem(RSP, 8));
    x64_ret_i(&t, 8);
    const u8 *tail4 = x64_here(&t);
    x64_mov_rr(&t, W64, RAX, RDI);
    x64_ret_i(&t, 8);
    x64_patch_rel32_rx(w + csite, x + csite, tail3);
    fn2 gf = (fn2)(void *)g;
    long r3 = gf(5, 0);
    x64_patch_rel32_rx(w + csite, x + csite, tail4);
    long r4 = gf(5, 0);
    expect("execute_call", !t.overflow && r3 == 0x56 && r4 == 6,
           "push/call/ret imm16 computed the wrong value or the call patch did not take");
    munmap(w, page);
    munmap(x, page);
}

static void test_cpuid(void)
{
    struct x64_features f = x64_cpuid_probe();
    printf("x64 host features: sse4.1=%d avx=%d fma=%d bmi1=%d bmi2=%d lzcnt=%d popcnt=%d\n",
           f.sse41, f.avx, f.fma, f.bmi1, f.bmi2, f.lzcnt, f.popcnt);
    struct x64_features m = x64_features_mask(f, "fma,bmi2");
    struct x64_features none = x64_features_mask(f, "all");
    bool ok = (!f.fma || f.avx) && !m.fma && !m.bmi2 && m.avx == f.avx &&
              m.popcnt == f.popcnt && !none.sse41 && !none.popcnt && f.ras && m.ras &&
              !x64_features_mask(f, "popcnt,ras").ras && !none.ras;
    expect("cpuid", ok, "feature flags inconsistent");
}

static const struct { const char *name; void (*fn)(void); } groups[] = {
    { "mov_rr", g_mov_rr },
    { "mov_rm_mr", g_mov_rm_mr },
    { "mov_mi", g_mov_mi },
    { "mov_ri", g_mov_ri },
    { "movzx_movsx", g_movzx_movsx },
    { "lea", g_lea },
    { "alu_rr", g_alu_rr },
    { "alu_ri", g_alu_ri },
    { "alu_mem", g_alu_mem },
    { "test", g_test },
    { "shift", g_shift },
    { "unary", g_unary },
    { "imul", g_imul },
    { "setcc_cmov", g_setcc_cmov },
    { "push_pop_xchg", g_push_pop_xchg },
    { "atomic", g_atomic },
    { "bits", g_bits },
    { "bmi", g_bmi },
    { "misc", g_misc },
    { "nop", g_nop },
    { "branch", g_branch },
    { "rip_target", g_rip_target },
    { "sse", g_sse },
    { "sse_gpr", g_sse_gpr },
    { "sse41", g_sse41 },
    { "fma", g_fma },
};

int main(void)
{
    x64_init(b, code, sizeof code);
    build_mems();
    for (unsigned i = 0; i < ARRAY_LEN(groups); i++) {
        group = groups[i].name;
        groups[i].fn();
    }
    if (b->overflow) {
        printf("FAIL x64_cases: test buffer too small\n");
        return 1;
    }
    compare_with_as();
    test_overflow();
    test_bind();
    test_patch_site();
    test_execute();
    test_cpuid();
    printf("x64: %d encodings compared with GNU as\n", ncases);
    return fails != 0;
}
