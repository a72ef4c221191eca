/* printf of integers: widths, flags, bases and edge values. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

int main(void)
{
    int iv[] = {0, 1, -1, 42, -42, INT_MAX, INT_MIN, 1000000};
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++)
        printf("[%d] [%5d] [%-5d|] [%+d] [%05d] [%x] [%X] [%o] [%#x] [%u]\n", iv[i], iv[i], iv[i],
               iv[i], iv[i], iv[i], iv[i], iv[i], iv[i], (unsigned)iv[i]);
    long long lv[] = {0, LLONG_MAX, LLONG_MIN, -1, 1234567890123456789LL};
    for (unsigned i = 0; i < sizeof lv / sizeof lv[0]; i++)
        printf("[%lld] [%llx] [%llu] [%20lld] [%-20lld|]\n", lv[i], lv[i],
               (unsigned long long)lv[i], lv[i], lv[i]);
    printf("[%hhd] [%hd] [%hhu] [%hu]\n", (char)200, (short)70000, (unsigned char)300,
           (unsigned short)70000);
    printf("[%zu] [%zd] [%td] [%jd]\n", sizeof(long), (ssize_t)-5, (ptrdiff_t)7, (intmax_t)INTMAX_MIN);
    printf("[%" PRIu64 "] [%" PRIx64 "] [%" PRId32 "]\n", UINT64_MAX, (uint64_t)0xdeadbeefcafeULL,
           INT32_MIN);
    printf("[%c] [%5c] [%s] [%.3s] [%10s] [%-10s|] [%%]\n", 'A', 'z', "hello", "abcdef", "right",
           "left");
    printf("[%*d] [%-*d|] [%.*d]\n", 6, 12, 6, 12, 5, 12);
    char buf[32];
    volatile int big = 123456789;
    int n = snprintf(buf, 8, "%d", big);
    printf("snprintf: %d [%s]\n", n, buf);
    printf("sizeof: char %zu short %zu int %zu long %zu llong %zu ptr %zu\n", sizeof(char),
           sizeof(short), sizeof(int), sizeof(long), sizeof(long long), sizeof(void *));
    return 0;
}
