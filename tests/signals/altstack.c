/* sigaltstack: a handler with SA_ONSTACK runs on the alternate stack;
 * while on it, sigaltstack reports SS_ONSTACK and refuses a change
 * (EPERM); a too-small stack is ENOMEM; a stack overflow's SIGSEGV is
 * caught on the alternate stack; SS_AUTODISARM disarms it in the
 * handler and the frame's uc_stack restores it on return. qemu-riscv64
 * ignores SS_AUTODISARM; these lines follow kernel/signal.c. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <ucontext.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif

static char alt[65536] __attribute__((aligned(16)));
static volatile int on_alt, ss_flags_in, eperm, uc_flags, depth;
static sigjmp_buf env;

static int inside(const void *p) { return (const char *)p >= alt && (const char *)p < alt + sizeof alt; }

static void on_usr1(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    char local;
    (void)sig; (void)si;
    on_alt = inside(&local);
    stack_t cur, nw = {.ss_sp = alt, .ss_size = sizeof alt};
    sigaltstack(NULL, &cur);
    ss_flags_in = cur.ss_flags;
    eperm = sigaltstack(&nw, NULL) == -1 && errno == EPERM;
    uc_flags = uc->uc_stack.ss_flags;
}

static void on_segv(int sig)
{
    char local;
    (void)sig;
    on_alt = inside(&local);
    siglongjmp(env, 1);
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(int n)
{
    volatile char buf[1024];
    buf[0] = (char)n;
    depth = n;
    return recurse(n + 1) + buf[0];
}

int main(void)
{
    stack_t ss = {.ss_sp = alt, .ss_size = 1024}, old;
    printf("small: %d errno=%s\n", sigaltstack(&ss, NULL), errno == ENOMEM ? "ENOMEM" : "?");
    sigaltstack(NULL, &old);
    printf("initial flags=%d\n", old.ss_flags);
    ss.ss_size = sizeof alt;
    printf("set: %d\n", sigaltstack(&ss, NULL));

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("handler: on_alt=%d flags=%d eperm=%d uc_stack.flags=%d\n", on_alt, ss_flags_in, eperm,
           uc_flags);
    sigaltstack(NULL, &old);
    printf("after: flags=%d sp_ok=%d size=%zu\n", old.ss_flags, old.ss_sp == alt, old.ss_size);

    /* SS_AUTODISARM: inside the handler the stack is disarmed. */
    ss.ss_flags = SS_AUTODISARM;
    sigaltstack(&ss, NULL);
    raise(SIGUSR1);
    printf("autodisarm: on_alt=%d flags=%d eperm=%d uc_stack.flags=%#x\n", on_alt, ss_flags_in,
           eperm, (unsigned)uc_flags);
    sigaltstack(NULL, &old);
    printf("after autodisarm: flags=%#x\n", (unsigned)old.ss_flags);
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);

    /* Stack overflow: only the alternate stack can run the handler. */
    struct rlimit rl = {1 << 20, 1 << 20};
    setrlimit(RLIMIT_STACK, &rl);
    signal(SIGSEGV, on_segv);
    sa.sa_handler = on_segv;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    on_alt = 0;
    if (!sigsetjmp(env, 1))
        recurse(0);
    printf("overflow caught: on_alt=%d deep=%d\n", on_alt, depth > 100);
    return 0;
}
