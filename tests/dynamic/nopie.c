/* A non-PIE dynamic program (ET_EXEC with PT_INTERP) and its address. */
#include <stdio.h>

int main(void)
{
    printf("main below 4 GiB: %s\n", (unsigned long)&main < (1ul << 32) ? "yes" : "no");
    return 0;
}
