/* bench fib: naive doubly-recursive Fibonacci. Measures call/return,
 * stack traffic and short basic blocks. noinline keeps GCC from
 * unrolling the recursion into itself, so every call is a real call.
 * Usage: fib [n] (default 40). */
#include <stdio.h>
#include <stdlib.h>

static __attribute__((noinline)) unsigned long fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 40;
    printf("fib(%u) = %lu\n", n, fib(n));
    return 0;
}
