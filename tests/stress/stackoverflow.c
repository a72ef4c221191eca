/* Unbounded recursion. "plain": no handler, the guest dies of SIGSEGV.
 * "altstack": a SIGSEGV handler on a sigaltstack runs, sees si_addr near
 * the stack pointer's region, and exits 0. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile uintptr_t deepest;

static int recurse(int n)
{
    volatile char pad[512];
    pad[0] = (char)n;
    deepest = (uintptr_t)pad;
    return recurse(n + 1) + pad[0];
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    uintptr_t a = (uintptr_t)si->si_addr;
    uintptr_t here = (uintptr_t)&a;
    char msg[160];
    int ok = a <= deepest && deepest - a < 65536 && (here < deepest - (1 << 20) || here > deepest);
    int n = snprintf(msg, sizeof msg, "%s handler ran on the alternate stack, fault %s the stack\n",
                     ok ? "ok" : "FAIL", ok ? "just below" : "not near");
    write(1, msg, (size_t)n);
    _exit(ok ? 0 : 1);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "altstack")) {
        stack_t ss = {.ss_sp = malloc(1 << 16), .ss_size = 1 << 16};
        sigaltstack(&ss, NULL);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_segv;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigaction(SIGSEGV, &sa, NULL);
    }
    return recurse(0);
}
