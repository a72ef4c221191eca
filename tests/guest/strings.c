/* String and memory functions, including unaligned and overlapping cases
 * (glibc's riscv string routines are assembly with word loops). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static unsigned hash(const void *p, size_t n)
{
    const unsigned char *c = p;
    unsigned h = 2166136261u;
    while (n--)
        h = (h ^ *c++) * 16777619u;
    return h;
}

int main(void)
{
    char buf[256];
    strcpy(buf, "Hello");
    strcat(buf, ", world");
    printf("%s len=%zu\n", buf, strlen(buf));
    printf("strcmp %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("x", "x"));
    printf("strncmp %d strcasecmp %d\n", strncmp("abcdef", "abcxyz", 3), strcasecmp("HeLLo", "hello"));
    printf("strchr %s strrchr %s\n", strchr("a/b/c", '/'), strrchr("a/b/c", '/'));
    printf("strstr %s\n", strstr("the quick brown fox", "brown"));
    printf("strspn %zu strcspn %zu\n", strspn("aaabbbccc", "ab"), strcspn("hello world", " "));
    char tok[] = "one,two,,three";
    char *save, *t = strtok_r(tok, ",", &save);
    while (t) {
        printf("tok[%s]", t);
        t = strtok_r(NULL, ",", &save);
    }
    printf("\n");
    char *d = strdup("duplicate");
    printf("strdup %s %zu\n", d, strlen(d));
    free(d);
    printf("strtol %ld %ld %lu %lld\n", strtol("-12345", NULL, 10), strtol("0x1f", NULL, 16),
           strtoul("777", NULL, 8), strtoll("9223372036854775807", NULL, 10));
    printf("atoi %d strtod %.17g\n", atoi("  42abc"), strtod("3.14159e2", NULL));

    /* Unaligned and overlapping copies over a range of sizes. */
    static unsigned char src[4096], dst[4096];
    for (int i = 0; i < 4096; i++)
        src[i] = (unsigned char)(i * 7 + 3);
    unsigned acc = 0;
    for (int off = 0; off < 9; off++)
        for (int len = 0; len < 300; len += 13) {
            memset(dst, 0xAA, 700);
            memcpy(dst + off, src + (8 - off), len);
            acc = acc * 31 + hash(dst, 700);
            memmove(dst + off + 3, dst + off, len);
            acc = acc * 31 + hash(dst, 700);
            memmove(dst + off, dst + off + 5, len);
            acc = acc * 31 + hash(dst, 700);
            acc += (unsigned)memcmp(dst, src, len) > 0;
        }
    printf("copies %08x\n", acc);
    memset(dst, 0, sizeof dst);
    memset(dst + 3, 'x', 1000);
    printf("memset %zu memchr %td\n", strlen((char *)dst + 3), (unsigned char *)memchr(dst, 'x', 4096) - dst);
    int up = 0;
    for (int c = 0; c < 128; c++)
        up += isupper(c) + !!isalpha(c) * 2 + !!isdigit(c) * 4 + !!isspace(c) * 8;
    printf("ctype %d %c %c\n", up != 0, toupper('q'), tolower('Q'));
    return 0;
}
