/* argv and the environment as the program sees them. run.sh runs it
 * with a fixed environment, extra arguments and -E/-U/-0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] [%s]\n", i, argv[i]);
    printf("argv[argc] %s\n", argv[argc] ? "non-null" : "NULL");
    int n = 0;
    while (environ[n])
        n++;
    char **e = malloc((n + 1) * sizeof *e);
    memcpy(e, environ, (n + 1) * sizeof *e);
    qsort(e, n, sizeof *e, cmp);
    for (int i = 0; i < n; i++)
        if (strncmp(e[i], "RVXT_", 5) == 0)
            printf("env %s\n", e[i]);
    printf("getenv RVXT_A=%s RVXT_GONE=%s\n", getenv("RVXT_A") ? getenv("RVXT_A") : "(null)",
           getenv("RVXT_GONE") ? getenv("RVXT_GONE") : "(null)");
    setenv("RVXT_NEW", "set", 1);
    printf("after setenv %s\n", getenv("RVXT_NEW"));
    return 0;
}
