/* A signal with its default action ends the process as that signal:
 * the shell sees 128 + 15. Output before it must have been flushed. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    printf("before\n");
    fflush(stdout);
    raise(SIGTERM);
    printf("not reached\n");
    return 0;
}
