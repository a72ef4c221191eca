/* libFuzzer target: the decoder and the disassembler on arbitrary words.
 *
 * Each 4 input bytes are one word (plus a pc from the first 8 bytes).
 * Checked for every word:
 *   - dec_insn returns the length the low two bits imply (a 16-bit
 *     encoding never claims 4 bytes) and stores it in insn.len when the
 *     word decodes;
 *   - a 16-bit encoding decodes the same whatever the upper half holds;
 *   - raw is the word as fetched (16 bits for RVC);
 *   - disasm never writes past size (exact-size heap buffers, so ASan
 *     sees an overflow), NUL-terminates, returns what it wrote, and the
 *     text of a full-size buffer is bounded (DISASM_MAX). */
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/disasm.h"

#define DISASM_MAX 96

static void check(bool ok)
{
    if (!ok)
        abort();
}

static void disasm_sizes(const struct insn *in, u64 pc)
{
    static const size_t sizes[] = { 1, 2, 7, 16, 31, DISASM_MAX };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char *buf = malloc(sizes[k]);
        check(buf != NULL);
        size_t n = disasm(buf, sizes[k], in, pc);
        size_t len = strnlen(buf, sizes[k]);
        check(len < sizes[k]);                 /* NUL-terminated inside */
        check(n == len || n >= sizes[k] - 1);  /* written, or truncated */
        if (sizes[k] == DISASM_MAX)
            check(n < DISASM_MAX - 1 && len > 0); /* bounded, never empty */
        free(buf);
    }
}

static void one(u32 w, u64 pc)
{
    struct insn in, in16;
    memset(&in, 0x5a, sizeof in);
    int len = dec_insn(&in, w);
    bool rvc = (w & 3) != 3;
    check(len == (rvc ? 2 : 4));
    if (in.op != OP_ILLEGAL) {
        check(in.op < OP_COUNT);
        check(in.len == len);
        check(in.raw == (rvc ? (w & 0xffff) : w));
        check(in.rd < 32 && in.rs1 < 32 && in.rs2 < 32 && in.rs3 < 32);
    }
    if (rvc) {
        memset(&in16, 0x5a, sizeof in16);
        check(dec_insn(&in16, w & 0xffff) == 2);
        check(in16.op == in.op);
        if (in.op != OP_ILLEGAL)
            check(in16.cop == in.cop && in16.rd == in.rd && in16.rs1 == in.rs1 &&
                  in16.rs2 == in.rs2 && in16.rs3 == in.rs3 && in16.rm == in.rm &&
                  in16.len == in.len && in16.imm == in.imm && in16.raw == in.raw);
    }
    disasm_sizes(&in, pc);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    u64 pc = 0x10000;
    if (size >= 8) {
        memcpy(&pc, data, 8);
        pc &= ~1ull;
        data += 8;
        size -= 8;
    }
    for (size_t k = 0; k + 4 <= size; k += 4) {
        u32 w;
        memcpy(&w, data + k, 4);
        one(w, pc + k);
    }
    return 0;
}
