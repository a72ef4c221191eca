/* libFuzzer target: the translator against the interpreter.
 *
 * Each 4 input bytes become 4 bytes of guest code: one valid 32-bit
 * RV64GC instruction, or two compressed ones that are neither memory
 * accesses nor control flow; anything else becomes a nop. The words are
 * shaped so the program always ends: loads, stores and AMOs use x8 or
 * x18 as base (both point into an 8 KiB scratch buffer; the code page is
 * read-only), branches and jal jump forward, ecall/ebreak/fence.i/jalr
 * are left out, CSR accesses go to fflags/frm/fcsr/cycle/instret. The
 * program ends with ecall. The initial x, f, fcsr and scratch bytes come
 * from a hash of the input. The program runs under the interpreter, then
 * twice under the translator (threshold 0; the second run uses chained
 * exits), and x, f, fcsr, pc, instret, exit reason, fault address and the
 * scratch bytes must agree; a difference is printed and aborts. At exit
 * it prints how many guest instructions were compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/interp.h"
#include "jit/jit.h"
#include "mem/mman.h"
#include "os/hostsig.h"
#include "vm/vm.h"

#define CODE 0x10000ull
#define CODE_MAX 1023       /* words, + the final ecall */
#define SCRATCH 0x20000ull  /* 8 KiB; the base registers point at its middle */
#define BASE_M 8
#define BASE_U 18

static struct vm vm;
static struct cpu cpu;
static void *jit;
static u64 compared; /* guest instructions, each run three times */

static const char *const op_args[OP_COUNT] = {
#define INSN(name, mn, match, mask, fmt, ext, args) [OP_##name] = args,
#include "cpu/insn.def"
#undef INSN
};

struct state {
    u64 x[32], f[32], pc, instret, fault_addr;
    u32 fcsr;
    int exit;
    u8 mem[8192];
};

static u64 rng;
static u64 rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static bool is_mem(enum rv_op op) { return strstr(op_args[op], "(s)") != NULL; }
static bool is_excluded(enum rv_op op)
{
    return op == OP_ILLEGAL || op == OP_ECALL || op == OP_EBREAK || op == OP_FENCE_I ||
           op == OP_JALR;
}

static u32 b_imm(u32 w, u32 imm)
{
    w &= ~0xfe000f80u;
    return w | (imm >> 12 & 1) << 31 | (imm >> 5 & 0x3f) << 25 | (imm >> 1 & 0xf) << 8 |
           (imm >> 11 & 1) << 7;
}

static u32 j_imm(u32 w, u32 imm)
{
    w &= 0xfff;
    return w | (imm >> 20 & 1) << 31 | (imm >> 1 & 0x3ff) << 21 | (imm >> 11 & 1) << 20 |
           (imm >> 12 & 0xff) << 12;
}

/* Word k of n as a runnable 32-bit instruction, or 0 if it cannot be. */
static u32 shape32(u32 w, unsigned k, unsigned n)
{
    struct insn in;
    dec_insn(&in, w);
    if (is_excluded(in.op))
        return 0;
    unsigned rd = w >> 7 & 31;
    if (op_args[in.op][0] == 'd' && (rd == BASE_M || rd == BASE_U))
        w = (w & ~(31u << 7)) | 5u << 7;
    if (is_mem(in.op))
        w = (w & ~(31u << 15)) | (w >> 15 & 1 ? BASE_U : BASE_M) << 15;
    if (insn_format(in.op) == FMT_CSR) {
        static const u32 csrs[] = { 0x001, 0x002, 0x003, 0xc02, 0xc00 };
        w = (w & 0xfffff) | csrs[(w >> 20) % 5] << 20;
    }
    u32 fwd = 4 * (1 + (w >> 20) % (n - k)); /* to a later word or the ecall */
    if (insn_format(in.op) == FMT_B)
        w = b_imm(w, fwd);
    if (insn_format(in.op) == FMT_J)
        w = j_imm(w, fwd);
    return w;
}

/* A 16-bit word that is an ALU op, else c.nop. */
static u16 shape16(u16 h)
{
    struct insn in;
    if ((h & 3) == 3) /* the start of a 32-bit one: would straddle words */
        return 0x0001;
    dec_insn(&in, h);
    if (is_excluded(in.op) || is_mem(in.op) || insn_format(in.op) == FMT_B ||
        insn_format(in.op) == FMT_J || in.rd == BASE_M || in.rd == BASE_U)
        return 0x0001;
    return h;
}

static unsigned gen(u32 *code, const u8 *data, size_t size)
{
    unsigned n = (unsigned)(size / 4 < CODE_MAX ? size / 4 : CODE_MAX);
    for (unsigned k = 0; k < n; k++) {
        u32 w;
        memcpy(&w, data + 4 * k, 4);
        if ((w & 3) == 3)
            w = shape32(w, k, n);
        else
            w = shape16((u16)w) | (u32)shape16((u16)(w >> 16)) << 16;
        code[k] = w ? w : 0x00000013; /* nop */
    }
    code[n] = 0x00000073; /* ecall */
    return n + 1;
}

static void save(struct state *s)
{
    memcpy(s->x, cpu.x, sizeof s->x);
    memcpy(s->f, cpu.f, sizeof s->f);
    s->pc = cpu.pc;
    s->instret = cpu.instret;
    s->fcsr = cpu.fcsr;
    s->exit = cpu.exit;
    s->fault_addr = cpu.exit == EXIT_SEGV || cpu.exit == EXIT_BUS ? cpu.fault_addr : 0;
    memcpy(s->mem, mem_host(&vm.mem, SCRATCH), sizeof s->mem);
}

static void load(const struct state *s)
{
    memcpy(cpu.x, s->x, sizeof s->x);
    memcpy(cpu.f, s->f, sizeof s->f);
    cpu.pc = s->pc;
    cpu.instret = s->instret;
    cpu.fcsr = s->fcsr;
    cpu.exit = EXIT_NONE;
    cpu.resv_valid = false;
    memcpy(mem_host(&vm.mem, SCRATCH), s->mem, sizeof s->mem);
}

static void initial_state(struct state *s, const u8 *data, size_t size)
{
    rng = 0xcbf29ce484222325ull;
    for (size_t k = 0; k < size; k++)
        rng = (rng ^ data[k]) * 0x100000001b3ull;
    rng |= 1;
    memset(s, 0, sizeof *s);
    for (int r = 1; r < 32; r++)
        s->x[r] = rnd() & 1 ? rnd() : (u64)(i64)(i32)(rnd() % 9) - 4;
    s->x[BASE_M] = s->x[BASE_U] = SCRATCH + 4096;
    for (int r = 0; r < 32; r++)
        s->f[r] = rnd() & 1 ? rnd() : rnd() | 0xffffffff00000000ull;
    s->fcsr = (u32)(rnd() % 5) << 5;
    s->pc = CODE;
    for (size_t k = 0; k < sizeof s->mem; k += 8) {
        u64 v = rnd();
        memcpy(&s->mem[k], &v, 8);
    }
}

static int diff(const char *what, const struct state *a, const struct state *b)
{
    int bad = 0;
    for (int r = 0; r < 32; r++) {
        if (a->x[r] != b->x[r])
            fprintf(stderr, "%s: x%d %llx vs %llx\n", what, r, (unsigned long long)a->x[r],
                    (unsigned long long)b->x[r]), bad++;
        if (a->f[r] != b->f[r])
            fprintf(stderr, "%s: f%d %llx vs %llx\n", what, r, (unsigned long long)a->f[r],
                    (unsigned long long)b->f[r]), bad++;
    }
    if (a->pc != b->pc || a->instret != b->instret || a->fcsr != b->fcsr ||
        a->exit != b->exit || a->fault_addr != b->fault_addr)
        fprintf(stderr,
                "%s: pc %llx/%llx instret %llu/%llu fcsr %x/%x exit %d/%d fault %llx/%llx\n", what,
                (unsigned long long)a->pc, (unsigned long long)b->pc,
                (unsigned long long)a->instret, (unsigned long long)b->instret, a->fcsr, b->fcsr,
                a->exit, b->exit, (unsigned long long)a->fault_addr,
                (unsigned long long)b->fault_addr), bad++;
    if (memcmp(a->mem, b->mem, sizeof a->mem))
        fprintf(stderr, "%s: scratch memory differs\n", what), bad++;
    return bad;
}

static void map(guest_addr a, u64 len, int prot)
{
    if (mem_mmap(&vm, a, len, prot, RV_MAP_PRIVATE | RV_MAP_ANONYMOUS | RV_MAP_FIXED, -1, 0) !=
        (i64)a)
        abort();
}

static void report(void)
{
    fprintf(stderr, "fuzz_jit: %llu guest instructions compared (%llu executed)\n",
            (unsigned long long)compared, (unsigned long long)compared * 3);
}

static void setup(void)
{
    atexit(report);
    vm.cpu = &cpu;
    cpu.vm = &vm;
    hostsig_init();
    hostsig_cpu = &cpu;
    if (mem_init(&vm.mem, 1ull << 32))
        abort();
    map(CODE, 0x1000 * 4, RV_PROT_READ | RV_PROT_EXEC);
    map(SCRATCH, 0x2000, RV_PROT_READ | RV_PROT_WRITE);
    vm.opt.jit_threshold_set = true;
    vm.opt.jit_threshold = 0;
    if (!jit_init(&vm))
        abort();
    jit = vm.jit;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    static struct state s0, si, sj;
    static u32 code[CODE_MAX + 1];
    if (!jit)
        setup();
    unsigned n = gen(code, data, size);
    mem_mprotect(&vm, CODE, 0x4000, RV_PROT_READ | RV_PROT_WRITE);
    memcpy(mem_host(&vm.mem, CODE), code, n * 4);
    mem_mprotect(&vm, CODE, 0x4000, RV_PROT_READ | RV_PROT_EXEC);
    vm.jit = jit;
    interp_flush(&vm);
    initial_state(&s0, data, size);

    vm.jit = NULL;
    load(&s0);
    interp_run(&cpu);
    save(&si);
    compared += si.instret - s0.instret;
    vm.jit = jit;
    for (int pass = 0; pass < 2; pass++) {
        load(&s0);
        jit_run(&cpu);
        save(&sj);
        if (diff(pass ? "jit (chained)" : "jit", &si, &sj))
            abort();
    }
    return 0;
}
