/* What strace.c, strace_signal.c and strace_names.c share: a line buffer and the
 * decoders of symbolic constants (guest values: asm-generic numbering,
 * which is also x86-64's for every constant decoded here). */
#ifndef RVX_TOOLS_STRACE_INTERNAL_H
#define RVX_TOOLS_STRACE_INTERNAL_H

#include "base/types.h"

/* One output line; overlong text is cut, never overflowed. */
struct sb {
    char buf[2048];
    size_t n;
};

void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct cpu;
/* "[pid TID] " when lines carry it (threads, or after a fork). */
void strace_prefix(struct sb *b, struct cpu *cpu);
/* A pointer as strace shows it: NULL or 0x... */
void strace_ptr(struct sb *b, u64 v);

/* Symbolic decoders: each appends v to b the way strace shows it. */
void sn_open_flags(struct sb *b, u64 v);  /* O_RDONLY|O_CLOEXEC */
void sn_fd_flags(struct sb *b, u64 v);    /* pipe2, dup3: O_CLOEXEC|O_NONBLOCK or 0 */
void sn_prot(struct sb *b, u64 v);        /* PROT_READ|PROT_WRITE, PROT_NONE */
void sn_map_flags(struct sb *b, u64 v);   /* MAP_PRIVATE|MAP_ANONYMOUS */
void sn_fcntl_cmd(struct sb *b, u64 v);   /* F_GETFL */
void sn_clock(struct sb *b, u64 v);       /* CLOCK_MONOTONIC */
void sn_at_flags(struct sb *b, u64 v);    /* AT_SYMLINK_NOFOLLOW, 0 */
void sn_access_mode(struct sb *b, u64 v); /* R_OK|W_OK, F_OK */
void sn_whence(struct sb *b, u64 v);      /* SEEK_SET */
void sn_sigmask_how(struct sb *b, u64 v); /* SIG_BLOCK */
void sn_futex_op(struct sb *b, u64 v);    /* FUTEX_WAIT_PRIVATE */
void sn_ioctl_cmd(struct sb *b, u64 v);   /* TCGETS */
void sn_madvise(struct sb *b, u64 v);     /* MADV_DONTNEED */
void sn_clone_flags(struct sb *b, u64 v); /* CLONE_VM|CLONE_FS|...|SIGCHLD */
void sn_rlimit(struct sb *b, u64 v);      /* RLIMIT_STACK */
void sn_getrandom_flags(struct sb *b, u64 v); /* GRND_NONBLOCK */
void sn_signal(struct sb *b, u64 v);      /* SIGINT, or the number */
void sn_errno(struct sb *b, int e);       /* ENOENT (No such file or directory) */
/* si_code for signal sig: SEGV_MAPERR, SI_USER ... (or the number). */
void sn_si_code(struct sb *b, int sig, int code);

#endif
