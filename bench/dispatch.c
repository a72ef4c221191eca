/* bench dispatch: calls through a table of function pointers, the index
 * chosen by a pseudo-random stream so neither the compiler nor a simple
 * predictor can resolve the target. Measures indirect calls and returns.
 * Usage: dispatch [millions of calls] (default 40). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct state {
    uint64_t a, b, c;
};

typedef void (*op_fn)(struct state *s, uint64_t x);

static void op_add(struct state *s, uint64_t x) { s->a += x; }
static void op_sub(struct state *s, uint64_t x) { s->b -= x ^ s->a; }
static void op_xor(struct state *s, uint64_t x) { s->c ^= x * 3; }
static void op_rot(struct state *s, uint64_t x) { s->a = (s->a << 7 | s->a >> 57) + (x & 15); }
static void op_mul(struct state *s, uint64_t x) { s->b = s->b * 0x9e3779b97f4a7c15ull + x; }
static void op_swap(struct state *s, uint64_t x) { uint64_t t = s->a; s->a = s->c; s->c = t + x; }
static void op_min(struct state *s, uint64_t x) { if (x < s->b) s->b = x + s->c; }
static void op_shr(struct state *s, uint64_t x) { s->c += s->b >> (x & 31); }

static const op_fn ops[8] = {op_add, op_sub, op_xor, op_rot, op_mul, op_swap, op_min, op_shr};

static __attribute__((noinline)) void drive(struct state *s, const op_fn *tab, long n)
{
    uint64_t lcg = 88172645463325252ull;
    for (long i = 0; i < n; i++) {
        lcg = lcg * 6364136223846793005ull + 1;
        tab[lcg >> 61](s, lcg >> 20);
    }
}

int main(int argc, char **argv)
{
    long n = (argc > 1 ? atol(argv[1]) : 40) * 1000000L;
    struct state s = {1, 2, 3};
    drive(&s, ops, n);
    printf("dispatch: %016llx %016llx %016llx\n", (unsigned long long)s.a,
           (unsigned long long)s.b, (unsigned long long)s.c);
    return 0;
}
