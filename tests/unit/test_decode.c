/* Decoder tests: the insn.def table is consistent (no two lines overlap,
 * each line decodes its own match value), hand-checked field extraction,
 * reserved encodings, and every RVC encoding (all 65536 halves) against
 * the 32-bit instruction it expands to. Prints PASS/FAIL lines; exits
 * non-zero on a failure. Also reports the decode speed. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cpu/decode.h"
#include "cpu/rvc.h"

struct def {
    const char *name;
    u32 match, mask;
    enum insn_format fmt;
};

static const struct def defs[OP_COUNT] = {
#define INSN(nm, mn, m, k, f, e, args) [OP_##nm] = { #nm, m, k, FMT_##f },
#include "cpu/insn.def"
#undef INSN
};

static const struct { u16 match, mask; } rvc_defs[COP_COUNT] = {
#define RVC(nm, mn, m, k, op, args) [COP_##nm] = { m, k },
#include "cpu/rvc.def"
#undef RVC
};

static int fails;

#define EXPECT(name, cond, ...)                                     \
    do {                                                            \
        if (!(cond)) {                                              \
            printf("FAIL %s: ", name);                              \
            printf(__VA_ARGS__);                                    \
            printf("\n");                                           \
            fails++;                                                \
        }                                                           \
    } while (0)

static void test_no_overlap(void)
{
    int before = fails;
    for (int a = 1; a < OP_COUNT; a++)
        for (int b = a + 1; b < OP_COUNT; b++)
            EXPECT("decode_no_overlap",
                   ((defs[a].match ^ defs[b].match) & defs[a].mask & defs[b].mask) != 0,
                   "%s and %s both match 0x%08x", defs[a].name, defs[b].name,
                   defs[a].match | defs[b].match);
    if (fails == before)
        printf("PASS decode_no_overlap (%d lines)\n", OP_COUNT - 1);
}

static void test_own_match(void)
{
    int before = fails;
    for (int op = 1; op < OP_COUNT; op++) {
        struct insn in;
        int len = dec_insn(&in, defs[op].match);
        EXPECT("decode_own_match", len == 4 && in.op == op && in.cop == 0 && in.len == 4,
               "0x%08x (%s) decodes to %s", defs[op].match, defs[op].name,
               insn_mnemonic(in.op));
        EXPECT("decode_own_match", (defs[op].match & ~defs[op].mask) == 0 &&
               (defs[op].match & 3) == 3, "%s: match has bits outside mask", defs[op].name);
    }
    if (fails == before)
        printf("PASS decode_own_match\n");
}

struct field_case {
    u32 bits;
    enum rv_op op;
    int rd, rs1, rs2, rs3, rm;
    i32 imm;
};

/* -1 = not checked. Texts from riscv64-linux-gnu-objdump -M no-aliases. */
static const struct field_case field_cases[] = {
    { 0x80050513, OP_ADDI, 10, 10, -1, -1, -1, -2048 },          /* addi a0,a0,-2048 */
    { 0x7ff00093, OP_ADDI, 1, 0, -1, -1, -1, 2047 },             /* addi ra,zero,2047 */
    { 0x80a53023, OP_SD, -1, 10, 10, -1, -1, -2048 },            /* sd a0,-2048(a0) */
    { 0x7eb13fa3, OP_SD, -1, 2, 11, -1, -1, 2047 },              /* sd a1,2047(sp) */
    { 0x80000063, OP_BEQ, -1, 0, 0, -1, -1, -4096 },             /* beq zero,zero,.-4096 */
    { 0x7e000fe3, OP_BEQ, -1, 0, 0, -1, -1, 4094 },              /* beq zero,zero,.+4094 */
    { 0xfffff0ef, OP_JAL, 1, -1, -1, -1, -1, -2 },               /* jal ra,.-2 */
    { 0x7ffff06f, OP_JAL, 0, -1, -1, -1, -1, 0xffffe },          /* jal zero,.+1048574 */
    { 0x80000537, OP_LUI, 10, -1, -1, -1, -1, (i32)0x80000000 }, /* lui a0,0x80000 */
    { 0x43f05293, OP_SRAI, 5, 0, -1, -1, -1, 63 },               /* srai t0,zero,0x3f */
    { 0x03f01293, OP_SLLI, 5, 0, -1, -1, -1, 63 },               /* slli t0,zero,0x3f */
    { 0x01f0129b, OP_SLLIW, 5, 0, -1, -1, -1, 31 },              /* slliw t0,zero,0x1f */
    { 0x4050529b, OP_SRAIW, 5, 0, -1, -1, -1, 5 },               /* sraiw t0,zero,0x5 */
    { 0x340fd573, OP_CSRRWI, 10, 31, -1, -1, -1, 0x340 },        /* csrrwi a0,mscratch,31 */
    { 0xc0002573, OP_CSRRS, 10, 0, -1, -1, -1, 0xc00 },          /* csrrs a0,cycle,zero */
    { 0x0ea5a52f, OP_AMOSWAP_W, 10, 11, 10, -1, 3, 0 },          /* amoswap.w.aqrl */
    { 0x1205b52f, OP_LR_D, 10, 11, 0, -1, 1, 0 },                /* lr.d.rl a0,(a1) */
    { 0x1c05b52f, OP_SC_D, 10, 11, 0, -1, 2, 0 },                /* sc.d.aq a0,zero,(a1) */
    { 0x0ff0000f, OP_FENCE, 0, 0, -1, -1, -1, 0x0ff },           /* fence iorw,iorw */
    { 0x8330000f, OP_FENCE, 0, 0, -1, -1, -1, 0x833 },           /* fence.tso */
    { 0x02b50553, OP_FADD_D, 10, 10, 11, -1, RM_RNE, 0 },        /* fadd.d fa0,fa0,fa1,rne */
    { 0x02b57553, OP_FADD_D, 10, 10, 11, -1, RM_DYN, 0 },        /* fadd.d fa0,fa0,fa1 */
    { 0x62b57543, OP_FMADD_D, 10, 10, 11, 12, RM_DYN, 0 },       /* fmadd.d fa0,fa0,fa1,fa2 */
    { 0xc2051553, OP_FCVT_W_D, 10, 10, -1, -1, RM_RTZ, 0 },      /* fcvt.w.d a0,fa0,rtz */
    { 0x02b55553, OP_FADD_D, 10, 10, 11, -1, 5, 0 },             /* rm 5: illegal only at run */
    { 0x00000073, OP_ECALL, -1, -1, -1, -1, -1, 0 },
    { 0x00100073, OP_EBREAK, -1, -1, -1, -1, -1, 0 },
    /* reserved or foreign encodings */
    { 0x0200129b, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* slliw with shamt[5] */
    { 0x4200529b, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* sraiw with shamt[5] */
    { 0x00001067, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* jalr funct3 1 */
    { 0x1015b52f, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* lr.d with rs2 */
    { 0x5a150553, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* fsqrt.d with rs2 */
    { 0x10500073, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* wfi */
    { 0x30200073, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* mret */
    { 0x20b52533, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* sh1add (Zba) */
    { 0x0000001f, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },           /* 48-bit prefix */
    { 0xffffffff, OP_ILLEGAL, -1, -1, -1, -1, -1, 0 },
};

static void test_fields(void)
{
    int before = fails;
    for (size_t i = 0; i < ARRAY_LEN(field_cases); i++) {
        const struct field_case *c = &field_cases[i];
        struct insn in;
        dec_insn(&in, c->bits);
        EXPECT("decode_fields", in.op == c->op, "0x%08x: op %s, want %s", c->bits,
               insn_mnemonic(in.op), insn_mnemonic(c->op));
        if (c->op == OP_ILLEGAL || in.op != c->op)
            continue;
        EXPECT("decode_fields", (c->rd < 0 || in.rd == c->rd) && (c->rs1 < 0 || in.rs1 == c->rs1) &&
               (c->rs2 < 0 || in.rs2 == c->rs2) && (c->rs3 < 0 || in.rs3 == c->rs3) &&
               (c->rm < 0 || in.rm == c->rm) && in.imm == c->imm && in.raw == c->bits,
               "0x%08x: rd %d rs1 %d rs2 %d rs3 %d rm %d imm %d", c->bits, in.rd, in.rs1,
               in.rs2, in.rs3, in.rm, in.imm);
    }
    if (fails == before)
        printf("PASS decode_fields (%zu)\n", ARRAY_LEN(field_cases));
}

/* The 32-bit encoding of an expanded RVC instruction. */
static u32 encode32(const struct insn *in)
{
    const struct def *d = &defs[in->op];
    u32 w = d->match, imm = (u32)in->imm;
    u32 rd = (u32)in->rd << 7, rs1 = (u32)in->rs1 << 15, rs2 = (u32)in->rs2 << 20;
    switch (d->fmt) {
    case FMT_R: return w | rd | rs1 | rs2;
    case FMT_I: case FMT_SHIFT: return w | rd | rs1 | (imm << 20);
    case FMT_S: return w | rs1 | rs2 | ((imm & 0x1f) << 7) | ((imm >> 5) << 25);
    case FMT_B:
        return w | rs1 | rs2 | ((imm >> 11 & 1) << 7) | ((imm >> 1 & 0xf) << 8) |
               ((imm >> 5 & 0x3f) << 25) | ((imm >> 12 & 1) << 31);
    case FMT_U: return w | rd | (imm & 0xfffff000);
    case FMT_J:
        return w | rd | (imm & 0xff000) | ((imm >> 11 & 1) << 20) |
               ((imm >> 1 & 0x3ff) << 21) | ((imm >> 20 & 1) << 31);
    default: return w;
    }
}

/* Do a (compressed) and b (32-bit) agree in the fields a's format uses? */
static bool same_fields(const struct insn *a, const struct insn *b)
{
    bool rd = a->rd == b->rd, rs1 = a->rs1 == b->rs1, rs2 = a->rs2 == b->rs2;
    if (a->op != b->op || a->imm != b->imm)
        return false;
    switch (insn_format(a->op)) {
    case FMT_R: return rd && rs1 && rs2;
    case FMT_I: case FMT_SHIFT: return rd && rs1;
    case FMT_S: case FMT_B: return rs1 && rs2;
    case FMT_U: case FMT_J: return rd;
    default: return true;
    }
}

/* Hand-checked expansions: the 16-bit word and its 32-bit equivalent. */
static const struct { u16 half; u32 full; enum rvc_op cop; } rvc_cases[] = {
    { 0x0020, 0x00810413, COP_C_ADDI4SPN }, /* addi s0,sp,8 */
    { 0x716d, 0xef010113, COP_C_ADDI16SP }, /* addi sp,sp,-272 */
    { 0x7001, 0xfffe0037, COP_C_LUI },      /* lui zero,0xfffe0 */
    { 0x0505, 0x00150513, COP_C_ADDI },     /* addi a0,a0,1 */
    { 0x0001, 0x00000013, COP_C_ADDI },     /* c.nop = addi zero,zero,0 */
    { 0x8405, 0x40145413, COP_C_SRAI },     /* srai s0,s0,1 */
    { 0x8401, 0x40045413, COP_C_SRAI64 },   /* srai s0,s0,0 (hint) */
    { 0x8082, 0x00008067, COP_C_JR },       /* jalr zero,0(ra) */
    { 0x9102, 0x000100e7, COP_C_JALR },     /* jalr ra,0(sp) */
    { 0x9002, 0x00100073, COP_C_EBREAK },
    { 0x8006, 0x00100033, COP_C_MV },       /* add zero,zero,ra */
    { 0x6082, 0x00013083, COP_C_LDSP },     /* ld ra,0(sp) */
    { 0xe006, 0x00113023, COP_C_SDSP },     /* sd ra,0(sp) */
    { 0xb76d, 0xfabff06f, COP_C_J },        /* jal zero,.-86 */
    { 0xc005, 0x02040063, COP_C_BEQZ },     /* beq s0,zero,.+32 */
};

/* Reserved 16-bit encodings: must be illegal. */
static const u16 rvc_reserved[] = {
    0x0000, /* all zero */
    0x0004, /* c.addi4spn imm 0 */
    0x6101, /* c.addi16sp imm 0 */
    0x6081, /* c.lui ra,0 */
    0x2001, /* c.addiw zero */
    0x4002, /* c.lwsp zero */
    0x6002, /* c.ldsp zero */
    0x8002, /* c.jr zero */
    0x8000, /* quadrant 0 funct3 100 */
    0x9c41, /* c.subw/c.addw slot 10 */
    0x9c61, /* c.subw/c.addw slot 11 */
};

static void test_rvc_cases(void)
{
    int before = fails;
    for (size_t i = 0; i < ARRAY_LEN(rvc_cases); i++) {
        struct insn c, f;
        int len = dec_insn(&c, rvc_cases[i].half);
        dec_insn(&f, rvc_cases[i].full);
        EXPECT("decode_rvc_cases", len == 2 && c.len == 2 && c.cop == rvc_cases[i].cop &&
               same_fields(&c, &f),
               "0x%04x: %s rd %d rs1 %d rs2 %d imm %d, want %s rd %d rs1 %d rs2 %d imm %d",
               rvc_cases[i].half, insn_mnemonic(c.op), c.rd, c.rs1, c.rs2, c.imm,
               insn_mnemonic(f.op), f.rd, f.rs1, f.rs2, f.imm);
    }
    for (size_t i = 0; i < ARRAY_LEN(rvc_reserved); i++) {
        struct insn c;
        dec_insn(&c, rvc_reserved[i]);
        EXPECT("decode_rvc_reserved", c.op == OP_ILLEGAL && c.cop == 0 && c.len == 2,
               "0x%04x decodes to %s", rvc_reserved[i], insn_mnemonic(c.op));
    }
    if (fails == before)
        printf("PASS decode_rvc_cases (%zu expansions, %zu reserved)\n",
               ARRAY_LEN(rvc_cases), ARRAY_LEN(rvc_reserved));
}

/* All 65536 halves: each legal one matches its rvc.def line and decodes to
 * the same fields as its re-encoded 32-bit equivalent. */
static void test_rvc_all(void)
{
    int before = fails, legal = 0;
    bool seen[COP_COUNT] = { false };
    for (u32 h = 0; h < 0x10000; h++) {
        if ((h & 3) == 3)
            continue;
        struct insn c, f;
        dec_insn(&c, h | 0xdead0000); /* the upper half must not matter */
        if (c.op == OP_ILLEGAL)
            continue;
        legal++;
        seen[c.cop] = true;
        EXPECT("decode_rvc_all", c.cop && (h & rvc_defs[c.cop].mask) == rvc_defs[c.cop].match,
               "0x%04x: cop %s does not match its rvc.def line", h, rvc_mnemonic(c.cop));
        dec_insn(&f, encode32(&c));
        EXPECT("decode_rvc_all", same_fields(&c, &f) && c.raw == h && c.len == 2,
               "0x%04x (%s) expands differently from 0x%08x", h, rvc_mnemonic(c.cop),
               encode32(&c));
        if (fails - before > 10)
            return;
    }
    for (int cop = 1; cop < COP_COUNT; cop++)
        EXPECT("decode_rvc_all", seen[cop], "%s never decoded", rvc_mnemonic(cop));
    if (fails == before)
        printf("PASS decode_rvc_all (%d legal halves, %d forms)\n", legal, COP_COUNT - 1);
}

static void test_static_data(void)
{
    int before = fails;
    EXPECT("decode_static", !strcmp(insn_mnemonic(OP_FCVT_D_LU), "fcvt.d.lu"), "mnemonic");
    EXPECT("decode_static", insn_format(OP_SRAIW) == FMT_SHIFTW, "format");
    EXPECT("decode_static", insn_ext(OP_AMOADD_D) == EXT_A && insn_ext(OP_FENCE_I) == EXT_ZIFENCEI,
           "ext");
    static const enum rv_op enders[] = { OP_JAL, OP_JALR, OP_BEQ, OP_BGEU, OP_ECALL,
                                         OP_EBREAK, OP_FENCE_I, OP_ILLEGAL };
    for (size_t i = 0; i < ARRAY_LEN(enders); i++)
        EXPECT("decode_static", insn_ends_block(enders[i]), "%s must end a block",
               insn_mnemonic(enders[i]));
    EXPECT("decode_static", !insn_ends_block(OP_ADD) && !insn_ends_block(OP_CSRRW) &&
           !insn_ends_block(OP_FENCE), "add/csrrw/fence must not end a block");
    if (fails == before)
        printf("PASS decode_static\n");
}

/* Not a pass/fail test: how fast decoding is, for the record. */
static void report_speed(void)
{
    enum { N = 5000000 };
    struct timespec t0, t1;
    u32 x = 12345, sink = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < N; i++) {
        x = x * 1664525 + 1013904223;
        struct insn in;
        dec_insn(&in, (u32)defs[1 + x % (OP_COUNT - 1)].match | (x & 0x000fff80));
        sink += in.op;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / N;
    printf("# decode: %.1f ns per instruction (sink %u)\n", ns, sink & 1);
}

int main(void)
{
    test_no_overlap();
    test_own_match();
    test_fields();
    test_rvc_cases();
    test_rvc_all();
    test_static_data();
    report_speed();
    return fails != 0;
}
