/* Guest program for tests/tools/run.sh, built dynamic: most of its
 * instructions run in libc.so.6 (rand's random_r, exported, so named
 * even in a stripped libc), some in its own comparison function, so
 * --profile must name functions of both. */
#include <stdlib.h>

static int v[20000];

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    long s = 0;
    for (int i = 0; i < 300000; i++)
        s += rand() & 1;
    for (int i = 0; i < 20000; i++)
        v[i] = (i * 7919) % 20011;
    qsort(v, 20000, sizeof v[0], cmp_int);
    return (v[0] == v[1]) + (s < 0);
}
