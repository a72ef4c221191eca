/* A thread made with raw clone3 (newer glibc creates threads this way)
 * and one with raw clone and CLONE_SETTLS: the child runs on its own
 * stack, sees tp = tls, stores to shared memory and exits with exit(93);
 * CLONE_CHILD_CLEARTID then clears the tid word and wakes the parent. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
               CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_SETTLS)

static volatile long flag;
static volatile int ctid, ptid;
static char stack1[65536] __attribute__((aligned(16)));
static char stack2[65536] __attribute__((aligned(16)));

/* In the child (a0 == 0): flag = tp, then exit(0). No stack is used. */
#define CHILD_PART \
    "bnez a0, 1f\n" \
    "sd tp, 0(s1)\n" \
    "li a0, 0\n" \
    "li a7, 93\n" \
    "ecall\n" \
    "1:\n"

static long raw_clone3(struct clone_args *ca)
{
    register long a0 __asm__("a0") = (long)ca;
    register long a1 __asm__("a1") = sizeof *ca;
    register long a7 __asm__("a7") = SYS_clone3;
    register volatile long *s1 __asm__("s1") = &flag;
    __asm__ volatile("ecall\n" CHILD_PART : "+r"(a0) : "r"(a1), "r"(a7), "r"(s1) : "memory");
    return a0;
}

static long raw_clone(unsigned long flags, void *sp, volatile int *pt, unsigned long tls,
                      volatile int *ct)
{
    register long a0 __asm__("a0") = (long)flags;
    register long a1 __asm__("a1") = (long)sp;
    register long a2 __asm__("a2") = (long)pt;
    register long a3 __asm__("a3") = (long)tls;
    register long a4 __asm__("a4") = (long)ct;
    register long a7 __asm__("a7") = SYS_clone;
    register volatile long *s1 __asm__("s1") = &flag;
    __asm__ volatile("ecall\n" CHILD_PART
                     : "+r"(a0)
                     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7), "r"(s1)
                     : "memory");
    return a0;
}

static void wait_cleared(void)
{
    int v;
    while ((v = ctid) != 0)
        syscall(SYS_futex, &ctid, FUTEX_WAIT, v, NULL, NULL, 0);
}

int main(void)
{
    struct clone_args ca;
    memset(&ca, 0, sizeof ca);
    ca.flags = FLAGS;
    ca.stack = (uintptr_t)stack1;
    ca.stack_size = sizeof stack1;
    ca.tls = 0x1234560;
    ca.parent_tid = (uintptr_t)&ptid;
    ca.child_tid = (uintptr_t)&ctid;
    ctid = -1;
    long tid = raw_clone3(&ca);
    if (tid < 0) {
        printf("clone3 failed\n");
        return 1;
    }
    wait_cleared();
    printf("clone3 thread: tid ok %d, tls seen %#lx, child_tid cleared %d\n",
           tid > 0 && ptid == tid && tid != getpid(), flag, ctid == 0);

    flag = 0;
    ctid = -1;
    tid = raw_clone(FLAGS, stack2 + sizeof stack2, &ptid, 0xabcdef0, &ctid);
    wait_cleared();
    printf("clone thread: tid ok %d, tls seen %#lx, child_tid cleared %d\n",
           tid > 0 && ptid == tid, flag, ctid == 0);

    memset(&ca, 0, sizeof ca);
    long r = syscall(SYS_clone3, &ca, 32);
    printf("clone3 size too small: %ld %s\n", r, strerrorname_np(errno));
    ca.flags = CLONE_THREAD; /* without CLONE_SIGHAND */
    r = syscall(SYS_clone3, &ca, sizeof ca);
    printf("clone3 CLONE_THREAD alone: %ld %s\n", r, strerrorname_np(errno));
    return 0;
}
