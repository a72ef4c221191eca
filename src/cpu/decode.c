/* Decoder: raw bits -> struct insn, for every RV64GC instruction.
 *
 * 32-bit instructions: insn.def is the only list of encodings. At start-up
 * it is folded into a bucket table keyed by the bits almost every mask
 * covers, so a decode scans a bucket of one to three candidates instead of
 * the whole list:
 *
 *   key (13 bits) = bits[31:27] : funct3 bits[14:12] : opcode bits[6:2]
 *
 * An instruction whose mask leaves some key bits open (lui, fmadd.s with
 * its rm field, ...) is entered in every bucket it can match. insn.def
 * lines never overlap (tests/unit/test_decode.c checks), so the first hit
 * in a bucket is the answer. Compressed instructions go to decode_rvc.c.
 * Called once per guest instruction when a block is built; thread-safe
 * (the table is built by a constructor before main and then only read). */
#include "cpu/decode.h"

#include "base/check.h"
#include "cpu/rvc.h"

struct insn_info {
    u32 match, mask;
    const char *mnemonic;
    u8 format, ext;
};

static const struct insn_info insn_table[OP_COUNT] = {
#define INSN(name, mn, m, k, fmt, e, args) \
    [OP_##name] = { m, k, mn, FMT_##fmt, EXT_##e },
#include "cpu/insn.def"
#undef INSN
};

#define KEY_BITS 13
#define KEY_COUNT (1u << KEY_BITS)
#define KEY_MASK 0xf800707cu /* the instruction bits that form the key */
#define BUCKET_SLOTS 8192    /* sum of bucket sizes (4304 for RV64GC); checked */

static u16 bucket_start[KEY_COUNT + 1];
static u8 bucket_ops[BUCKET_SLOTS];

static inline u32 dec_key(u32 bits)
{
    return ((bits >> 2) & 0x1f) | ((bits >> 7) & 0xe0) | ((bits >> 19) & 0x1f00);
}

/* Calls visit(key, op) for every key whose bits op's match can show:
 * the key bits its mask fixes, with every combination of the free ones. */
static void dec_each_key(u32 op, void (*visit)(u32 key, u32 op))
{
    const struct insn_info *ii = &insn_table[op];
    u32 base = dec_key(ii->match), free = dec_key(~ii->mask & KEY_MASK);
    u32 sub = 0;
    do {
        visit(base | sub, op);
        sub = (sub - free) & free; /* next subset of the free bits */
    } while (sub);
}

static u16 bucket_fill[KEY_COUNT]; /* build-time cursor per bucket */

static void dec_count(u32 key, u32 op)
{
    UNUSED(op);
    bucket_start[key + 1]++;
}

static void dec_place(u32 key, u32 op)
{
    CHECK(bucket_fill[key] < bucket_start[key + 1]);
    bucket_ops[bucket_fill[key]++] = (u8)op;
}

/* Two passes over insn.def (count, then place in op order), touching
 * only the buckets each line can match: ~20 us at start-up. */
__attribute__((constructor)) static void dec_build_table(void)
{
    _Static_assert(OP_COUNT <= 256, "bucket_ops holds ops in a byte");
    for (u32 op = 1; op < OP_COUNT; op++)
        dec_each_key(op, dec_count);
    for (u32 key = 0; key < KEY_COUNT; key++)
        bucket_start[key + 1] += bucket_start[key];
    CHECK(bucket_start[KEY_COUNT] <= BUCKET_SLOTS);
    for (u32 key = 0; key < KEY_COUNT; key++)
        bucket_fill[key] = bucket_start[key];
    for (u32 op = 1; op < OP_COUNT; op++)
        dec_each_key(op, dec_place);
}

/* Sign-extends the low `width` bits (shifting unsigned: no UB). */
static inline i32 sext(u32 v, int width)
{
    return (i32)(v << (32 - width)) >> (32 - width);
}

static inline i32 imm_i(u32 b) { return (i32)b >> 20; }
static inline i32 imm_s(u32 b) { return sext(((b >> 20) & 0xfe0) | ((b >> 7) & 0x1f), 12); }
static inline i32 imm_u(u32 b) { return (i32)(b & 0xfffff000); }

static inline i32 imm_b(u32 b)
{
    return sext(((b >> 19) & 0x1000) | ((b << 4) & 0x800) | ((b >> 20) & 0x7e0) |
                ((b >> 7) & 0x1e), 13);
}

static inline i32 imm_j(u32 b)
{
    return sext(((b >> 11) & 0x100000) | (b & 0xff000) | ((b >> 9) & 0x800) |
                ((b >> 20) & 0x7fe), 21);
}

/* The immediate (or its stand-in) of each format; see struct insn. All
 * candidates are computed and one is picked by index: a few ALU ops are
 * cheaper than the mispredicted jump a switch costs on a mixed stream. */
static inline i32 dec_imm(enum insn_format fmt, u32 b)
{
    i32 imm[16] = {
        [FMT_I] = imm_i(b), [FMT_S] = imm_s(b), [FMT_B] = imm_b(b),
        [FMT_U] = imm_u(b), [FMT_J] = imm_j(b), [FMT_SHIFT] = (b >> 20) & 0x3f,
        [FMT_SHIFTW] = (b >> 20) & 0x1f, [FMT_CSR] = (b >> 20) & 0xfff,
        [FMT_FENCE] = (b >> 20) & 0xfff,
    };
    return imm[fmt & 15];
}

/* The op of a 32-bit instruction: the first line of its bucket that
 * matches, or OP_ILLEGAL. */
static inline enum rv_op dec_lookup(u32 bits)
{
    u32 key = dec_key(bits);
    for (u32 i = bucket_start[key]; i < bucket_start[key + 1]; i++) {
        const struct insn_info *ii = &insn_table[bucket_ops[i]];
        if ((bits & ii->mask) == ii->match)
            return bucket_ops[i];
    }
    return OP_ILLEGAL;
}

/* Fields a format does not use keep whatever bits sit there. */
static int dec_insn32(struct insn *out, u32 bits)
{
    enum rv_op op = dec_lookup(bits);
    enum insn_format fmt = insn_table[op].format;
    out->op = (u16)op;
    out->cop = 0;
    out->rd = (bits >> 7) & 0x1f;
    out->rs1 = (bits >> 15) & 0x1f;
    out->rs2 = (bits >> 20) & 0x1f;
    out->rs3 = bits >> 27;
    out->rm = fmt == FMT_AMO ? (bits >> 25) & 3 : (bits >> 12) & 7;
    out->len = 4;
    out->imm = dec_imm(fmt, bits);
    out->raw = bits;
    return 4;
}

int dec_insn(struct insn *out, u32 bits)
{
    if (likely((bits & 3) == 3))
        return dec_insn32(out, bits);
    dec_rvc(out, (u16)bits);
    return 2;
}

const char *insn_mnemonic(enum rv_op op)
{
    if (op == OP_ILLEGAL || op >= OP_COUNT)
        return "illegal";
    return insn_table[op].mnemonic;
}

enum insn_format insn_format(enum rv_op op)
{
    return op < OP_COUNT ? insn_table[op].format : FMT_NONE;
}

enum insn_ext insn_ext(enum rv_op op)
{
    return op < OP_COUNT ? insn_table[op].ext : EXT_I;
}

bool insn_ends_block(enum rv_op op)
{
    switch (op) {
    case OP_JAL: case OP_JALR:
    case OP_BEQ: case OP_BNE: case OP_BLT: case OP_BGE: case OP_BLTU: case OP_BGEU:
    case OP_ECALL: case OP_EBREAK: case OP_FENCE_I: case OP_ILLEGAL:
        return true;
    default:
        return op >= OP_COUNT;
    }
}
