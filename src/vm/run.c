/* The top loop: runs the engine and handles every guest exit. Faults end
 * the process the way Linux's default action does (guest signal
 * delivery comes with the signal layer). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/log.h"
#include "cpu/interp.h"
#include "os/hostsig.h"
#include "os/syscall.h"
#include "vm/vm.h"

/* Ends rvx as if the guest had been killed by sig with its default
 * action: the parent sees WIFSIGNALED (a shell prints status 128+sig).
 * rvx itself must not dump core for the guest. */
static _Noreturn void die_by_signal(int sig)
{
    fflush(NULL);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

static void print_stats(struct vm *vm)
{
    const struct vm_stats *s = &vm->stats;
    fprintf(stderr,
            "rvx: stats: guest instructions %llu, blocks decoded %llu, "
            "instructions decoded %llu, block flushes %llu, syscalls %llu\n",
            (unsigned long long)vm->cpu->instret, (unsigned long long)s->blocks_decoded,
            (unsigned long long)s->insns_decoded, (unsigned long long)s->block_flushes,
            (unsigned long long)s->syscalls);
}

static _Noreturn void guest_crash(struct cpu *cpu, int sig, const char *name)
{
    fprintf(stderr, "rvx: guest %s at pc=0x%llx", name, (unsigned long long)cpu->pc);
    if (cpu->exit == EXIT_ILLEGAL)
        fprintf(stderr, " insn=0x%08x", cpu->fault_insn);
    else if (cpu->exit != EXIT_EBREAK)
        fprintf(stderr, " addr=0x%llx", (unsigned long long)cpu->fault_addr);
    fputc('\n', stderr);
    if (cpu->vm->opt.stats)
        print_stats(cpu->vm);
    die_by_signal(sig);
}

static void handle_ecall(struct vm *vm, struct cpu *cpu)
{
    cpu->pc += 4;
    cpu->exit = EXIT_NONE;
    vm->stats.syscalls++;
    sys_ecall(cpu);
    if (cpu->exit == EXIT_FLUSH)
        interp_flush(vm);
}

int vm_run(struct vm *vm)
{
    struct cpu *cpu = vm->cpu;
    hostsig_cpu = cpu;
    for (;;) {
        switch (interp_run(cpu)) {
        case EXIT_ECALL:
            handle_ecall(vm, cpu);
            if (cpu->exit == EXIT_HALT)
                goto halt;
            break;
        case EXIT_FLUSH:
            interp_flush(vm);
            break;
        case EXIT_HALT:
            goto halt;
        case EXIT_SEGV:
        case EXIT_FETCH:
            guest_crash(cpu, SIGSEGV, "SIGSEGV");
        case EXIT_BUS:
            guest_crash(cpu, SIGBUS, "SIGBUS");
        case EXIT_ILLEGAL:
            guest_crash(cpu, SIGILL, "SIGILL");
        case EXIT_EBREAK:
            guest_crash(cpu, SIGTRAP, "SIGTRAP");
        case EXIT_NONE:
            break;
        }
    }
halt:
    if (vm->opt.stats)
        print_stats(vm);
    return vm->exit_status;
}
