/* Disassembler tests.
 *   test_disasm              self-checks against texts objdump printed
 *   test_disasm FILE BASE    disassembles FILE, raw little-endian code
 *                            loaded at hex address BASE, one line per
 *                            instruction: "<hex addr>\t<text>" (the form
 *                            tests/disasm/run.sh compares with objdump)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/disasm.h"

static int dump_file(const char *path, u64 base)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    u8 *code = malloc((size_t)n + 4);
    if (!code || fread(code, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "%s: read failed\n", path);
        return 2;
    }
    fclose(f);
    memset(code + n, 0, 4);
    char text[256];
    for (long off = 0; off + 2 <= n;) {
        u32 bits = (u32)code[off] | (u32)code[off + 1] << 8 |
                   (u32)code[off + 2] << 16 | (u32)code[off + 3] << 24;
        struct insn in;
        int len = dec_insn(&in, bits);
        if (off + len > n)
            break;
        disasm(text, sizeof text, &in, base + (u64)off);
        printf("%" PRIx64 "\t%s\n", base + (u64)off, text);
        off += len;
    }
    free(code);
    return 0;
}

struct sample {
    u32 bits;
    u64 pc;
    const char *text;
};

/* Each text is what riscv64-linux-gnu-objdump 2.40 -M no-aliases printed. */
static const struct sample samples[] = {
    { 0x02b50553, 0, "fadd.d\tfa0,fa0,fa1,rne" },
    { 0x02b57553, 0, "fadd.d\tfa0,fa0,fa1" },
    { 0x02b55553, 0, "fadd.d\tfa0,fa0,fa1,unknown" },
    { 0x0505, 0, "c.addi\ta0,1" },
    { 0x0001, 0, "c.addi\tzero,0" },
    { 0x00102573, 0, "csrrs\ta0,fflags,zero" },
    { 0xc0002573, 0, "csrrs\ta0,cycle,zero" },
    { 0x7c002573, 0, "csrrs\ta0,0x7c0,zero" },
    { 0x10106573, 0, "csrrsi\ta0,0x101,0" },
    { 0x0ea5a52f, 0, "amoswap.w.aqrl\ta0,a0,(a1)" },
    { 0x1205b52f, 0, "lr.d.rl\ta0,(a1)" },
    { 0x0330000f, 0, "fence\trw,rw" },
    { 0x0ff0000f, 0, "fence\tiorw,iorw" },
    { 0x0000000f, 0, "fence\tunknown,unknown" },
    { 0x8330000f, 0, "fence.tso" },
    { 0x0000100f, 0, "fence.i" },
    { 0x00001293, 0, "slli\tt0,zero,0x0" },
    { 0x43f05293, 0, "srai\tt0,zero,0x3f" },
    { 0x80000537, 0, "lui\ta0,0x80000" },
    { 0x80050513, 0, "addi\ta0,a0,-2048" },
    { 0x80000063, 0x14, "beq\tzero,zero,0xfffffffffffff014" },
    { 0xfffff0ef, 0x18, "jal\tra,0x16" },
    { 0x80053503, 0, "ld\ta0,-2048(a0)" },
    { 0x80a53023, 0, "sd\ta0,-2048(a0)" },
    { 0x62b57543, 0, "fmadd.d\tfa0,fa0,fa1,fa2" },
    { 0x42050553, 0, "fcvt.d.s\tfa0,fa0" },
    { 0x40150553, 0, "fcvt.s.d\tfa0,fa0,rne" },
    { 0xc2051553, 0, "fcvt.w.d\ta0,fa0,rtz" },
    { 0x00000067, 0, "jalr\tzero,0(zero)" },
    { 0x00000073, 0, "ecall" },
    { 0x0020, 0, "c.addi4spn\ts0,sp,8" },
    { 0x716d, 0, "c.addi16sp\tsp,-272" },
    { 0x7001, 0, "c.lui\tzero,0xfffe0" },
    { 0x8405, 0, "c.srai\ts0,0x1" },
    { 0x8401, 0, "c.srai64\ts0" },
    { 0x0002, 0, "c.slli64\tzero" },
    { 0xb76d, 0x11324, "c.j\t0x112ce" },
    { 0xc005, 0x12008, "c.beqz\ts0,0x12028" },
    { 0x2002, 0, "c.fldsp\tft0,0(sp)" },
    { 0xa006, 0, "c.fsdsp\tft1,0(sp)" },
    { 0x8082, 0, "c.jr\tra" },
    { 0x9102, 0, "c.jalr\tsp" },
    { 0x8006, 0, "c.mv\tzero,ra" },
    { 0x9002, 0, "c.ebreak" },
    { 0x0004, 0, ".2byte\t0x4" },
    { 0x0000000b, 0, ".4byte\t0xb" }, /* custom-0 */
    { 0x10500073, 0, ".4byte\t0x10500073" }, /* wfi: privileged, not ours */
};

int main(int argc, char **argv)
{
    if (argc == 3)
        return dump_file(argv[1], strtoull(argv[2], NULL, 16));
    int fails = 0;
    char text[256];
    for (size_t i = 0; i < ARRAY_LEN(samples); i++) {
        struct insn in;
        dec_insn(&in, samples[i].bits);
        disasm(text, sizeof text, &in, samples[i].pc);
        if (strcmp(text, samples[i].text)) {
            printf("FAIL disasm_%08x: got \"%s\", want \"%s\"\n", samples[i].bits, text,
                   samples[i].text);
            fails++;
        }
    }
    /* A short buffer truncates but still reports the full length. */
    struct insn in;
    dec_insn(&in, 0x02b50553);
    size_t n = disasm(text, 5, &in, 0);
    if (n != strlen("fadd.d\tfa0,fa0,fa1,rne") || strcmp(text, "fadd"))
        printf("FAIL disasm_truncate: n=%zu text=\"%s\"\n", n, text), fails++;
    if (!fails)
        printf("PASS disasm_samples (%zu)\n", ARRAY_LEN(samples));
    return fails != 0;
}
