/* RVC expansion: a 16-bit compressed instruction -> the struct insn of the
 * 32-bit instruction it stands for (op, registers, immediate), with cop =
 * the compressed form and len = 2, so the engines never see RVC.
 *
 * Reserved encodings (RISC-V unprivileged spec, "C" chapter) become
 * OP_ILLEGAL: the all-zero half, c.addi4spn with imm 0, c.addi16sp and
 * c.lui with imm 0, c.addiw/c.lwsp/c.ldsp with rd = 0, c.jr with rs1 = 0,
 * and the reserved opcode slots. HINTs (c.nop with imm, c.addi/c.li/c.lui/
 * c.mv/c.add/c.slli with rd = 0, shamt-0 shifts) are ordinary instructions
 * with no effect, as the spec requires. Called by dec_insn. */
#include "cpu/rvc.h"

struct rvc_info {
    u16 match, mask;
    u16 op32;
    const char *mnemonic, *operands;
};

static const struct rvc_info rvc_table[COP_COUNT] = {
#define RVC(name, mn, m, k, op, args) \
    [COP_##name] = { m, k, OP_##op, mn, args },
#include "cpu/rvc.def"
#undef RVC
};

const char *rvc_mnemonic(enum rvc_op cop)
{
    return cop > COP_NONE && cop < COP_COUNT ? rvc_table[cop].mnemonic : "illegal";
}

const char *rvc_operands(enum rvc_op cop)
{
    return cop > COP_NONE && cop < COP_COUNT ? rvc_table[cop].operands : "";
}

/* Bit field h[hi:lo], moved to start at bit `at`. */
static inline u32 bf(u32 h, int hi, int lo, int at)
{
    return ((h >> lo) & ((1u << (hi - lo + 1)) - 1)) << at;
}

/* Sign-extends the low `width` bits. */
static inline i32 sext(u32 v, int width)
{
    return (i32)(v << (32 - width)) >> (32 - width);
}

static void rvc_set(struct insn *o, enum rvc_op cop, int rd, int rs1, int rs2, i32 imm)
{
    o->op = rvc_table[cop].op32;
    o->cop = (u16)cop;
    o->rd = (u8)rd;
    o->rs1 = (u8)rs1;
    o->rs2 = (u8)rs2;
    o->imm = imm;
    o->rm = 0; /* RVC has no rounding mode or aq/rl field */
}

/* Register fields: full 5-bit ones and the 3-bit x8..x15 ones. */
#define R_HI(h) (((h) >> 7) & 0x1f)
#define R_LO(h) (((h) >> 2) & 0x1f)
#define RP_HI(h) (8 + (((h) >> 7) & 7))
#define RP_LO(h) (8 + (((h) >> 2) & 7))

static i32 imm_ci(u32 h) { return sext(bf(h, 12, 12, 5) | bf(h, 6, 2, 0), 6); }
static u32 uimm_cw(u32 h) { return bf(h, 12, 10, 3) | bf(h, 6, 6, 2) | bf(h, 5, 5, 6); }
static u32 uimm_cd(u32 h) { return bf(h, 12, 10, 3) | bf(h, 6, 5, 6); }

static void rvc_q0(struct insn *o, u32 h)
{
    switch (h >> 13) {
    case 0: {
        u32 imm = bf(h, 12, 11, 4) | bf(h, 10, 7, 6) | bf(h, 6, 6, 2) | bf(h, 5, 5, 3);
        if (imm)
            rvc_set(o, COP_C_ADDI4SPN, RP_LO(h), 2, 0, (i32)imm);
        break;
    }
    case 1: rvc_set(o, COP_C_FLD, RP_LO(h), RP_HI(h), 0, (i32)uimm_cd(h)); break;
    case 2: rvc_set(o, COP_C_LW, RP_LO(h), RP_HI(h), 0, (i32)uimm_cw(h)); break;
    case 3: rvc_set(o, COP_C_LD, RP_LO(h), RP_HI(h), 0, (i32)uimm_cd(h)); break;
    case 5: rvc_set(o, COP_C_FSD, 0, RP_HI(h), RP_LO(h), (i32)uimm_cd(h)); break;
    case 6: rvc_set(o, COP_C_SW, 0, RP_HI(h), RP_LO(h), (i32)uimm_cw(h)); break;
    case 7: rvc_set(o, COP_C_SD, 0, RP_HI(h), RP_LO(h), (i32)uimm_cd(h)); break;
    default: break; /* 4: reserved */
    }
}

static void rvc_lui_addi16sp(struct insn *o, u32 h)
{
    u32 rd = R_HI(h);
    if (rd == 2) {
        u32 imm = bf(h, 12, 12, 9) | bf(h, 6, 6, 4) | bf(h, 5, 5, 6) |
                  bf(h, 4, 3, 7) | bf(h, 2, 2, 5);
        if (imm)
            rvc_set(o, COP_C_ADDI16SP, 2, 2, 0, sext(imm, 10));
    } else {
        u32 imm = bf(h, 12, 12, 17) | bf(h, 6, 2, 12);
        if (imm)
            rvc_set(o, COP_C_LUI, (int)rd, 0, 0, sext(imm, 18));
    }
}

/* Quadrant 1, funct3 100: shifts, andi and the register-register ops. */
static void rvc_alu(struct insn *o, u32 h)
{
    static const enum rvc_op rr[8] = { COP_C_SUB, COP_C_XOR, COP_C_OR, COP_C_AND,
                                       COP_C_SUBW, COP_C_ADDW, COP_NONE, COP_NONE };
    u32 rd = RP_HI(h), shamt = bf(h, 12, 12, 5) | bf(h, 6, 2, 0);
    switch ((h >> 10) & 3) {
    case 0: rvc_set(o, shamt ? COP_C_SRLI : COP_C_SRLI64, rd, rd, 0, (i32)shamt); break;
    case 1: rvc_set(o, shamt ? COP_C_SRAI : COP_C_SRAI64, rd, rd, 0, (i32)shamt); break;
    case 2: rvc_set(o, COP_C_ANDI, rd, rd, 0, imm_ci(h)); break;
    default: {
        enum rvc_op cop = rr[bf(h, 12, 12, 2) | bf(h, 6, 5, 0)];
        if (cop != COP_NONE)
            rvc_set(o, cop, rd, rd, RP_LO(h), 0);
    }
    }
}

static i32 imm_cj(u32 h)
{
    return sext(bf(h, 12, 12, 11) | bf(h, 11, 11, 4) | bf(h, 10, 9, 8) | bf(h, 8, 8, 10) |
                bf(h, 7, 7, 6) | bf(h, 6, 6, 7) | bf(h, 5, 3, 1) | bf(h, 2, 2, 5), 12);
}

static i32 imm_cb(u32 h)
{
    return sext(bf(h, 12, 12, 8) | bf(h, 11, 10, 3) | bf(h, 6, 5, 6) | bf(h, 4, 3, 1) |
                bf(h, 2, 2, 5), 9);
}

static void rvc_q1(struct insn *o, u32 h)
{
    u32 rd = R_HI(h);
    switch (h >> 13) {
    case 0: rvc_set(o, COP_C_ADDI, rd, rd, 0, imm_ci(h)); break;
    case 1:
        if (rd)
            rvc_set(o, COP_C_ADDIW, rd, rd, 0, imm_ci(h));
        break;
    case 2: rvc_set(o, COP_C_LI, rd, 0, 0, imm_ci(h)); break;
    case 3: rvc_lui_addi16sp(o, h); break;
    case 4: rvc_alu(o, h); break;
    case 5: rvc_set(o, COP_C_J, 0, 0, 0, imm_cj(h)); break;
    case 6: rvc_set(o, COP_C_BEQZ, 0, RP_HI(h), 0, imm_cb(h)); break;
    case 7: rvc_set(o, COP_C_BNEZ, 0, RP_HI(h), 0, imm_cb(h)); break;
    }
}

/* Quadrant 2, funct3 100: jr, mv, ebreak, jalr, add. */
static void rvc_jr_mv_add(struct insn *o, u32 h)
{
    u32 r1 = R_HI(h), r2 = R_LO(h);
    if (!(h & 0x1000)) {
        if (r2)
            rvc_set(o, COP_C_MV, r1, 0, r2, 0);
        else if (r1)
            rvc_set(o, COP_C_JR, 0, r1, 0, 0);
    } else if (r2) {
        rvc_set(o, COP_C_ADD, r1, r1, r2, 0);
    } else if (r1) {
        rvc_set(o, COP_C_JALR, 1, r1, 0, 0);
    } else {
        rvc_set(o, COP_C_EBREAK, 0, 0, 0, 0);
    }
}

static void rvc_q2(struct insn *o, u32 h)
{
    u32 rd = R_HI(h), shamt = bf(h, 12, 12, 5) | bf(h, 6, 2, 0);
    u32 lwsp = bf(h, 12, 12, 5) | bf(h, 6, 4, 2) | bf(h, 3, 2, 6);
    u32 ldsp = bf(h, 12, 12, 5) | bf(h, 6, 5, 3) | bf(h, 4, 2, 6);
    u32 swsp = bf(h, 12, 9, 2) | bf(h, 8, 7, 6);
    u32 sdsp = bf(h, 12, 10, 3) | bf(h, 9, 7, 6);
    switch (h >> 13) {
    case 0: rvc_set(o, shamt ? COP_C_SLLI : COP_C_SLLI64, rd, rd, 0, (i32)shamt); break;
    case 1: rvc_set(o, COP_C_FLDSP, rd, 2, 0, (i32)ldsp); break;
    case 2:
        if (rd)
            rvc_set(o, COP_C_LWSP, rd, 2, 0, (i32)lwsp);
        break;
    case 3:
        if (rd)
            rvc_set(o, COP_C_LDSP, rd, 2, 0, (i32)ldsp);
        break;
    case 4: rvc_jr_mv_add(o, h); break;
    case 5: rvc_set(o, COP_C_FSDSP, 0, 2, R_LO(h), (i32)sdsp); break;
    case 6: rvc_set(o, COP_C_SWSP, 0, 2, R_LO(h), (i32)swsp); break;
    case 7: rvc_set(o, COP_C_SDSP, 0, 2, R_LO(h), (i32)sdsp); break;
    }
}

void dec_rvc(struct insn *o, u16 half)
{
    *o = (struct insn){ .op = OP_ILLEGAL, .cop = COP_NONE, .len = 2, .raw = half };
    switch (half & 3) {
    case 0: rvc_q0(o, half); break;
    case 1: rvc_q1(o, half); break;
    case 2: rvc_q2(o, half); break;
    default: break; /* a 32-bit instruction: not ours */
    }
}
