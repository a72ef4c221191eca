/* -perfmap / -jitdump: a hot function (fib) gets translated, then the
 * program waits for a byte on stdin so the test can read rvx's host
 * mappings while the code cache is still there. Argument: fib's n. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((noinline)) static long fib(long n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    char c;
    printf("%ld\n", fib(argc > 1 ? atol(argv[1]) : 24));
    fflush(stdout);
    return read(0, &c, 1) < 0;
}
