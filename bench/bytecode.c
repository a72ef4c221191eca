/* bench bytecode: a small register-machine interpreter dispatched with a
 * switch (an indirect jump through a table), running Collatz chains for
 * 1..n. Measures indirect branches and load-heavy dispatch loops.
 * Usage: bytecode [n] (default 300000). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op { OP_LOADI, OP_MOV, OP_ADDI, OP_ANDI, OP_SHRI, OP_MUL3P1, OP_BEQI, OP_BNZ, OP_JMP, OP_HALT };

struct insn {
    uint8_t op, a, b;
    int32_t imm; /* immediate or jump target */
};

static __attribute__((noinline)) uint64_t run(const struct insn *code, uint64_t *r)
{
    uint64_t steps = 0;
    for (size_t pc = 0;;) {
        const struct insn *i = &code[pc++];
        steps++;
        switch (i->op) {
        case OP_LOADI: r[i->a] = (uint64_t)(int64_t)i->imm; break;
        case OP_MOV: r[i->a] = r[i->b]; break;
        case OP_ADDI: r[i->a] = r[i->b] + (uint64_t)(int64_t)i->imm; break;
        case OP_ANDI: r[i->a] = r[i->b] & (uint64_t)(int64_t)i->imm; break;
        case OP_SHRI: r[i->a] = r[i->b] >> i->imm; break;
        case OP_MUL3P1: r[i->a] = 3 * r[i->b] + 1; break;
        case OP_BEQI: if (r[i->a] == (uint64_t)(int64_t)i->imm) pc = (size_t)r[i->b]; break;
        case OP_BNZ: if (r[i->a]) pc = (size_t)i->imm; break;
        case OP_JMP: pc = (size_t)i->imm; break;
        case OP_HALT: return steps;
        default: abort();
        }
    }
}

int main(int argc, char **argv)
{
    int32_t n = argc > 1 ? atoi(argv[1]) : 300000;
    /* r0 counts n..1, r1 is the chain value, r2 scratch, r5 the total
     * chain length, r6 the target of BEQI (a register, to vary operand use). */
    struct insn prog[16];
    int k = 0;
    prog[k++] = (struct insn){OP_LOADI, 0, 0, n};    /* 0 */
    prog[k++] = (struct insn){OP_LOADI, 5, 0, 0};    /* 1 */
    prog[k++] = (struct insn){OP_LOADI, 6, 0, 12};   /* 2: r6 = &next */
    prog[k++] = (struct insn){OP_MOV, 1, 0, 0};      /* 3 outer: r1 = r0 */
    prog[k++] = (struct insn){OP_BEQI, 1, 6, 1};     /* 4 inner: r1==1 -> next */
    prog[k++] = (struct insn){OP_ADDI, 5, 5, 1};     /* 5 */
    prog[k++] = (struct insn){OP_ANDI, 2, 1, 1};     /* 6 */
    prog[k++] = (struct insn){OP_BNZ, 2, 0, 10};     /* 7 odd -> 10 */
    prog[k++] = (struct insn){OP_SHRI, 1, 1, 1};     /* 8 even */
    prog[k++] = (struct insn){OP_JMP, 0, 0, 4};      /* 9 */
    prog[k++] = (struct insn){OP_MUL3P1, 1, 1, 0};   /* 10 odd */
    prog[k++] = (struct insn){OP_JMP, 0, 0, 4};      /* 11 */
    prog[k++] = (struct insn){OP_ADDI, 0, 0, -1};    /* 12 next: r0-- */
    prog[k++] = (struct insn){OP_BNZ, 0, 0, 3};      /* 13 */
    prog[k++] = (struct insn){OP_HALT, 0, 0, 0};     /* 14 */
    uint64_t r[8] = {0};
    uint64_t steps = run(prog, r);
    printf("bytecode: n=%d collatz steps=%llu vm insns=%llu\n", n,
           (unsigned long long)r[5], (unsigned long long)steps);
    return 0;
}
