/* The smallest dynamic program: argv, one environment variable, exit status. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    printf("RVXT_A=%s\n", getenv("RVXT_A") ? getenv("RVXT_A") : "(unset)");
    return 3;
}
