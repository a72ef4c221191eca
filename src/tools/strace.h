/* --strace (-d strace, RVX_STRACE=1): the guest's syscalls, signals and
 * exit in strace's own format, on the log (stderr or -D FILE):
 *
 *   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *   openat(AT_FDCWD, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory)
 *   --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---
 *   +++ exited with 0 +++
 *
 * Lines get a "[pid TID] " prefix while the guest has more than one
 * thread. Each line is formatted whole and written with one call, so
 * threads do not interleave inside a line. Callers test
 * log_on(LOG_STRACE) first. */
#ifndef RVX_TOOLS_STRACE_H
#define RVX_TOOLS_STRACE_H

#include "base/types.h"

struct cpu;
struct vm;
struct rv_siginfo;

/* One finished syscall: nr, its name (NULL if unknown) and argument
 * format (one letter per argument; NULL if rvx does not implement it), the arguments as the guest passed them
 * and the result the guest gets (-RV_E* for an error). An exit that ends
 * the process (cpu->exit == EXIT_HALT) prints "= ?" and the exit line. */
void strace_syscall(struct cpu *cpu, u64 nr, const char *name, const char *fmt,
                    const u64 *args, i64 ret);

/* A signal about to be delivered to the guest (handler or default
 * action): "--- SIGx {si_signo=..., si_code=..., ...} ---". */
/* Before each call runs (sys_ecall, with --strace; only clone, clone3,
 * exit, execve and execveat matter): a new process turns on the
 * [pid N] prefix; a thread's exit is shown (it does not return); an
 * execve's line is made ready. */
void strace_before(struct cpu *cpu, u64 nr, const char *name, const char *fmt,
                   const u64 *args);
/* The process is about to be replaced (host execve): the execve line,
 * "= 0", as strace shows a successful one. */
void strace_exec(void);
void strace_signal(struct cpu *cpu, const struct rv_siginfo *si);

/* A fault signal the guest does not catch, just before it kills:
 * the same "--- SIGx {...} ---" line with si_addr. */
void strace_fault(struct cpu *cpu, int sig, int code, u64 addr);

/* The process ends: "+++ exited with N +++" or "+++ killed by SIGx +++". */
void strace_exited(struct vm *vm, int status);
void strace_killed(struct vm *vm, int sig);

/* Name of guest signal n ("SIGSEGV", "SIGRT_3"), for other tools too. */
const char *strace_signame(int sig, char buf[16]);

#endif
