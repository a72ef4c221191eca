/* Differential fuzzer: the translator against the interpreter.
 *
 * Each round writes a random straight-line program of valid RV64GC
 * instructions into a read+exec guest code page (every op the engines
 * run except ecall/ebreak/fence.i/jalr-without-auipc; loads, stores and
 * AMOs go to a scratch buffer through base registers, x8 = mapped to a
 * host register, x22 = kept in memory, x20 = misaligned; branches and
 * jal jump forward; jalr jumps forward from x19 = the code address; now
 * and then an access to page 0 faults; counted loops of 1-4 passes over
 * up to 20 instructions count down x21, which nothing else writes, so
 * the translator's regions run and borrow registers). In half the rounds any
 * instruction may overwrite the memory base registers, so accesses then
 * also hit the code page (stores fault), unmapped memory or misaligned
 * addresses. It ends with ecall. Writing the code drops every block and
 * translation, as fence.i would. The program runs from one random state
 * (x, f, fcsr, scratch memory) under the interpreter, then twice under
 * the translator (threshold 0; the second run goes through chained exits
 * and the jalr table), and the full state must agree: x, f, fcsr, pc,
 * instret, exit reason, fault address and code, scratch bytes.
 *   test_jit_fuzz                 about 2 s of rounds
 *   test_jit_fuzz --seconds N     N s of CPU time
 *   test_jit_fuzz --insns N       until each engine ran N guest instructions
 *   test_jit_fuzz --seed S        start from seed S (prints the failing seed)
 *   test_jit_fuzz --safe-bases    never overwrite the memory base registers
 *   test_jit_fuzz --dump FILE     write a failing round's code to FILE
 *   test_jit_fuzz --verbose       print each round's seed first
 *   test_jit_fuzz --stats         print the translator's counts at the end */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/insn.h"
#include "cpu/interp.h"
#include "jit/jit.h"
#include "mem/mman.h"
#include "os/hostsig.h"
#include "vm/vm.h"

#define CODE 0x10000ull
#define SCRATCH 0x20000ull /* 8 KiB; the base registers point at its middle */
#define NINSN 96
#define BASE_M 8           /* s0: a mapped guest register */
#define BASE_U 22          /* s6: not mapped */
#define JBASE 19           /* s3 = CODE, the base of jalr targets */
#define BASE_ODD 20        /* s4: a misaligned address in the scratch buffer */
#define LOOPC 21           /* s5: loop counter, in [-1, 4]: every loop ends */

static struct vm vm;
static struct cpu cpu;

struct op { const char *name; u32 match, mask; int fmt; const char *args; };
static const struct op ops[] = {
#define INSN(name, mn, match, mask, fmt, ext, args) { #name, match, mask, FMT_##fmt, args },
#include "cpu/insn.def"
#undef INSN
};

static u64 rng_state;
static bool verbose;
static const char *dump;
static bool only_safe; /* --safe-bases: never overwrite the memory bases */
static bool stats;     /* --stats: the translator's counts at the end */
static u64 total_insns, exits[16];
static u64 rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }

static bool excluded(const struct op *o)
{
    static const char *const no[] = { "ECALL", "EBREAK", "FENCE_I", "JALR", NULL };
    for (int k = 0; no[k]; k++)
        if (!strcmp(o->name, no[k]))
            return true;
    return false;
}

static bool writes_x(const struct op *o) { return o->args[0] == 'd'; }
static bool is_mem(const struct op *o) { return strstr(o->args, "(s)") != NULL; }

static u32 with_rd(u32 w, unsigned rd) { return (w & ~(0x1fu << 7)) | rd << 7; }
static u32 with_rs1(u32 w, unsigned r) { return (w & ~(0x1fu << 15)) | r << 15; }

/* A free x destination: never x19, so jalr targets stay forward and
 * every program ends; in half the rounds (clobber_bases) the memory base
 * registers may be overwritten, so accesses go anywhere: the code page
 * (read+exec), unmapped pages, misaligned addresses. */
static bool clobber_bases;
static unsigned any_rd(void)
{
    unsigned r = pick(32);
    if (r == JBASE || r == LOOPC || (!clobber_bases && (r == BASE_M || r == BASE_U || r == BASE_ODD)))
        return 5;
    return r;
}

static u32 b_imm(u32 w, i32 imm)
{
    u32 u = (u32)imm;
    w &= ~(0xfe000f80u);
    return w | (u >> 12 & 1) << 31 | (u >> 5 & 0x3f) << 25 | (u >> 1 & 0xf) << 8 |
           (u >> 11 & 1) << 7;
}

static u32 j_imm(u32 w, i32 imm)
{
    u32 u = (u32)imm;
    w &= 0xfff;
    return w | (u >> 20 & 1) << 31 | (u >> 1 & 0x3ff) << 21 | (u >> 11 & 1) << 20 |
           (u >> 12 & 0xff) << 12;
}

/* Fixes the fields of a random encoding of o at index k of n. */
static u32 shape(const struct op *o, u32 w, unsigned k, unsigned n)
{
    if (writes_x(o))
        w = with_rd(w, any_rd());
    if (strstr(o->args, "m") && pick(300)) { /* a valid rounding mode, mostly */
        static const u32 rms[] = { 0, 1, 2, 3, 4, 7, 7, 7 };
        w = (w & ~(7u << 12)) | rms[pick(8)] << 12;
    }
    if (is_mem(o)) {
        unsigned base = pick(2) ? BASE_M : BASE_U;
        if (pick(40) == 0)
            base = 0; /* page 0: a guest SIGSEGV */
        else if (o->fmt == FMT_AMO && pick(30) == 0)
            base = BASE_ODD; /* a misaligned atomic: SIGBUS */
        w = with_rs1(w, base);
    }
    if (o->fmt == FMT_CSR) {
        static const u32 csrs[] = { 0x001, 0x002, 0x003, 0xc02, 0xc00 };
        w = (w & 0xfffff) | csrs[pick(5)] << 20;
    }
    if (o->fmt == FMT_B)
        w = b_imm(w, 4 * (i32)(1 + pick(n - k)));
    if (o->fmt == FMT_J)
        w = j_imm(w, 4 * (i32)(1 + pick(n - k)));
    return w;
}

static unsigned gen(u32 *code, unsigned n)
{
    unsigned k = 0;
    clobber_bases = !only_safe && pick(2);
    while (k < n) {
        if (pick(30) == 0) { /* jalr rd, 4*j(x19): x19 = CODE, j > k */
            unsigned j = k + 1 + pick(n - k);
            code[k++] = 0x67 | any_rd() << 7 | JBASE << 15 | (u32)(4 * j) << 20;
            continue;
        }
        if (k + 2 < n && pick(40) == 0) { /* zext.w / sext.w idiom: slli 32; sr[la]i 32 */
            unsigned rd = any_rd(), rs = pick(32);
            code[k++] = 0x13 | rd << 7 | 1u << 12 | rs << 15 | 32u << 20;
            code[k++] = 0x13 | rd << 7 | 5u << 12 | rd << 15 | 32u << 20 | (pick(2) ? 0x40000000u : 0);
            continue;
        }
        if (k + 6 < n && pick(25) == 0) {
            /* li x21, 1-4; head: addi x21, -1; body; blt x0, x21, head.
             * Every way back goes through the decrement at the head, and
             * the only backward branches are these, so the rounds end. */
            unsigned head = k + 1, m = 2 + pick(19);
            if (head + m + 2 > n)
                m = n - head - 2;
            code[k++] = 0x13 | LOOPC << 7 | (1u + pick(4)) << 20;
            code[k++] = 0x13 | LOOPC << 7 | LOOPC << 15 | 0xfffu << 20;
            for (; k < head + m; k++) {
                const struct op *o = &ops[pick(ARRAY_LEN(ops))];
                if (excluded(o) || o->fmt == FMT_CSR) { /* CSRs keep a block out of regions */
                    code[k] = 0x13; /* nop */
                    continue;
                }
                code[k] = shape(o, ((u32)rnd() & ~o->mask) | o->match, k, n);
            }
            code[k] = b_imm(0x63 | 4u << 12 | LOOPC << 20, 4 * ((i32)head - (i32)k));
            k++;
            continue;
        }
        const struct op *o = &ops[pick(ARRAY_LEN(ops))];
        if (excluded(o) || (o->fmt == FMT_CSR && pick(4))) /* CSRs: rarer */
            continue;
        code[k] = shape(o, ((u32)rnd() & ~o->mask) | o->match, k, n);
        k++;
    }
    code[n] = 0x73; /* ecall */
    return n + 1;
}

struct state {
    u64 x[32], f[32], pc, instret, fault_addr;
    u32 fcsr;
    int exit, fault_code;
    u8 mem[8192];
};

static void save(struct state *s)
{
    memcpy(s->x, cpu.x, sizeof s->x);
    memcpy(s->f, cpu.f, sizeof s->f);
    s->pc = cpu.pc;
    s->instret = cpu.instret;
    s->fcsr = cpu.fcsr;
    s->exit = cpu.exit;
    bool fault = cpu.exit == EXIT_SEGV || cpu.exit == EXIT_BUS || cpu.exit == EXIT_FETCH;
    s->fault_addr = fault ? cpu.fault_addr : 0;
    s->fault_code = fault ? cpu.fault_code : 0;
    memcpy(s->mem, mem_host(&vm.mem, SCRATCH), sizeof s->mem);
}

static void load(const struct state *s)
{
    memcpy(cpu.x, s->x, sizeof s->x);
    memcpy(cpu.f, s->f, sizeof s->f);
    cpu.pc = s->pc;
    cpu.instret = s->instret;
    cpu.fcsr = s->fcsr;
    cpu.resv_valid = false;
    memcpy(mem_host(&vm.mem, SCRATCH), s->mem, sizeof s->mem);
}

static void random_state(struct state *s)
{
    memset(s, 0, sizeof *s);
    for (int r = 1; r < 32; r++)
        s->x[r] = pick(4) ? rnd() : (u64)(i64)(i32)pick(9) - 4;
    s->x[BASE_M] = s->x[BASE_U] = SCRATCH + 4096;
    s->x[JBASE] = CODE;
    s->x[BASE_ODD] = SCRATCH + 4096 + 2 + 4 * pick(2);
    s->x[LOOPC] = pick(5);
    /* Special operands, so the inline fast paths meet the values they
     * must hand to the slow path or treat exactly, and every fflag:
     * +-0, +-inf, NaNs with payloads (quiet, signaling, negative),
     * subnormals, the edges of the normal range, small exact values,
     * square roots of the range ends (products overflow or underflow,
     * exactly or not), and pairs whose product is tiny only before
     * rounding ((1 + ulp)/2 * (2 - 2 ulp) min normal). */
    static const u64 dspecial[] = {
        0, 1ull << 63, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x7ff8000000000000ull, 0x7ff0000000000001ull, 1, 0x000fffffffffffffull,
        0x0010000000000000ull, 0x0020000000000000ull, 0x7fefffffffffffffull,
        0x3ff0000000000000ull, 0xbff0000000000000ull, 0x4000000000000000ull,
        0x2000000000000000ull, 0x5ff0000000000000ull, 0x3fe0000000000000ull,
        0x7ff8000000001234ull, 0xfff8000000000001ull, 0x7ff4000000000000ull,
        0x1ff0000000000001ull, 0x3fe0000000000001ull, 0x001ffffffffffffeull,
        0x3fefffffffffffffull, 0x0010000000000001ull, 0x8000000000000001ull,
    };
    static const u32 fspecial[] = {
        0, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u, 1,
        0x007fffffu, 0x00800000u, 0x01000000u, 0x7f7fffffu, 0x3f800000u,
        0xbf800000u, 0x40000000u, 0x20000000u, 0x5f800000u, 0x3f000000u,
        0x7fc01234u, 0xffc00001u, 0x7fa00000u, 0x1f800001u, 0x3f000001u,
        0x00fffffeu, 0x3f7fffffu, 0x00800001u, 0x80000001u,
    };
    for (int r = 0; r < 32; r++) {
        s->f[r] = rnd();
        if (pick(2))
            s->f[r] |= 0xffffffff00000000ull;
        if (pick(3) == 0)
            s->f[r] = dspecial[pick(ARRAY_LEN(dspecial))];
        else if (pick(3) == 0)
            s->f[r] = 0xffffffff00000000ull | fspecial[pick(ARRAY_LEN(fspecial))];
        else if (pick(4) == 0) /* a modest exponent: normal products and sums */
            s->f[r] = (s->f[r] & 0x800fffffffffffffull) | (0x3f0ull + pick(32)) << 52;
    }
    s->fcsr = (u32)pick(5) << 5 | (pick(4) ? 0 : (u32)pick(32)); /* sometimes flags set */
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
        a->exit != b->exit || a->fault_addr != b->fault_addr || a->fault_code != b->fault_code)
        fprintf(stderr, "%s: pc %llx/%llx instret %llu/%llu fcsr %x/%x exit %d/%d fault %llx/%llx "
                "code %d/%d\n",
                what, (unsigned long long)a->pc, (unsigned long long)b->pc,
                (unsigned long long)a->instret, (unsigned long long)b->instret, a->fcsr,
                b->fcsr, a->exit, b->exit, (unsigned long long)a->fault_addr,
                (unsigned long long)b->fault_addr, a->fault_code, b->fault_code), bad++;
    for (size_t k = 0; k < sizeof a->mem; k++)
        if (a->mem[k] != b->mem[k]) {
            fprintf(stderr, "%s: scratch byte +%zu %02x vs %02x\n", what, k, a->mem[k],
                    b->mem[k]);
            bad++;
            break;
        }
    return bad;
}

static void map(guest_addr a, u64 len, int prot)
{
    i64 r = mem_mmap(&vm, a, len, prot, RV_MAP_PRIVATE | RV_MAP_ANONYMOUS | RV_MAP_FIXED, -1, 0);
    if (r != (i64)a) {
        fprintf(stderr, "mem_mmap failed\n");
        exit(1);
    }
}

/* Writes a round's program as a program's loader or JIT would: the page
 * is read+exec while the guest runs, so a store through an overwritten
 * base faults in every engine instead of changing the code the next
 * engine runs (stores to code without fence.i are not the RISC-V
 * contract anyway); then drops every block and translation, as fence.i. */
static void put_code(const u32 *code, unsigned n)
{
    if (mem_mprotect(&vm, CODE, 0x1000, RV_PROT_READ | RV_PROT_WRITE) ||
        (memcpy(mem_host(&vm.mem, CODE), code, n * 4),
         mem_mprotect(&vm, CODE, 0x1000, RV_PROT_READ | RV_PROT_EXEC))) {
        fprintf(stderr, "mem_mprotect failed\n");
        exit(1);
    }
    interp_flush(&vm);
}

static int round_one(void *jit, u64 seed)
{
    static struct state s0, si, sj;
    u32 code[NINSN + 1];
    rng_state = seed;
    if (verbose)
        fprintf(stderr, "round seed %llu\n", (unsigned long long)seed);
    unsigned n = gen(code, NINSN);
    vm.jit = jit;
    put_code(code, n);
    random_state(&s0);

    vm.jit = NULL;
    load(&s0);
    interp_run(&cpu);
    save(&si);

    vm.jit = jit;
    total_insns += si.instret;
    exits[si.exit & 15]++;
    int bad = 0;
    for (int pass = 0; pass < 2 && !bad; pass++) {
        load(&s0);
        jit_run(&cpu);
        save(&sj);
        bad = diff(pass ? "jit (chained)" : "jit", &si, &sj);
    }
    if (bad) {
        fprintf(stderr, "seed %llu: %d differences\n", (unsigned long long)seed, bad);
        if (dump) {
            FILE *f = fopen(dump, "wb");
            if (f) {
                fwrite(code, 4, n, f);
                fclose(f);
            }
        }
    }
    return bad;
}

int main(int argc, char **argv)
{
    double seconds = 2;
    u64 max_insns = 0;
    u64 seed = (u64)time(NULL);
    for (int k = 1; k < argc; k++) {
        if (!strcmp(argv[k], "--verbose"))
            verbose = true;
        else if (!strcmp(argv[k], "--safe-bases"))
            only_safe = true;
        else if (!strcmp(argv[k], "--stats"))
            stats = true;
        else if (k + 1 < argc && !strcmp(argv[k], "--insns"))
            max_insns = strtoull(argv[++k], NULL, 0);
        else if (k + 1 < argc && !strcmp(argv[k], "--seconds"))
            seconds = atof(argv[++k]);
        else if (k + 1 < argc && !strcmp(argv[k], "--dump"))
            dump = argv[++k];
        else if (k + 1 < argc && !strcmp(argv[k], "--seed"))
            seed = strtoull(argv[++k], NULL, 0);
    }
    vm.cpu = &cpu;
    cpu.vm = &vm;
    hostsig_init();
    hostsig_cpu = &cpu;
    if (mem_init(&vm.mem, GUEST_SPACE_DEFAULT))
        return 1;
    map(CODE, 0x1000, RV_PROT_READ | RV_PROT_WRITE | RV_PROT_EXEC);
    map(SCRATCH, 0x2000, RV_PROT_READ | RV_PROT_WRITE);
    vm.opt.jit_threshold_set = true;
    vm.opt.jit_threshold = 0;
    jit_region_min_iterations = 0;
    if (!jit_init(&vm))
        return 1;
    void *jit = vm.jit;
    clock_t start = clock(), end = start + (clock_t)(seconds * CLOCKS_PER_SEC);
    unsigned rounds = 0, failed = 0;
    while ((max_insns ? total_insns < max_insns : clock() < end) && failed < 5) {
        failed += round_one(jit, (seed + rounds * 0x9e3779b97f4a7c15ull) | 1) != 0;
        rounds++;
    }
    if (stats)
        jit_print_stats(&vm);
    printf("%llu guest instructions run by each engine in %.1f s CPU\n",
           (unsigned long long)total_insns, (double)(clock() - start) / CLOCKS_PER_SEC);
    u64 known = exits[EXIT_ECALL] + exits[EXIT_SEGV] + exits[EXIT_ILLEGAL] + exits[EXIT_BUS];
    printf("%u rounds of %d instructions (%.1f run on average; ends: %llu ecall, %llu segv, "
           "%llu illegal, %llu bus, %llu other), %u failed (seed %llu)\n", rounds, NINSN,
           rounds ? (double)total_insns / rounds : 0.0, (unsigned long long)exits[EXIT_ECALL],
           (unsigned long long)exits[EXIT_SEGV], (unsigned long long)exits[EXIT_ILLEGAL],
           (unsigned long long)exits[EXIT_BUS], (unsigned long long)(rounds - known), failed,
           (unsigned long long)seed);
    return failed != 0;
}
