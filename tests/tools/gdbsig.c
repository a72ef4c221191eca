/* The gdb stub and signals: SIGUSR1 is raised twice; gdb stops before
 * each delivery. Resumed with the signal, the handler runs; resumed
 * with "signal 0", it does not. Exit status: handler runs * 10 + 7. */
#include <signal.h>

static volatile int handled;

static void on_usr1(int sig)
{
    handled += sig == SIGUSR1;
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    return handled * 10 + 7;
}
