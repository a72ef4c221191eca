/* The demo program: a static riscv64 binary that exercises integer and
 * floating-point code, libc and a few system calls. Its prebuilt binary
 * (hello) is committed so the demo needs no cross compiler; rebuild it
 * with: riscv64-linux-gnu-gcc -static -O2 -s -o demo/hello demo/hello.c -lm */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

static int is_prime(unsigned n)
{
    if (n < 2)
        return 0;
    for (unsigned d = 2; d * d <= n; d++)
        if (n % d == 0)
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    struct utsname u;
    uname(&u);
    printf("Hello from %s! (%s)\n", u.machine, argc > 1 ? argv[1] : "no arguments");

    unsigned count = 0, last = 0;
    for (unsigned n = 0; n < 100000; n++)
        if (is_prime(n))
            count++, last = n;
    printf("%u primes below 100000, the last is %u\n", count, last);

    double sum = 0;
    for (int k = 0; k < 1000000; k++)
        sum += (k & 1 ? -4.0 : 4.0) / (2 * k + 1);
    printf("pi ~ %.10f (error %.3g)\n", sum, fabs(sum - M_PI));

    char *s = malloc(64);
    strcpy(s, "riscv64 on x86-64");
    printf("%s: %zu characters\n", s, strlen(s));
    free(s);
    return 0;
}
