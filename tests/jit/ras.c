/* Guest calls and returns whose frames do not pair up, for the
 * translator's return-address prediction (host call/ret frames, a
 * bounded stack of them): recursion far deeper than that bound, longjmp
 * out of nested calls in a loop, the same recursion in a thread, a callee that returns past its call
 * site by changing ra, mutual recursion through function pointers (jalr
 * calls), and coroutines switching stacks with swapcontext. Each result
 * is checked against a value computed without calls; exits 0 when all
 * agree. Prints the results and the instructions retired (rdinstret,
 * outside the thread's part), which tests/jit/run.sh compares across
 * engines. */
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

static int failures;

static void check(const char *what, uint64_t got, uint64_t want)
{
    printf("%s %llu\n", what, (unsigned long long)got);
    if (got != want) {
        printf("FAIL %s: got %llu, want %llu\n", what, (unsigned long long)got,
               (unsigned long long)want);
        failures++;
    }
}

/* The empty asm keeps the result live across the call, so the compiler
 * cannot turn the recursion into a loop. */
#define OPAQUE(x) __asm__ volatile("" : "+r"(x))

static __attribute__((noinline)) uint64_t deep(uint64_t n)
{
    if (n == 0)
        return 1;
    uint64_t r = deep(n - 1);
    OPAQUE(r);
    return r * 3 + n;
}

static uint64_t deep_ref(uint64_t n)
{
    uint64_t r = 1;
    for (uint64_t k = 1; k <= n; k++)
        r = r * 3 + k;
    return r;
}

/* In a thread: rvx runs guest threads on 1 MiB host stacks, which
 * 100000 unbounded host frames would overflow. */
static void *deep_thread(void *arg)
{
    uint64_t n = (uint64_t)(uintptr_t)arg;
    return (void *)(uintptr_t)(deep(n) == deep_ref(n));
}

static jmp_buf jump;

static __attribute__((noinline)) int dive(int n, int k)
{
    if (n < 0)
        return k;
    if (n == 0)
        longjmp(jump, k + 1);
    int r = dive(n - 1, k);
    OPAQUE(r);
    return r + 1;
}

static __attribute__((noinline)) uint64_t longjmp_loop(void)
{
    volatile uint64_t jumped = 0;
    for (volatile int i = 0; i < 20000; i++) {
        int v = setjmp(jump);
        if (v == 0)
            dive(i % 70, i);
        else
            jumped += (uint64_t)v;
    }
    return jumped;
}

/* ras_skip returns 4 bytes past its call site: the addi after the call
 * is skipped. norvc: both instructions are 4 bytes. */
__asm__(".text\n.option push\n.option norvc\n.globl ras_skip\nras_skip:\n"
        "  addi ra, ra, 4\n  ret\n.option pop\n");

static __attribute__((noinline)) long skip_once(void)
{
    long r;
    __asm__ volatile(".option push\n.option norvc\n"
                     "  li %0, 0\n  call ras_skip\n  addi %0, %0, 1\n  addi %0, %0, 2\n"
                     ".option pop"
                     : "=&r"(r) : : "ra", "memory");
    return r;
}

typedef uint64_t (*fn)(uint64_t);
static uint64_t ping(uint64_t n);
static uint64_t pong(uint64_t n);
static fn volatile table[2] = { ping, pong };

static __attribute__((noinline)) uint64_t ping(uint64_t n)
{
    if (n == 0)
        return 7;
    uint64_t r = table[1](n - 1);
    OPAQUE(r);
    return r * 5 + n;
}

static __attribute__((noinline)) uint64_t pong(uint64_t n)
{
    if (n == 0)
        return 11;
    uint64_t r = table[0](n - 1);
    OPAQUE(r);
    return r ^ (n << 3);
}

static uint64_t pingpong_ref(uint64_t n)
{
    /* Unwound from the bottom: level k's caller has n - k left. */
    uint64_t r = (n & 1) ? 11 : 7;
    for (uint64_t left = 1; left <= n; left++) {
        /* the function at depth n - left runs with argument left; it
         * is ping when that depth is even (the outermost call is ping) */
        if ((n - left) % 2 == 0)
            r = r * 5 + left;
        else
            r = r ^ (left << 3);
    }
    return r;
}

static ucontext_t main_ctx, co_ctx;
static uint64_t co_stack[8192];
static volatile uint64_t co_value;

static void coroutine(void)
{
    for (uint64_t k = 0;; k++) {
        co_value = deep(k % 40);
        swapcontext(&co_ctx, &main_ctx);
    }
}

static __attribute__((noinline)) void coroutines(void)
{
    getcontext(&co_ctx);
    co_ctx.uc_stack.ss_sp = co_stack;
    co_ctx.uc_stack.ss_size = sizeof co_stack;
    co_ctx.uc_link = &main_ctx;
    makecontext(&co_ctx, coroutine, 0);
    uint64_t sum = 0, want = 0;
    for (uint64_t k = 0; k < 3000; k++) {
        swapcontext(&main_ctx, &co_ctx);
        sum += co_value + deep(k % 25);
        want += deep_ref(k % 40) + deep_ref(k % 25);
    }
    check("coroutine", sum, want);
}

static inline uint64_t instret(void)
{
    uint64_t n;
    __asm__ volatile("rdinstret %0" : "=r"(n));
    return n;
}

int main(void)
{
    uint64_t start = instret();

    uint64_t sum = 0, want = 0;
    for (int k = 0; k < 20; k++) {
        sum += deep(30000 + k);
        want += deep_ref(30000 + k);
    }
    check("deep", sum, want);

    uint64_t counted = instret() - start; /* joining is not deterministic */
    pthread_t th;
    void *ok = NULL;
    if (pthread_create(&th, NULL, deep_thread, (void *)(uintptr_t)100000) == 0)
        pthread_join(th, &ok);
    check("deep-thread", (uint64_t)(uintptr_t)ok, 1);
    start = instret();

    check("longjmp", longjmp_loop(), 20000ull * 20001 / 2);

    long skipped = 0;
    for (int i = 0; i < 5000; i++)
        skipped += skip_once();
    check("skip", (uint64_t)skipped, 10000);

    sum = want = 0;
    for (uint64_t n = 0; n < 300; n++) {
        sum += ping(n * 17);
        want += pingpong_ref(n * 17);
    }
    check("pingpong", sum, want);

    coroutines();

    printf("instret %llu\n", (unsigned long long)(counted + instret() - start));
    return failures != 0;
}
