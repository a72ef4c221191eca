/* Interpreter unit tests: small programs written as instruction words
 * into guest memory, run with interp_run, registers and exits checked.
 * Covers division edge cases, x0, LR/SC, AMO alignment, precise faults
 * (host SIGSEGV through hostsig), CSRs, illegal rm, fetch faults,
 * fence.i and invalidation.
 *   test_interp          run the checks
 *   test_interp --bench  time an integer loop (guest instructions/s) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/alu.h"
#include "cpu/csr.h"
#include "cpu/interp.h"
#include "mem/mman.h"
#include "os/hostsig.h"
#include "vm/vm.h"

#define CODE 0x10000ull  /* two RWX pages */
#define DATA 0x20000ull  /* RW */
#define RODATA 0x30000ull /* R */
#define NOEXEC 0x40000ull /* RW, not X */
#define UNMAPPED 0x50000ull

static struct vm vm;
static struct cpu cpu;
static int failures;

#define EXPECT(cond) \
    do { if (!(cond)) { failures++; \
        fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #cond); } } while (0)
#define EXPECT_EQ(a, b) \
    do { u64 a_ = (u64)(a), b_ = (u64)(b); if (a_ != b_) { failures++; \
        fprintf(stderr, "%s:%d: %s = 0x%llx, expected 0x%llx\n", __FILE__, __LINE__, #a, \
                (unsigned long long)a_, (unsigned long long)b_); } } while (0)

/* Encoders: match bits from insn.def plus fields. */
static u32 R(u32 m, int rd, int rs1, int rs2) { return m | rd << 7 | rs1 << 15 | (u32)rs2 << 20; }
static u32 I(u32 m, int rd, int rs1, i32 imm)
{
    return m | rd << 7 | rs1 << 15 | ((u32)imm & 0xfff) << 20;
}
static u32 S(u32 m, int rs2, int rs1, i32 imm)
{
    return m | ((u32)imm & 0x1f) << 7 | rs1 << 15 | (u32)rs2 << 20 | ((u32)imm >> 5 & 0x7f) << 25;
}
static u32 B(u32 m, int rs1, int rs2, i32 imm)
{
    u32 u = (u32)imm;
    return m | rs1 << 15 | (u32)rs2 << 20 | (u >> 12 & 1) << 31 | (u >> 5 & 0x3f) << 25 |
           (u >> 1 & 0xf) << 8 | (u >> 11 & 1) << 7;
}
static u32 J(u32 m, int rd, i32 imm)
{
    u32 u = (u32)imm;
    return m | rd << 7 | (u >> 20 & 1) << 31 | (u >> 1 & 0x3ff) << 21 | (u >> 11 & 1) << 20 |
           (u >> 12 & 0xff) << 12;
}
static u32 CSR(u32 m, int rd, u32 csr, int rs1) { return m | rd << 7 | rs1 << 15 | csr << 20; }

enum { ADDI = 0x13, ADD = 0x33, LUI = 0x37, JAL = 0x6f, JALR = 0x67, BNE = 0x1063,
       LD = 0x3003, LW = 0x2003, SD = 0x3023, SW = 0x2023, DIV = 0x02004033,
       DIVU = 0x02005033, REM = 0x02006033, REMU = 0x02007033, DIVW = 0x0200403b,
       REMW = 0x0200603b, MULH = 0x02001033, MULHSU = 0x02002033, MULHU = 0x02003033,
       LR_D = 0x1000302f, SC_D = 0x1800302f, LR_W = 0x1000202f, SC_W = 0x1800202f,
       AMOADD_W = 0x0000202f, AMOMAXU_D = 0xe000302f, AMOMIN_W = 0x8000202f,
       ECALL = 0x73, EBREAK = 0x00100073, FENCE_I = 0x100f, CSRRW = 0x1073,
       CSRRS = 0x2073, CSRRWI = 0x5073, FADD_S = 0x00000053, XOR = 0x4033,
       SLLI = 0x1013, ADDW = 0x3b, SRAIW = 0x4000501b };

enum { T0 = 5, T1 = 6, T2 = 7, A0 = 10, A1 = 11, A2 = 12, A3 = 13 };

static void map(guest_addr a, u64 len, int prot)
{
    i64 r = mem_mmap(&vm, a, len, prot, RV_MAP_PRIVATE | RV_MAP_ANONYMOUS | RV_MAP_FIXED, -1, 0);
    if (r != (i64)a) {
        fprintf(stderr, "mem_mmap(0x%llx) = %lld\n", (unsigned long long)a, (long long)r);
        exit(1);
    }
}

static void setup(void)
{
    hostsig_init();
    if (mem_init(&vm.mem, GUEST_SPACE_DEFAULT) < 0) {
        fprintf(stderr, "mem_init failed\n");
        exit(1);
    }
    map(CODE, 0x2000, RV_PROT_READ | RV_PROT_WRITE | RV_PROT_EXEC);
    map(DATA, 0x1000, RV_PROT_READ | RV_PROT_WRITE);
    map(RODATA, 0x1000, RV_PROT_READ);
    map(NOEXEC, 0x1000, RV_PROT_READ | RV_PROT_WRITE);
    vm.cpu = &cpu;
    cpu.vm = &vm;
}

/* Loads code at pc (dropping stale blocks), clears state, runs once. */
static enum exit_reason run_at(guest_addr pc, const u32 *code, size_t n)
{
    memcpy(mem_host(&vm.mem, pc), code, n * 4);
    interp_flush(&vm);
    memset(cpu.x, 0, sizeof cpu.x);
    cpu.pc = pc;
    cpu.instret = 0;
    cpu.fcsr = 0;
    return interp_run(&cpu);
}
#define RUN(...) ({ const u32 c_[] = {__VA_ARGS__}; run_at(CODE, c_, ARRAY_LEN(c_)); })

static void test_alu(void)
{
    const u64 min = 1ull << 63, m1 = ~0ull;
    EXPECT_EQ(alu_div(7, 0), m1);
    EXPECT_EQ(alu_div(min, m1), min);
    EXPECT_EQ(alu_rem(min, m1), 0);
    EXPECT_EQ(alu_rem(7, 0), 7);
    EXPECT_EQ(alu_div((u64)-7, 2), (u64)-3);
    EXPECT_EQ(alu_rem((u64)-7, 2), (u64)-1);
    EXPECT_EQ(alu_divu(7, 0), m1);
    EXPECT_EQ(alu_remu(7, 0), 7);
    EXPECT_EQ(alu_divw(0x80000000, m1), 0xffffffff80000000ull);
    EXPECT_EQ(alu_remw(0x80000000, m1), 0);
    EXPECT_EQ(alu_divw(5, 0), m1);
    EXPECT_EQ(alu_remw(0x1ffffffffull, 0), m1); /* low word -1, sign-extended */
    EXPECT_EQ(alu_divuw(0x80000000, 0), m1);
    EXPECT_EQ(alu_divuw(0xfffffffe, 1), 0xfffffffffffffffeull);
    EXPECT_EQ(alu_remuw(0x180000000ull, 0), 0xffffffff80000000ull);
    EXPECT_EQ(alu_mulh(m1, m1), 0);
    EXPECT_EQ(alu_mulhu(m1, m1), m1 - 1);
    EXPECT_EQ(alu_mulhsu(m1, m1), m1);
    EXPECT_EQ(alu_mulhsu(min, 2), m1);
    EXPECT_EQ(alu_mulh(min, min), 1ull << 62);
    EXPECT_EQ(alu_sraw(0x80000000, 31), m1);
    EXPECT_EQ(alu_srlw(0x80000000, 31), 1);
    EXPECT_EQ(alu_sllw(1, 31), 0xffffffff80000000ull);
    EXPECT_EQ(alu_addw(0x7fffffff, 1), 0xffffffff80000000ull);
}

static void test_basic(void)
{
    EXPECT_EQ(RUN(I(ADDI, A0, 0, -7), I(ADDI, A1, 0, 2), R(DIV, A2, A0, A1),
                  R(REM, A3, A0, A1), R(DIVU, T0, A0, 0), R(REMU, T1, A0, 0),
                  I(ADDI, 0, 0, 5), R(ADD, T2, 0, 0), ECALL),
              EXIT_ECALL);
    EXPECT_EQ(cpu.x[A2], (u64)-3);
    EXPECT_EQ(cpu.x[A3], (u64)-1);
    EXPECT_EQ(cpu.x[T0], ~0ull);
    EXPECT_EQ(cpu.x[T1], (u64)-7);
    EXPECT_EQ(cpu.x[0], 0);
    EXPECT_EQ(cpu.x[T2], 0);
    EXPECT_EQ(cpu.pc, CODE + 8 * 4);
    EXPECT_EQ(cpu.instret, 8);

    /* INT64_MIN / -1 and % -1; divw of INT32_MIN by -1; mulh family. */
    RUN(I(ADDI, A0, 0, 1), I(SLLI, A0, A0, 63), I(ADDI, A1, 0, -1), R(DIV, A2, A0, A1),
        R(REM, A3, A0, A1), I(SRAIW, T0, A0, 31), R(MULHU, T1, A1, A1),
        R(MULHSU, T2, A1, A1), ECALL);
    EXPECT_EQ(cpu.x[A2], 1ull << 63);
    EXPECT_EQ(cpu.x[A3], 0);
    EXPECT_EQ(cpu.x[T0], 0);
    EXPECT_EQ(cpu.x[T1], ~0ull - 1);
    EXPECT_EQ(cpu.x[T2], ~0ull);

    /* loads into x0 still happen and leave x0 at 0; jal/jalr with rd=x0 */
    RUN(LUI | A0 << 7 | 0x20000, I(LD, 0, A0, 0), J(JAL, 0, 8), I(ADDI, A1, 0, 1),
        I(ADDI, A2, 0, 2), R(ADD, A3, 0, 0), ECALL);
    EXPECT_EQ(cpu.x[A1], 0);
    EXPECT_EQ(cpu.x[A2], 2);
    EXPECT_EQ(cpu.x[A3], 0);
    EXPECT_EQ(cpu.instret, 5);

    /* jalr clears bit 0, and rd == rs1 uses the old value */
    RUN(LUI | A0 << 7 | 0x10000, I(ADDI, A0, A0, 17), I(JALR, A0, A0, 0), I(ADDI, A1, 0, 1),
        I(ADDI, A2, 0, 2), ECALL);
    EXPECT_EQ(cpu.x[A0], CODE + 12);
    EXPECT_EQ(cpu.x[A1], 0);
    EXPECT_EQ(cpu.x[A2], 2);
}

static void test_loop_and_count(void)
{
    /* t0 = 1000; loop: t1 += t0; t0 -= 1; bnez t0, loop; also with
     * one instruction per block */
    for (int one = 1; one >= 0; one--) {
        vm.opt.one_insn = one;
        RUN(I(ADDI, T0, 0, 1000), R(ADD, T1, T1, T0), I(ADDI, T0, T0, -1), B(BNE, T0, 0, -8),
            CSR(CSRRS, A0, CSR_INSTRET, 0), ECALL);
        EXPECT_EQ(cpu.x[T1], 500500);
        EXPECT_EQ(cpu.x[A0], 3001);
    }
    RUN(I(ADDI, T0, 0, 1000), R(ADD, T1, T1, T0), I(ADDI, T0, T0, -1), B(BNE, T0, 0, -8),
        CSR(CSRRS, A0, CSR_INSTRET, 0), CSR(CSRRS, A1, CSR_CYCLE, 0), ECALL);
    EXPECT_EQ(cpu.x[T1], 500500);
    EXPECT_EQ(cpu.x[A0], 3001);
    EXPECT_EQ(cpu.x[A1], 3002);
    EXPECT_EQ(cpu.instret, 3003);
    EXPECT(vm.stats.blocks_decoded >= 2);
}

static void test_atomics(void)
{
    u64 *d = mem_host(&vm.mem, DATA);
    d[0] = 5;
    d[1] = 0x80000000ull; /* as .w: INT32_MIN */
    RUN(LUI | A0 << 7 | 0x20000, I(ADDI, T0, 0, 9), R(LR_D, A1, A0, 0), R(SC_D, A2, A0, T0),
        R(SC_D, A3, A0, T0), I(ADDI, T1, A0, 8), I(ADDI, T2, 0, 1),
        R(AMOMIN_W, T2, T1, T2), ECALL);
    EXPECT_EQ(cpu.x[A1], 5);
    EXPECT_EQ(cpu.x[A2], 0);
    EXPECT_EQ(cpu.x[A3], 1);
    EXPECT_EQ(d[0], 9);
    EXPECT_EQ(cpu.x[T2], 0xffffffff80000000ull);
    EXPECT_EQ(d[1], 0x80000000ull);
    EXPECT(!cpu.resv_valid);

    /* SC fails when memory changed since LR (CAS against the LR value) */
    RUN(LUI | A0 << 7 | 0x20000, R(LR_W, A1, A0, 0), I(ADDI, T0, 0, 3), S(SW, T0, A0, 0),
        R(SC_W, A2, A0, T0), ECALL);
    EXPECT_EQ(cpu.x[A2], 1);

    /* misaligned AMO: SIGBUS/BUS_ADRALN at the pc, before any access */
    d[0] = 0;
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x20000, I(ADDI, A0, A0, 4), I(ADDI, A1, 0, 1),
                  R(AMOMAXU_D, A2, A0, A1), ECALL),
              EXIT_BUS);
    EXPECT_EQ(cpu.pc, CODE + 12);
    EXPECT_EQ(cpu.fault_addr, CODE + 12);
    EXPECT_EQ(cpu.fault_code, RV_BUS_ADRALN);
    EXPECT_EQ(cpu.instret, 3);
    EXPECT_EQ(d[0], 0);
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x20000, I(ADDI, A0, A0, 2), R(AMOADD_W, A2, A0, A1), ECALL),
              EXIT_BUS);
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x20000, I(ADDI, A0, A0, 4), R(LR_D, A2, A0, 0), ECALL),
              EXIT_BUS);

    /* AMO on a read-only page: SEGV through the host fault, precise */
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x30000, I(ADDI, A2, 0, 7), R(AMOADD_W, A2, A0, A2), ECALL),
              EXIT_SEGV);
    EXPECT_EQ(cpu.pc, CODE + 8);
    EXPECT_EQ(cpu.x[A2], 7);
    EXPECT_EQ(cpu.fault_addr, RODATA);
}

static void test_faults(void)
{
    /* load from an unmapped page: pc, registers and instret precise */
    for (int rep = 0; rep < 2; rep++) {
        EXPECT_EQ(RUN(I(ADDI, A1, 0, 11), LUI | A0 << 7 | 0x50000, I(LD, A1, A0, 8),
                      I(ADDI, A1, 0, 12), ECALL),
                  EXIT_SEGV);
        EXPECT_EQ(cpu.pc, CODE + 8);
        EXPECT_EQ(cpu.x[A1], 11);
        EXPECT_EQ(cpu.instret, 2);
        EXPECT_EQ(cpu.fault_addr, UNMAPPED + 8);
        EXPECT_EQ(cpu.fault_code, RV_SEGV_MAPERR);
        EXPECT(!cpu.in_guest);
    }
    /* store to a read-only page: ACCERR, memory unchanged */
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x30000, I(ADDI, A1, 0, 1), S(SW, A1, A0, 4), ECALL),
              EXIT_SEGV);
    EXPECT_EQ(cpu.pc, CODE + 8);
    EXPECT_EQ(cpu.fault_code, RV_SEGV_ACCERR);
    EXPECT_EQ(cpu.fault_addr, RODATA + 4);
    /* beyond the space: caught by the bounds compare */
    EXPECT_EQ(RUN(I(ADDI, A0, 0, -1), I(LW, A1, A0, 0), ECALL), EXIT_SEGV);
    EXPECT_EQ(cpu.fault_addr, ~0ull);
    EXPECT_EQ(cpu.pc, CODE + 4);
    EXPECT_EQ(cpu.instret, 1);
    /* misaligned ordinary accesses succeed */
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x20000, I(ADDI, A1, 0, -3), S(SD, A1, A0, 3),
                  I(LD, A2, A0, 3), I(LW, A3, A0, 5), ECALL),
              EXIT_ECALL);
    EXPECT_EQ(cpu.x[A2], (u64)-3);
    EXPECT_EQ(cpu.x[A3], ~0ull);
    /* jump to a non-executable page, then to an unmapped one */
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x40000, I(JALR, 0, A0, 0)), EXIT_FETCH);
    EXPECT_EQ(cpu.pc, NOEXEC);
    EXPECT_EQ(cpu.fault_addr, NOEXEC);
    EXPECT_EQ(cpu.fault_code, RV_SEGV_ACCERR);
    EXPECT_EQ(cpu.instret, 2);
    EXPECT_EQ(RUN(LUI | A0 << 7 | 0x50000, I(JALR, 0, A0, 0)), EXIT_FETCH);
    EXPECT_EQ(cpu.fault_code, RV_SEGV_MAPERR);
    /* illegal: all-zero word, and a 32-bit word straddling into NOEXEC */
    EXPECT_EQ(RUN(I(ADDI, A0, 0, 1), 0), EXIT_ILLEGAL);
    EXPECT_EQ(cpu.pc, CODE + 4);
    EXPECT_EQ(cpu.fault_insn, 0);
    EXPECT_EQ(RUN(EBREAK), EXIT_EBREAK);
    EXPECT_EQ(cpu.pc, CODE);
}

static void test_csr(void)
{
    /* frm = 5 (invalid) then fadd.s with dyn rm: illegal; rm = 5 static: illegal */
    EXPECT_EQ(RUN(CSR(CSRRWI, 0, CSR_FRM, 5), R(FADD_S | 7 << 12, 1, 2, 3), ECALL), EXIT_ILLEGAL);
    EXPECT_EQ(cpu.pc, CODE + 4);
    EXPECT_EQ(RUN(R(FADD_S | 5 << 12, 1, 2, 3), ECALL), EXIT_ILLEGAL);
    EXPECT_EQ(RUN(CSR(CSRRWI, 0, CSR_CYCLE, 0), ECALL), EXIT_ILLEGAL);
    EXPECT_EQ(RUN(CSR(CSRRS, A0, CSR_INSTRET, A0), ECALL), EXIT_ILLEGAL);
    EXPECT_EQ(RUN(CSR(CSRRS, A0, 0x300, 0), ECALL), EXIT_ILLEGAL); /* mstatus */
    EXPECT_EQ(RUN(I(ADDI, A0, 0, 0xff), CSR(CSRRW, A1, CSR_FCSR, A0), CSR(CSRRS, A2, CSR_FRM, 0),
                  CSR(CSRRWI, A3, CSR_FFLAGS, 1), CSR(CSRRS, T0, CSR_FCSR, 0),
                  CSR(CSRRS, T1, CSR_TIME, 0), ECALL),
              EXIT_ECALL);
    EXPECT_EQ(cpu.x[A1], 0);
    EXPECT_EQ(cpu.x[A2], 7);
    EXPECT_EQ(cpu.x[A3], 0x1f);
    EXPECT_EQ(cpu.x[T0], 0xe1);
    EXPECT(cpu.x[T1] != 0);
}

static void test_flush(void)
{
    EXPECT_EQ(RUN(I(ADDI, A0, 0, 1), FENCE_I, I(ADDI, A0, 0, 2), ECALL), EXIT_FLUSH);
    EXPECT_EQ(cpu.pc, CODE + 8);
    EXPECT_EQ(cpu.instret, 2);
    /* invalidation: patch code, drop its blocks, run again */
    u32 *code = mem_host(&vm.mem, CODE);
    code[0] = I(ADDI, A0, 0, 3);
    code[1] = ECALL;
    interp_flush(&vm); /* what the VM does on EXIT_FLUSH */
    cpu.pc = CODE;
    interp_run(&cpu);
    EXPECT_EQ(cpu.x[A0], 3);
    code[0] = I(ADDI, A0, 0, 4);
    interp_invalidate(&vm, CODE, CODE + 2);
    cpu.pc = CODE;
    interp_run(&cpu);
    EXPECT_EQ(cpu.x[A0], 4);
    /* a 32-bit instruction straddling two executable pages */
    const u32 c2[] = {I(ADDI, A0, 0, 9), ECALL};
    u16 *h = mem_host(&vm.mem, CODE + 0xffe);
    interp_flush(&vm);
    cpu.pc = CODE + 0xffe;
    memcpy(h, c2, sizeof c2);
    EXPECT_EQ(interp_run(&cpu), EXIT_ECALL);
    EXPECT_EQ(cpu.x[A0], 9);
    EXPECT_EQ(cpu.pc, CODE + 0x1002);
    /* ... and one straddling into an unmapped page: the block before it
     * runs, then a fetch fault names the second page */
    const u16 c3[] = {0x4515 /* c.li a0,5 */, 0x0513 /* low half of a 32-bit addi */};
    memcpy(mem_host(&vm.mem, CODE + 0x1ffc), c3, sizeof c3);
    interp_flush(&vm);
    cpu.pc = CODE + 0x1ffc;
    cpu.instret = 0;
    EXPECT_EQ(interp_run(&cpu), EXIT_FETCH);
    EXPECT_EQ(cpu.x[A0], 5);
    EXPECT_EQ(cpu.pc, CODE + 0x1ffe);
    EXPECT_EQ(cpu.fault_addr, CODE + 0x2000);
    EXPECT_EQ(cpu.fault_code, RV_SEGV_MAPERR);
    EXPECT_EQ(cpu.instret, 1);
    EXPECT(mem_page_flags(&vm.mem, CODE + 0x1000) & PAGE_CODE);
}

static void test_rvc(void)
{
    /* c.li a0,5; c.addi a0,-1; c.mv a1,a0; c.add a1,a0; c.slli a1,3; ecall */
    static const u16 c[] = {0x4515, 0x157d, 0x85aa, 0x95aa, 0x058e, 0x0073, 0x0000};
    memcpy(mem_host(&vm.mem, CODE), c, sizeof c);
    interp_flush(&vm);
    memset(cpu.x, 0, sizeof cpu.x);
    cpu.pc = CODE;
    cpu.instret = 0;
    EXPECT_EQ(interp_run(&cpu), EXIT_ECALL);
    EXPECT_EQ(cpu.x[A0], 4);
    EXPECT_EQ(cpu.x[A1], 64);
    EXPECT_EQ(cpu.pc, CODE + 10);
    EXPECT_EQ(cpu.instret, 5);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* An integer loop of 6 instructions (add, xor, shift, load, store,
 * counter, branch) run 50M times. */
static void bench(void)
{
    const u32 c[] = {
        LUI | A0 << 7 | 0x20000, LUI | T0 << 7 | 0x3000000, /* 50331648 iterations */
        R(ADD, T1, T1, T0), R(XOR, T2, T2, T1), I(SLLI, A1, T2, 3), I(LD, A2, A0, 0),
        S(SD, A1, A0, 8), I(ADDI, T0, T0, -1), B(BNE, T0, 0, -24), ECALL,
    };
    double t = now();
    run_at(CODE, c, ARRAY_LEN(c));
    t = now() - t;
    printf("%llu guest instructions in %.3f s: %.0f M/s\n", (unsigned long long)cpu.instret, t,
           cpu.instret / t / 1e6);
}

int main(int argc, char **argv)
{
    setup();
    if (argc > 1 && !strcmp(argv[1], "--bench")) {
        bench();
        return 0;
    }
    test_alu();
    test_basic();
    test_loop_and_count();
    test_atomics();
    test_faults();
    test_csr();
    test_flush();
    test_rvc();
    printf("test_interp: %s (%d failures)\n", failures ? "FAIL" : "ok", failures);
    return failures != 0;
}
