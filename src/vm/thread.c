/* Guest threads on host pthreads (see thread.h). A new thread gets a
 * copy of its parent's struct cpu, publishes its host tid the way the
 * kernel's CLONE_*_SETTID do before any guest code runs, joins the
 * vm's thread list and runs vm_run_cpu. The parent waits for that
 * handshake, so the tid it returns is already stored in guest memory
 * (glibc's pthread_join relies on pd->tid being set before the thread
 * can exit and clear it). */
#include "vm/thread.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_errno.h"
#include "base/check.h"
#include "mem/copy.h"
#include "os/futex.h"
#include "os/hostsig.h"
#include "os/signal.h"

static pthread_mutex_t thread_mutex = PTHREAD_MUTEX_INITIALIZER;

static int host_gettid(void) { return (int)syscall(SYS_gettid); }

void thread_init(struct vm *vm)
{
    if (vm->thread_lock)
        return;
    vm->thread_lock = &thread_mutex;
    vm->leader_status = -1;
    vm->cpu->tid = host_gettid();
    vm->cpu->thread_next = NULL;
    vm->threads = vm->cpu;
    vm->nthreads = 1;
}

void thread_lock(struct vm *vm)
{
    thread_init(vm);
    pthread_mutex_lock(vm->thread_lock);
}

void thread_unlock(struct vm *vm) { pthread_mutex_unlock(vm->thread_lock); }

static void thread_add(struct cpu *c)
{
    thread_lock(c->vm);
    c->thread_next = c->vm->threads;
    c->vm->threads = c;
    c->vm->nthreads++;
    thread_unlock(c->vm);
}

/* Unlinks c; returns the number of threads left. Caller holds the lock. */
static int thread_remove_locked(struct cpu *c)
{
    for (struct cpu **pp = &c->vm->threads; *pp; pp = &(*pp)->thread_next) {
        if (*pp == c) {
            *pp = c->thread_next;
            c->vm->nthreads--;
            break;
        }
    }
    return c->vm->nthreads;
}

struct cpu *thread_cpu_copy(const struct cpu *parent)
{
    struct cpu *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    memcpy(c, parent, sizeof *c);
    c->exit = EXIT_NONE;
    c->resv_valid = false;
    c->in_guest = false;
    c->interrupt = 0;
    memset(&c->sigpend, 0, sizeof c->sigpend); /* pending signals are not inherited */
    c->sig_saved_valid = false;
    c->altstack.sp = 0; /* the kernel clears sigaltstack for CLONE_VM children */
    c->altstack.flags = 2; /* SS_DISABLE */
    c->altstack.size = 0;
    c->jit = NULL;
    c->clear_child_tid = 0;
    c->robust_list = 0;
    c->thread_next = NULL;
    c->vfork_child = false;
    c->blk_fast = NULL;
    c->blk_fast_gen = 0;
    c->blk_seq = 0;
    c->blk_snap_batch = 0;
    c->tid = 0;
    return c;
}

struct thread_start {
    struct cpu *cpu;
    guest_addr ptid, ctid;
    int tid;        /* the child's, for the parent: the cpu may be gone */
    sem_t started;
};

/* The kernel's CLONE_PARENT_SETTID / CLONE_CHILD_SETTID stores; a bad
 * address is ignored as Linux ignores it. */
static void put_tid(struct vm *vm, guest_addr a, int tid)
{
    u32 v = (u32)tid;
    if (a)
        (void)copy_to_guest(vm, a, &v, 4);
}

static void *thread_main(void *arg)
{
    struct thread_start *st = arg;
    struct cpu *cpu = st->cpu;
    cpu->tid = host_gettid();
    hostsig_cpu = cpu;
    put_tid(cpu->vm, st->ptid, cpu->tid);
    put_tid(cpu->vm, st->ctid, cpu->tid);
    thread_add(cpu);
    st->tid = cpu->tid;
    sem_post(&st->started); /* st and, once it exits, cpu are gone */
    int status = vm_run_cpu(cpu);
    /* Only exit_group (or a fatal exit) comes back: end the process. */
    vm_exit(cpu->vm, status);
}

i64 thread_start(struct cpu *child, guest_addr ptid, guest_addr ctid)
{
    thread_init(child->vm);
    struct thread_start st = {.cpu = child, .ptid = ptid, .ctid = ctid};
    sem_init(&st.started, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    pthread_t t;
    int err = pthread_create(&t, &attr, thread_main, &st);
    pthread_attr_destroy(&attr);
    if (err) {
        sem_destroy(&st.started);
        return -RV_EAGAIN;
    }
    while (sem_wait(&st.started) && errno == EINTR)
        ;
    sem_destroy(&st.started);
    return st.tid;
}

struct vfork_start {
    struct cpu *cpu;
    guest_addr ctid;
};

/* The vfork child shares all of rvx's memory with the suspended parent
 * thread (its TLS too), like a C vfork child: it must leave with _exit
 * or a successful execve, never with exit(). */
static int vfork_main(void *arg)
{
    struct vfork_start *vs = arg;
    struct cpu *cpu = vs->cpu;
    cpu->tid = host_gettid();
    put_tid(cpu->vm, vs->ctid, cpu->tid);
    hostsig_cpu = cpu;
    _exit(vm_run_cpu(cpu));
}

i64 thread_vfork(struct cpu *child, int exit_signal, guest_addr ctid)
{
    struct vm *vm = child->vm;
    struct cpu *self = hostsig_cpu;
    const size_t stack_size = 1u << 20;
    u8 *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return -1;
    /* Signal dispositions are per process on Linux but live in the
     * shared vm here: keep the parent's across the child's changes. */
    __typeof__(vm->sigact) *saved = malloc(sizeof vm->sigact);
    if (!saved) {
        munmap(stack, stack_size);
        errno = ENOMEM;
        return -1;
    }
    memcpy(saved, vm->sigact, sizeof vm->sigact);
    child->vfork_child = true;
    thread_add(child);
    struct vfork_start vs = {child, ctid};
    int pid = clone(vfork_main, stack + stack_size, CLONE_VM | CLONE_VFORK | (exit_signal & 0xff),
                    &vs);
    int err = errno;
    hostsig_cpu = self;
    thread_lock(vm);
    thread_remove_locked(child);
    thread_unlock(vm);
    memcpy(vm->sigact, saved, sizeof vm->sigact);
    free(saved);
#ifdef __SANITIZE_ADDRESS__
    /* The child left by _exit with its frames still poisoned, and the
     * next mmap may return the same range. */
    __asan_unpoison_memory_region(stack, stack_size);
#endif
    munmap(stack, stack_size);
    free(child);
    errno = err;
    return pid;
}

/* The thread takes no more signals: disable its host alternate signal
 * stack (sanitizers would try to unmap it) and unmap it when it was
 * mmap'd by hostsig_thread_init (vm_run_cpu), i.e. for every thread
 * but the main one, whose stack is static (hostsig_init). */
static void thread_drop_altstack(bool owned)
{
    stack_t old, off = {.ss_flags = SS_DISABLE};
    if (sigaltstack(NULL, &old) || (old.ss_flags & SS_DISABLE) || sigaltstack(&off, NULL))
        return;
    if (owned)
        munmap(old.ss_sp, old.ss_size);
}

_Noreturn void thread_exit(struct cpu *cpu, int status)
{
    struct vm *vm = cpu->vm;
    if (cpu->vfork_child)
        _exit(status);
    /* No host signal may find this cpu once it is freed. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    futex_exit_release(cpu);
    thread_lock(vm);
    int left = thread_remove_locked(cpu);
    if (cpu == vm->cpu)
        vm->leader_status = status;
    int code = vm->leader_status >= 0 ? vm->leader_status : status;
    thread_unlock(vm);
    if (left == 0)
        vm_exit(vm, code);
    sig_thread_exit(cpu); /* before hostsig_cpu goes: nothing queues here now */
    hostsig_cpu = NULL;
    thread_drop_altstack(cpu != vm->cpu);
    /* Unlinked under the lock, so the block cache no longer clears it. */
    free(cpu->blk_fast);
    cpu->blk_fast = NULL;
    free(cpu->jit); /* the translator's per-thread tables: one calloc */
    cpu->jit = NULL;
    if (cpu != vm->cpu)
        free(cpu);
    pthread_exit(NULL);
}

/* The fork child has no thread but self: free the others' cpus (nothing
 * runs on them; left unlinked they would be leaks), except the static
 * main one (main.c). */
static void thread_free_others(struct vm *vm, struct cpu *self)
{
    for (struct cpu *c = vm->threads, *next; c; c = next) {
        next = c->thread_next;
        if (c == self)
            continue;
        free(c->blk_fast);
        c->blk_fast = NULL;
        free(c->jit);
        c->jit = NULL;
        if (c != vm->cpu)
            free(c);
    }
}

void thread_after_fork(struct vm *vm, struct cpu *self)
{
    pthread_mutex_init(&thread_mutex, NULL);
    vm->thread_lock = &thread_mutex;
    self->tid = host_gettid();
    if (vm->nthreads > 1)
        vm->forked_from_threads = true;
    thread_free_others(vm, self);
    self->thread_next = NULL;
    vm->threads = self;
    vm->nthreads = 1;
    if (self != vm->cpu) {
        /* The forking thread is the child's main thread now. */
        vm->cpu = self;
        vm->leader_status = -1;
    }
}
