/* abort() (tgkill SIGABRT with the signal blocked during raise) ends the
 * process with SIGABRT: status 134. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("aborting\n");
    fflush(stdout);
    abort();
}
