/* The start-up benchmark of bench/run.sh: the smallest useful static
 * program, so its time is the engine's own start and exit. */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}
