/* Logging by named channels chosen at run time (-d syscalls,unimp,exec,...
 * or RVX_LOG=...). Each channel test is one predictable branch when off.
 * Fatal errors print "rvx: <subject>: <reason>" and exit with a
 * documented code (see README, "Exit status"). */
#ifndef RVX_BASE_LOG_H
#define RVX_BASE_LOG_H

#include <stdio.h>

#include "base/types.h"

enum log_channel {
    LOG_SYSCALLS = 1u << 0, /* unknown syscalls, named once each */
    LOG_UNIMP = 1u << 1,    /* unimplemented syscalls and instructions */
    LOG_EXEC = 1u << 2,     /* each block executed */
    LOG_IN_ASM = 1u << 3,   /* each block as decoded */
    LOG_CPU = 1u << 4,      /* registers at each block */
    LOG_PAGE = 1u << 5,     /* guest mappings */
    LOG_STRACE = 1u << 6,   /* every syscall */
    LOG_STACKS = 1u << 7,   /* --profile=folded: each block to tools/stacks.c */
    LOG_PID = 1u << 8,      /* strace lines carry [pid N] (set by a fork) */
    LOG_OUT_ASM = 1u << 9,  /* host code of each translation */
};

/* Exit codes of rvx itself (the guest's own status passes through). */
enum {
    RVX_EXIT_USAGE = 2,     /* bad command line */
    RVX_EXIT_INTERNAL = 125, /* rvx failed: out of memory, internal error */
    RVX_EXIT_NOEXEC = 126,  /* file exists but cannot be run */
    RVX_EXIT_NOENT = 127,   /* program or its interpreter not found */
};

extern u32 log_mask;
extern FILE *log_file;

static inline bool log_on(enum log_channel ch) { return unlikely(log_mask & ch); }
void log_set_file(FILE *f);
/* Parses "syscalls,unimp,..."; returns false on an unknown name. */
bool log_parse(const char *spec);
/* The channels on now, as log_parse reads them ("in_asm,strace"). */
void log_spec(char *buf, size_t size);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* -dfilter: pc ranges that in_asm, exec and cpu are restricted to, as
 * QEMU writes them: "START..END" (END included), "START+LEN", "END-LEN",
 * comma separated. Returns false on a malformed spec. */
bool log_parse_filter(const char *spec);
extern bool log_filtering;
bool log_filter_match(u64 pc);
/* True if pc passes -dfilter (always, without one). */
static inline bool log_pc_ok(u64 pc) { return !log_filtering || log_filter_match(pc); }

/* Prints "rvx: <subject>: <reason>" and exits with code. */
_Noreturn void fatal(int code, const char *subject, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
