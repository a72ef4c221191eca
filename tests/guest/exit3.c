/* exit(3) gives status 3, after flushing stdio and running atexit. */
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit ran\n"); }

int main(void)
{
    atexit(bye);
    printf("exiting with 3");
    exit(3);
}
