/* Default actions and handler flags, one case per argument; run.sh
 * checks the output and the exit status the parent sees (128+n for a
 * signal death). qemu-riscv64 differs on "rt" (it renumbers real-time
 * signals) and "badframe" (it does not check sc_extdesc). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int depth, maxdepth, calls;
static int *volatile badp = (int *)16; /* unmapped */

static void on_usr1(int sig)
{
    (void)sig;
    calls++;
    printf("handler %d\n", calls);
    fflush(stdout);
}

/* Raises itself twice more: nested with SA_NODEFER, one after the
 * other without it. */
static void on_nodefer(int sig)
{
    depth++;
    calls++;
    if (depth > maxdepth)
        maxdepth = depth;
    if (calls < 3)
        raise(sig);
    depth--;
}

static void corrupt(int sig, siginfo_t *si, void *p)
{
    (void)sig; (void)si;
    char *uc = p;
    uc[176 + 256 + 516] = 1; /* sc_extdesc.reserved must be 0 */
}

static void on_ext(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("got %d code=%s pid_ok=%d\n", sig, si->si_code == SI_USER ? "SI_USER" : "?",
           si->si_pid == getppid());
    fflush(stdout);
}

static void set(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    setvbuf(stdout, NULL, _IONBF, 0);
    if (!strcmp(c, "term")) {
        raise(SIGTERM);
    } else if (!strcmp(c, "rt")) {
        raise(SIGRTMIN + 2);
    } else if (!strcmp(c, "abort")) {
        abort();
    } else if (!strcmp(c, "resethand")) {
        set(SIGUSR1, on_usr1, SA_RESETHAND);
        raise(SIGUSR1);
        raise(SIGUSR1);
    } else if (!strcmp(c, "nodefer")) {
        set(SIGUSR2, on_nodefer, SA_NODEFER);
        raise(SIGUSR2);
        printf("nodefer depth %d\n", maxdepth);
        printf("nodefer calls %d\n", calls);
        depth = maxdepth = calls = 0;
        set(SIGUSR2, on_nodefer, 0); /* deferred: the inner raise waits */
        raise(SIGUSR2);
        printf("defer depth %d calls %d\n", maxdepth, calls);
    } else if (!strcmp(c, "ignore")) {
        signal(SIGTERM, SIG_IGN);
        raise(SIGTERM);
        signal(SIGCHLD, SIG_DFL);
        raise(SIGCHLD);
        raise(SIGCONT);
    } else if (!strcmp(c, "segv")) {
        *badp = 1;
    } else if (!strcmp(c, "segv_blocked")) {
        set(SIGSEGV, on_usr1, 0);
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGSEGV);
        sigprocmask(SIG_BLOCK, &s, NULL);
        *badp = 1;
    } else if (!strcmp(c, "segv_ignored")) {
        signal(SIGSEGV, SIG_IGN);
        *badp = 1;
    } else if (!strcmp(c, "ill")) {
        __asm__ volatile(".word 0xc0001073");
    } else if (!strcmp(c, "trap")) {
        __asm__ volatile("ebreak");
    } else if (!strcmp(c, "pipe")) {
        int fds[2];
        pipe(fds);
        close(fds[0]);
        write(fds[1], "x", 1);
    } else if (!strcmp(c, "pipe_ign")) {
        int fds[2];
        signal(SIGPIPE, SIG_IGN);
        pipe(fds);
        close(fds[0]);
        int r = write(fds[1], "x", 1);
        printf("write=%d errno=%s\n", r, errno == EPIPE ? "EPIPE" : "?");
    } else if (!strcmp(c, "badframe")) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = corrupt;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGUSR1, &sa, NULL);
        raise(SIGUSR1);
    } else if (!strcmp(c, "external")) {
        /* The parent sends USR1 (caught), then INT (default: dies). */
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_ext;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGUSR1, &sa, NULL);
        sigaction(SIGSEGV, &sa, NULL);
        signal(SIGINT, SIG_DFL); /* a shell's background job starts with it ignored */
        printf("ready\n");
        for (;;)
            pause();
    } else if (!strcmp(c, "stop")) {
        printf("stopping\n");
        raise(SIGSTOP);
        printf("continued\n");
    } else if (!strcmp(c, "spin")) {
        printf("ready\n");
        for (volatile unsigned long i = 0;; i++)
            ;
    } else {
        return 99;
    }
    printf("still running\n");
    return 0;
}
