/* The target as gdb sees it: the riscv:rv64 target description (gdb's
 * standard feature names org.gnu.gdb.riscv.cpu and .fpu, register
 * numbers as gdb's riscv-tdep numbers them: x0-x31 0-31, pc 32, f0-f31
 * 33-64, CSRs at 65 + csr number, so fflags 66, frm 67, fcsr 68),
 * register access in target (little-endian) byte order, and signal
 * numbers, which the protocol gives in gdb's own numbering. */
#include "tools/gdb_internal.h"

#include <string.h>

#include "base/check.h"
#include "cpu/cpu.h"

#define X(n, name, type) "<reg name=\"" name "\" bitsize=\"64\" type=\"" type "\" regnum=\"" #n "\"/>"
#define F(n, name) "<reg name=\"" name "\" bitsize=\"64\" type=\"riscv_double\" regnum=\"" #n "\"/>"

const char gdb_target_xml[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\"><architecture>riscv:rv64</architecture>"
    "<osabi>GNU/Linux</osabi>"
    "<feature name=\"org.gnu.gdb.riscv.cpu\">"
    X(0, "zero", "int") X(1, "ra", "code_ptr") X(2, "sp", "data_ptr") X(3, "gp", "data_ptr")
    X(4, "tp", "data_ptr") X(5, "t0", "int") X(6, "t1", "int") X(7, "t2", "int")
    X(8, "fp", "data_ptr") X(9, "s1", "int") X(10, "a0", "int") X(11, "a1", "int")
    X(12, "a2", "int") X(13, "a3", "int") X(14, "a4", "int") X(15, "a5", "int")
    X(16, "a6", "int") X(17, "a7", "int") X(18, "s2", "int") X(19, "s3", "int")
    X(20, "s4", "int") X(21, "s5", "int") X(22, "s6", "int") X(23, "s7", "int")
    X(24, "s8", "int") X(25, "s9", "int") X(26, "s10", "int") X(27, "s11", "int")
    X(28, "t3", "int") X(29, "t4", "int") X(30, "t5", "int") X(31, "t6", "int")
    X(32, "pc", "code_ptr")
    "</feature><feature name=\"org.gnu.gdb.riscv.fpu\">"
    "<union id=\"riscv_double\"><field name=\"float\" type=\"ieee_single\"/>"
    "<field name=\"double\" type=\"ieee_double\"/></union>"
    F(33, "ft0") F(34, "ft1") F(35, "ft2") F(36, "ft3") F(37, "ft4") F(38, "ft5")
    F(39, "ft6") F(40, "ft7") F(41, "fs0") F(42, "fs1") F(43, "fa0") F(44, "fa1")
    F(45, "fa2") F(46, "fa3") F(47, "fa4") F(48, "fa5") F(49, "fa6") F(50, "fa7")
    F(51, "fs2") F(52, "fs3") F(53, "fs4") F(54, "fs5") F(55, "fs6") F(56, "fs7")
    F(57, "fs8") F(58, "fs9") F(59, "fs10") F(60, "fs11") F(61, "ft8") F(62, "ft9")
    F(63, "ft10") F(64, "ft11")
    "<reg name=\"fflags\" bitsize=\"32\" type=\"int\" regnum=\"66\"/>"
    "<reg name=\"frm\" bitsize=\"32\" type=\"int\" regnum=\"67\"/>"
    "<reg name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\"/>"
    "</feature></target>\n";

enum { REG_PC = 32, REG_F0 = 33, REG_FFLAGS = 66, REG_FRM = 67, REG_FCSR = 68 };

/* The register's storage and size; the CSR views go through fcsr. */
static int reg_size(int n)
{
    if (n >= 0 && n < REG_FFLAGS - 1)
        return 8;
    return n >= REG_FFLAGS && n <= REG_FCSR ? 4 : 0;
}

static u64 csr_view(const struct cpu *cpu, int n)
{
    switch (n) {
    case REG_FFLAGS: return cpu->fcsr & 0x1f;
    case REG_FRM: return (cpu->fcsr >> 5) & 7;
    default: return cpu->fcsr & 0xff;
    }
}

int gdb_reg_get(const struct cpu *cpu, int n, char *out)
{
    int size = reg_size(n);
    u64 v;
    if (!size)
        return 0;
    if (n < REG_PC)
        v = cpu->x[n];
    else if (n == REG_PC)
        v = cpu->pc;
    else if (n < REG_FFLAGS)
        v = cpu->f[n - REG_F0];
    else
        v = csr_view(cpu, n);
    gdb_tohex(out, &v, (size_t)size); /* little-endian host = target order */
    return size;
}

bool gdb_reg_set(struct cpu *cpu, int n, const char *hex)
{
    int size = reg_size(n);
    u64 v = 0;
    if (!size || strlen(hex) < (size_t)size * 2 || !gdb_fromhex(&v, hex, (size_t)size))
        return false;
    if (n == 0)
        return true; /* x0 stays zero */
    if (n < REG_PC)
        cpu->x[n] = v;
    else if (n == REG_PC)
        cpu->pc = v;
    else if (n < REG_FFLAGS)
        cpu->f[n - REG_F0] = v;
    else if (n == REG_FFLAGS)
        cpu->fcsr = (cpu->fcsr & ~0x1fu) | (u32)(v & 0x1f);
    else if (n == REG_FRM)
        cpu->fcsr = (cpu->fcsr & ~0xe0u) | (u32)(v & 7) << 5;
    else
        cpu->fcsr = (u32)(v & 0xff);
    return true;
}

static const int g_regs[] = {
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
    40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
    60, 61, 62, 63, 64, 66, 67, 68,
};

size_t gdb_regs_get(const struct cpu *cpu, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < ARRAY_LEN(g_regs); i++)
        n += 2 * (size_t)gdb_reg_get(cpu, g_regs[i], out + n);
    out[n] = 0;
    return n;
}

bool gdb_regs_set(struct cpu *cpu, const char *hex)
{
    size_t len = strlen(hex), off = 0;
    for (size_t i = 0; i < ARRAY_LEN(g_regs) && off < len; i++) {
        if (!gdb_reg_set(cpu, g_regs[i], hex + off))
            return false;
        off += 2 * (size_t)reg_size(g_regs[i]);
    }
    return true;
}

/* Linux (asm-generic) signal n -> gdb's number (include/gdb/signals.def). */
static const u8 gdb_sig[65] = {
    [1] = 1,   [2] = 2,   [3] = 3,   [4] = 4,   [5] = 5,   [6] = 6,   [7] = 10,
    [8] = 8,   [9] = 9,   [10] = 30, [11] = 11, [12] = 31, [13] = 13, [14] = 14,
    [15] = 15, [16] = 0,  [17] = 20, [18] = 19, [19] = 17, [20] = 18, [21] = 21,
    [22] = 22, [23] = 16, [24] = 24, [25] = 25, [26] = 26, [27] = 27, [28] = 28,
    [29] = 23, [30] = 32, [31] = 12, [32] = 77, [64] = 78,
};

int gdb_signal_from_linux(int sig)
{
    if (sig >= 33 && sig <= 63)
        return 45 + (sig - 33); /* GDB_SIGNAL_REALTIME_33.. */
    return sig > 0 && sig <= 64 ? gdb_sig[sig] : 0;
}

int gdb_signal_to_linux(int gsig)
{
    for (int s = 1; s <= 64; s++)
        if (gdb_signal_from_linux(s) == gsig)
            return s;
    return 0;
}
