/* Guest program for tests/tools/run.sh: --profile=folded must show leaf
 * under both of its callers, with work's share about three times
 * other's, and recursion as nested frames. */
volatile long sink;

__attribute__((noinline)) long leaf(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += i ^ (s >> 3);
    return s;
}

__attribute__((noinline)) long work(void) { return leaf(300000); }
__attribute__((noinline)) long other(void) { return leaf(100000); }

__attribute__((noinline)) long down(int d) { return d ? down(d - 1) + 1 : leaf(1000); }

int main(void)
{
    sink = work() + other() + down(3);
    return 0;
}
