/* -perfmap / -jitdump: a hot function (fib) gets translated, then the
 * program waits for a byte on stdin so the test can read rvx's host
 * mappings while the code cache is still there. */
#include <stdio.h>
#include <unistd.h>

__attribute__((noinline)) static long fib(long n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void)
{
    char c;
    printf("%ld\n", fib(24));
    fflush(stdout);
    return read(0, &c, 1) < 0;
}
