/* bench bintrees: the binary-trees pattern: build and walk many complete
 * binary trees of small malloc'ed nodes, freeing each tree afterwards,
 * with one long-lived tree alongside. Measures malloc/free (glibc's, in
 * the guest), pointer chasing and recursion; brk/mmap growth too.
 * Usage: bintrees [max depth] (default 16). */
#include <stdio.h>
#include <stdlib.h>

struct node {
    struct node *left, *right;
};

static struct node *make(int depth)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        abort();
    if (depth > 0) {
        n->left = make(depth - 1);
        n->right = make(depth - 1);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

static long check(const struct node *n)
{
    return n->left ? 1 + check(n->left) + check(n->right) : 1;
}

static void destroy(struct node *n)
{
    if (n->left) {
        destroy(n->left);
        destroy(n->right);
    }
    free(n);
}

int main(int argc, char **argv)
{
    int max_depth = argc > 1 ? atoi(argv[1]) : 16;
    const int min_depth = 4;
    struct node *stretch = make(max_depth + 1);
    printf("stretch tree of depth %d\t check: %ld\n", max_depth + 1, check(stretch));
    destroy(stretch);
    struct node *long_lived = make(max_depth);
    for (int d = min_depth; d <= max_depth; d += 2) {
        long iterations = 1L << (max_depth - d + min_depth), total = 0;
        for (long i = 0; i < iterations; i++) {
            struct node *t = make(d);
            total += check(t);
            destroy(t);
        }
        printf("%ld\t trees of depth %d\t check: %ld\n", iterations, d, total);
    }
    printf("long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
    destroy(long_lived);
    return 0;
}
