/* Guest program for tests/tools/run.sh: one hot function, for
 * --profile to put first. */
volatile long sink;

__attribute__((noinline)) long hot(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += i * i;
    return s;
}

__attribute__((noinline)) long cold(long n) { return n + 1; }

int main(void)
{
    sink = hot(1000000) + cold(3);
    return 0;
}
