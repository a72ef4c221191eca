/* qsort and bsearch on integers, strings and structs, checked and summed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct rec { int key; double val; char name[8]; };

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key - y->key;
    return strcmp(x->name, y->name);
}

int main(void)
{
    enum { N = 20000 };
    static int a[N];
    unsigned s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (int)(s >> 8) % 100000 - 50000;
    }
    qsort(a, N, sizeof a[0], cmp_int);
    long long sum = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        sum += (long long)a[i] * (i % 7 + 1);
        if (i && a[i - 1] > a[i])
            sorted = 0;
    }
    printf("ints sorted=%d min=%d max=%d median=%d weighted=%lld\n", sorted, a[0], a[N - 1],
           a[N / 2], sum);
    int key = a[1234];
    int *hit = bsearch(&key, a, N, sizeof a[0], cmp_int);
    printf("bsearch found=%d value=%d\n", hit != NULL, hit ? *hit : 0);

    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry",
                           "grape", "Apple", "apple2", ""};
    size_t nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof words[0], cmp_str);
    for (size_t i = 0; i < nw; i++)
        printf("%s'%s'", i ? " " : "", words[i]);
    printf("\n");

    struct rec r[50];
    for (int i = 0; i < 50; i++) {
        r[i].key = (i * 37) % 11;
        r[i].val = i * 0.5;
        snprintf(r[i].name, sizeof r[i].name, "n%02d", 49 - i);
    }
    qsort(r, 50, sizeof r[0], cmp_rec);
    for (int i = 0; i < 50; i += 7)
        printf("rec %d %s %.1f\n", r[i].key, r[i].name, r[i].val);
    return 0;
}
