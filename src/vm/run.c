/* The top loop: runs the engine and handles every guest exit. Syscalls
 * go to os/syscall.c; faults become guest signals (os/signal.c), and a
 * fault the guest does not catch ends rvx with that signal's default
 * action after the "rvx: guest SIG... at pc=" line; pending signals are
 * delivered after each syscall and when the engine leaves on
 * cpu->interrupt (EXIT_INTERRUPT). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "cpu/interp.h"
#include "jit/jit.h"
#include "os/hostsig.h"
#include "os/signal.h"
#include "os/syscall.h"
#include "tools/gdbstub.h"
#include "tools/profile.h"
#include "tools/strace.h"
#include "vm/vm.h"

static void print_stats(struct vm *vm)
{
    const struct vm_stats *s = &vm->stats;
    fprintf(stderr,
            "rvx: stats: guest instructions %llu, blocks decoded %llu, "
            "instructions decoded %llu, block flushes %llu, syscalls %llu\n",
            (unsigned long long)vm->cpu->instret, (unsigned long long)s->blocks_decoded,
            (unsigned long long)s->insns_decoded, (unsigned long long)s->block_flushes,
            (unsigned long long)s->syscalls);
    jit_print_stats(vm);
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
    if (log_on(LOG_STRACE)) { /* tools/strace.h */
        strace_fault(cpu, sig, cpu->fault_code,
                     cpu->exit == EXIT_ILLEGAL || cpu->exit == EXIT_EBREAK ? cpu->pc
                                                                          : cpu->fault_addr);
        strace_killed(cpu->vm, sig);
    }
    sig_default_die(sig);
    abort(); /* not reached: a fault signal's default action kills */
}

/* A synchronous fault: the guest's handler, or death as on Linux when
 * the signal is not caught, blocked or ignored (force_sig_fault). */
static void guest_fault(struct cpu *cpu, int sig, const char *name)
{
    if (!sig_fault_caught(cpu, sig))
        guest_crash(cpu, sig, name);
    sig_fault(cpu, sig, cpu->fault_code,
              cpu->exit == EXIT_ILLEGAL || cpu->exit == EXIT_EBREAK ? cpu->pc
                                                                   : cpu->fault_addr);
}

static void handle_ecall(struct vm *vm, struct cpu *cpu)
{
    /* A signal that came before the ecall runs first; the handler
     * returns to the ecall. This narrows the window in which a signal
     * arrives too late to interrupt a blocking host call (see
     * docs/internals.md). */
    if (cpu->interrupt) {
        sig_deliver(cpu, NULL);
        return;
    }
    struct sig_syscall sc = {cpu->x[17], {0}};
    memcpy(sc.a, &cpu->x[10], sizeof sc.a);
    cpu->pc += 4;
    cpu->exit = EXIT_NONE;
    vm->stats.syscalls++;
    sys_ecall(cpu);
    if (cpu->exit == EXIT_FLUSH)
        interp_flush(vm);
    if (cpu->interrupt && cpu->exit != EXIT_HALT)
        sig_deliver(cpu, sc.nr == 139 ? NULL : &sc); /* sigreturn: no restart */
}

int vm_run(struct vm *vm)
{
    sig_init(vm);
    return vm_run_cpu(vm->cpu);
}

_Noreturn void vm_exit(struct vm *vm, int status)
{
    fflush(NULL);
    if (vm->forked_from_threads)
        _exit(status);
    exit(status);
}

int vm_run_cpu(struct cpu *cpu)
{
    struct vm *vm = cpu->vm;
    if (cpu != vm->cpu && !cpu->vfork_child)
        hostsig_thread_init(); /* a new host thread has no alternate stack */
    hostsig_cpu = cpu;
    for (;;) {
        switch (vm->gdb ? gdbstub_run(cpu) : interp_run(cpu)) { /* tools/gdbstub.h */
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
            guest_fault(cpu, SIGSEGV, "SIGSEGV");
            break;
        case EXIT_BUS:
            guest_fault(cpu, SIGBUS, "SIGBUS");
            break;
        case EXIT_ILLEGAL:
            guest_fault(cpu, SIGILL, "SIGILL");
            break;
        case EXIT_EBREAK:
            guest_fault(cpu, SIGTRAP, "SIGTRAP");
            break;
        case EXIT_INTERRUPT:
        case EXIT_NONE:
            break;
        }
        if (cpu->interrupt)
            sig_deliver(cpu, NULL);
    }
halt:
    if (vm->gdb)
        gdbstub_exited(vm, vm->exit_status);
    if (vm->opt.stats)
        print_stats(vm);
    if (vm->opt.profile)
        profile_report(vm); /* tools/profile.h */
    return vm->exit_status;
}
