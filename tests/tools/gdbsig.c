/* The gdb stub and signals: SIGUSR1 is raised three times; gdb stops
 * before each delivery. Resumed with the signal, the handler runs; with
 * "signal 0", nothing; with "signal SIGUSR2", SIGUSR2's handler instead.
 * Exit status: usr1 handler runs * 10 + usr2 handler runs * 100 + 7. */
#include <signal.h>

static volatile int usr1, usr2;

static void on_usr1(int sig)
{
    usr1 += sig == SIGUSR1;
}

static void on_usr2(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    usr2 += sig == SIGUSR2 && si->si_code == SI_USER;
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    signal(SIGUSR1, on_usr1);
    sigaction(SIGUSR2, &sa, 0);
    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    return usr1 * 10 + usr2 * 100 + 7;
}
