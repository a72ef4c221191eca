/* Symbolic names for strace lines: flag sets and enumerations of the
 * common syscalls, signals, si_codes and errno. Values are the guest's
 * (asm-generic; linux: include/uapi/asm-generic/{fcntl,mman-common,
 * signal,siginfo,errno-base,errno}.h, uapi/linux/{time,futex,sched}.h).
 * errno numbers are also the host's, so names and texts come from libc. */
#include "tools/strace_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/check.h"
#include "tools/strace.h"

struct name {
    u64 v;
    const char *n;
};

void sb_printf(struct sb *b, const char *fmt, ...)
{
    if (b->n >= sizeof b->buf - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(b->buf + b->n, sizeof b->buf - b->n, fmt, ap);
    va_end(ap);
    if (r > 0)
        b->n += (size_t)r < sizeof b->buf - b->n ? (size_t)r : sizeof b->buf - 1 - b->n;
}

/* A|B|C for the set bits of v the table names (first match wins, so
 * multi-bit values go first), then any rest in hex; zero as "zero". */
static void sn_flags(struct sb *b, const struct name *t, size_t n, u64 v, const char *zero)
{
    bool any = false;
    for (size_t i = 0; i < n && v; i++) {
        if ((v & t[i].v) == t[i].v) {
            sb_printf(b, "%s%s", any ? "|" : "", t[i].n);
            v &= ~t[i].v;
            any = true;
        }
    }
    if (v)
        sb_printf(b, "%s%#llx", any ? "|" : "", (unsigned long long)v);
    else if (!any)
        sb_printf(b, "%s", zero);
}

/* The name of value v, else v as a number (decimal, or hex when hex). */
static void sn_enum(struct sb *b, const struct name *t, size_t n, u64 v, bool hex)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i].v == v) {
            sb_printf(b, "%s", t[i].n);
            return;
        }
    }
    if (hex)
        sb_printf(b, "%#llx", (unsigned long long)v);
    else
        sb_printf(b, "%lld", (long long)v);
}

#define FLAGS(b, t, v, zero) sn_flags(b, t, ARRAY_LEN(t), v, zero)
#define ENUM(b, t, v, hex) sn_enum(b, t, ARRAY_LEN(t), v, hex)

static const struct name open_bits[] = {
    {0100, "O_CREAT"},           {0200, "O_EXCL"},        {0400, "O_NOCTTY"},
    {01000, "O_TRUNC"},          {02000, "O_APPEND"},     {04000, "O_NONBLOCK"},
    {04010000, "O_SYNC"},        {010000, "O_DSYNC"},     {020000, "O_ASYNC"},
    {040000, "O_DIRECT"},        {0100000, "O_LARGEFILE"}, {020200000, "O_TMPFILE"},
    {0200000, "O_DIRECTORY"},    {0400000, "O_NOFOLLOW"}, {01000000, "O_NOATIME"},
    {02000000, "O_CLOEXEC"},     {010000000, "O_PATH"},
};

void sn_open_flags(struct sb *b, u64 v)
{
    static const char *const acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    v &= 0xffffffff;
    sb_printf(b, "%s", acc[v & 3]);
    if (v & ~3ull) {
        sb_printf(b, "|");
        FLAGS(b, open_bits, v & ~3ull, "");
    }
}

void sn_fd_flags(struct sb *b, u64 v)
{
    static const struct name t[] = {{02000000, "O_CLOEXEC"}, {04000, "O_NONBLOCK"},
                                    {0200000, "O_DIRECT"}};
    FLAGS(b, t, v, "0");
}

void sn_prot(struct sb *b, u64 v)
{
    static const struct name t[] = {{1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"},
                                    {0x01000000, "PROT_GROWSDOWN"},
                                    {0x02000000, "PROT_GROWSUP"}};
    FLAGS(b, t, v, "PROT_NONE");
}

void sn_map_flags(struct sb *b, u64 v)
{
    static const char *const type[] = {"0", "MAP_SHARED", "MAP_PRIVATE",
                                       "MAP_SHARED_VALIDATE"};
    static const struct name t[] = {
        {0x10, "MAP_FIXED"},         {0x20, "MAP_ANONYMOUS"},  {0x100, "MAP_GROWSDOWN"},
        {0x800, "MAP_DENYWRITE"},    {0x1000, "MAP_EXECUTABLE"}, {0x2000, "MAP_LOCKED"},
        {0x4000, "MAP_NORESERVE"},   {0x8000, "MAP_POPULATE"}, {0x10000, "MAP_NONBLOCK"},
        {0x20000, "MAP_STACK"},      {0x40000, "MAP_HUGETLB"}, {0x80000, "MAP_SYNC"},
        {0x100000, "MAP_FIXED_NOREPLACE"},
    };
    v &= 0xffffffff;
    if ((v & 0xf) < 4)
        sb_printf(b, "%s", type[v & 0xf]);
    else
        sb_printf(b, "%#llx", (unsigned long long)(v & 0xf));
    if (v & ~0xfull) {
        sb_printf(b, "|");
        FLAGS(b, t, v & ~0xfull, "");
    }
}

void sn_fcntl_cmd(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0, "F_DUPFD"},     {1, "F_GETFD"},     {2, "F_SETFD"},     {3, "F_GETFL"},
        {4, "F_SETFL"},     {5, "F_GETLK"},     {6, "F_SETLK"},     {7, "F_SETLKW"},
        {8, "F_SETOWN"},    {9, "F_GETOWN"},    {10, "F_SETSIG"},   {11, "F_GETSIG"},
        {15, "F_SETOWN_EX"}, {16, "F_GETOWN_EX"}, {36, "F_OFD_GETLK"},
        {37, "F_OFD_SETLK"}, {38, "F_OFD_SETLKW"}, {1024, "F_SETLEASE"},
        {1025, "F_GETLEASE"}, {1026, "F_NOTIFY"}, {1030, "F_DUPFD_CLOEXEC"},
        {1031, "F_SETPIPE_SZ"}, {1032, "F_GETPIPE_SZ"}, {1033, "F_ADD_SEALS"},
        {1034, "F_GET_SEALS"},
    };
    ENUM(b, t, (u32)v, false);
}

void sn_clock(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0, "CLOCK_REALTIME"},        {1, "CLOCK_MONOTONIC"},
        {2, "CLOCK_PROCESS_CPUTIME_ID"}, {3, "CLOCK_THREAD_CPUTIME_ID"},
        {4, "CLOCK_MONOTONIC_RAW"},   {5, "CLOCK_REALTIME_COARSE"},
        {6, "CLOCK_MONOTONIC_COARSE"}, {7, "CLOCK_BOOTTIME"},
        {8, "CLOCK_REALTIME_ALARM"},  {9, "CLOCK_BOOTTIME_ALARM"}, {11, "CLOCK_TAI"},
    };
    ENUM(b, t, (u64)(i64)(i32)v, false);
}

void sn_at_flags(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_REMOVEDIR"},
        {0x400, "AT_SYMLINK_FOLLOW"},   {0x800, "AT_NO_AUTOMOUNT"},
        {0x1000, "AT_EMPTY_PATH"},      {0x6000, "AT_STATX_DONT_SYNC"},
        {0x2000, "AT_STATX_FORCE_SYNC"},
    };
    FLAGS(b, t, v & 0xffffffff, "0");
}

void sn_access_mode(struct sb *b, u64 v)
{
    static const struct name t[] = {{4, "R_OK"}, {2, "W_OK"}, {1, "X_OK"}};
    FLAGS(b, t, v & 0xffffffff, "F_OK");
}

void sn_whence(struct sb *b, u64 v)
{
    static const struct name t[] = {{0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"},
                                    {3, "SEEK_DATA"}, {4, "SEEK_HOLE"}};
    ENUM(b, t, (u32)v, false);
}

void sn_sigmask_how(struct sb *b, u64 v)
{
    static const struct name t[] = {{0, "SIG_BLOCK"}, {1, "SIG_UNBLOCK"}, {2, "SIG_SETMASK"}};
    ENUM(b, t, (u32)v, false);
}

void sn_futex_op(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0, "FUTEX_WAIT"},   {1, "FUTEX_WAKE"},       {2, "FUTEX_FD"},
        {3, "FUTEX_REQUEUE"}, {4, "FUTEX_CMP_REQUEUE"}, {5, "FUTEX_WAKE_OP"},
        {6, "FUTEX_LOCK_PI"}, {7, "FUTEX_UNLOCK_PI"},  {8, "FUTEX_TRYLOCK_PI"},
        {9, "FUTEX_WAIT_BITSET"}, {10, "FUTEX_WAKE_BITSET"}, {11, "FUTEX_WAIT_REQUEUE_PI"},
        {12, "FUTEX_CMP_REQUEUE_PI"}, {13, "FUTEX_LOCK_PI2"},
    };
    u32 op = (u32)v;
    ENUM(b, t, op & 127, false);
    if (op & 128)
        sb_printf(b, "_PRIVATE");
    if (op & 256)
        sb_printf(b, "|FUTEX_CLOCK_REALTIME");
    if (op & ~383u)
        sb_printf(b, "|%#x", op & ~383u);
}

void sn_ioctl_cmd(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0x5401, "TCGETS"},     {0x5402, "TCSETS"},     {0x5403, "TCSETSW"},
        {0x5404, "TCSETSF"},    {0x540b, "TCFLSH"},     {0x540e, "TIOCSCTTY"},
        {0x540f, "TIOCGPGRP"},  {0x5410, "TIOCSPGRP"},  {0x5413, "TIOCGWINSZ"},
        {0x5414, "TIOCSWINSZ"}, {0x541b, "FIONREAD"},   {0x5421, "FIONBIO"},
        {0x5450, "FIONCLEX"},   {0x5451, "FIOCLEX"},    {0x5452, "FIOASYNC"},
    };
    ENUM(b, t, (u32)v, true);
}

void sn_madvise(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0, "MADV_NORMAL"},   {1, "MADV_RANDOM"},   {2, "MADV_SEQUENTIAL"},
        {3, "MADV_WILLNEED"}, {4, "MADV_DONTNEED"}, {8, "MADV_FREE"},
        {9, "MADV_REMOVE"},   {10, "MADV_DONTFORK"}, {11, "MADV_DOFORK"},
        {12, "MADV_MERGEABLE"}, {14, "MADV_HUGEPAGE"}, {15, "MADV_NOHUGEPAGE"},
        {16, "MADV_DONTDUMP"}, {17, "MADV_DODUMP"},
    };
    ENUM(b, t, (u32)v, false);
}

void sn_clone_flags(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0x100, "CLONE_VM"},          {0x200, "CLONE_FS"},
        {0x400, "CLONE_FILES"},       {0x800, "CLONE_SIGHAND"},
        {0x1000, "CLONE_PIDFD"},      {0x2000, "CLONE_PTRACE"},
        {0x4000, "CLONE_VFORK"},      {0x8000, "CLONE_PARENT"},
        {0x10000, "CLONE_THREAD"},    {0x20000, "CLONE_NEWNS"},
        {0x40000, "CLONE_SYSVSEM"},   {0x80000, "CLONE_SETTLS"},
        {0x100000, "CLONE_PARENT_SETTID"}, {0x200000, "CLONE_CHILD_CLEARTID"},
        {0x400000, "CLONE_DETACHED"}, {0x800000, "CLONE_UNTRACED"},
        {0x1000000, "CLONE_CHILD_SETTID"},
    };
    char sig[16];
    u64 low = v & 0xff;
    FLAGS(b, t, v & ~0xffull, "");
    if (low)
        sb_printf(b, "%s%s", v & ~0xffull ? "|" : "", strace_signame((int)low, sig));
    else if (!(v & ~0xffull))
        sb_printf(b, "0");
}

void sn_rlimit(struct sb *b, u64 v)
{
    static const struct name t[] = {
        {0, "RLIMIT_CPU"},   {1, "RLIMIT_FSIZE"},  {2, "RLIMIT_DATA"},    {3, "RLIMIT_STACK"},
        {4, "RLIMIT_CORE"},  {5, "RLIMIT_RSS"},    {6, "RLIMIT_NPROC"},   {7, "RLIMIT_NOFILE"},
        {8, "RLIMIT_MEMLOCK"}, {9, "RLIMIT_AS"},   {10, "RLIMIT_LOCKS"},  {11, "RLIMIT_SIGPENDING"},
        {12, "RLIMIT_MSGQUEUE"}, {13, "RLIMIT_NICE"}, {14, "RLIMIT_RTPRIO"}, {15, "RLIMIT_RTTIME"},
    };
    ENUM(b, t, (u32)v, false);
}

void sn_getrandom_flags(struct sb *b, u64 v)
{
    static const struct name t[] = {{1, "GRND_NONBLOCK"}, {2, "GRND_RANDOM"},
                                    {4, "GRND_INSECURE"}};
    FLAGS(b, t, v & 0xffffffff, "0");
}

static const char *const signames[32] = {
    NULL,       "SIGHUP",  "SIGINT",  "SIGQUIT", "SIGILL",    "SIGTRAP", "SIGABRT",
    "SIGBUS",   "SIGFPE",  "SIGKILL", "SIGUSR1", "SIGSEGV",   "SIGUSR2", "SIGPIPE",
    "SIGALRM",  "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
    "SIGTTIN",  "SIGTTOU", "SIGURG",  "SIGXCPU", "SIGXFSZ",   "SIGVTALRM", "SIGPROF",
    "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

const char *strace_signame(int sig, char buf[16])
{
    if (sig > 0 && sig < 32)
        return signames[sig];
    if (sig >= 32 && sig <= 64)
        snprintf(buf, 16, "SIGRT_%d", sig - 32);
    else
        snprintf(buf, 16, "%d", sig);
    return buf;
}

void sn_signal(struct sb *b, u64 v)
{
    char buf[16];
    if (v == 0) {
        sb_printf(b, "0");
        return;
    }
    sb_printf(b, "%s", strace_signame((int)(i32)v, buf));
}

void sn_errno(struct sb *b, int e)
{
    const char *name = strerrorname_np(e);
    if (name)
        sb_printf(b, "%s (%s)", name, strerror(e));
    else if (e >= 512 && e <= 516) /* kernel-internal restart codes */
        sb_printf(b, "%s", (const char *[]){"ERESTARTSYS", "ERESTARTNOINTR",
                                            "ERESTARTNOHAND", "ENOIOCTLCMD",
                                            "ERESTART_RESTARTBLOCK"}[e - 512]);
    else
        sb_printf(b, "errno %d", e);
}

/* si_code names by signal (asm-generic/siginfo.h); codes <= 0 and 0x80
 * are the sender kinds common to every signal. */
void sn_si_code(struct sb *b, int sig, int code)
{
    static const struct name common[] = {
        {0, "SI_USER"},    {0x80, "SI_KERNEL"}, {(u64)-1, "SI_QUEUE"}, {(u64)-2, "SI_TIMER"},
        {(u64)-3, "SI_MESGQ"}, {(u64)-4, "SI_ASYNCIO"}, {(u64)-5, "SI_SIGIO"},
        {(u64)-6, "SI_TKILL"},
    };
    static const char *const segv[] = {"SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR",
                                       "SEGV_PKUERR"};
    static const char *const bus[] = {"BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR"};
    static const char *const ill[] = {"ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
                                      "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK"};
    static const char *const fpe[] = {"FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF",
                                      "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB"};
    static const char *const trap[] = {"TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT"};
    static const char *const chld[] = {"CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
                                       "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED"};
    const char *const *t = NULL;
    int n = 0;
    switch (sig) {
    case 11: t = segv, n = ARRAY_LEN(segv); break;
    case 7: t = bus, n = ARRAY_LEN(bus); break;
    case 4: t = ill, n = ARRAY_LEN(ill); break;
    case 8: t = fpe, n = ARRAY_LEN(fpe); break;
    case 5: t = trap, n = ARRAY_LEN(trap); break;
    case 17: t = chld, n = ARRAY_LEN(chld); break;
    }
    if (t && code >= 1 && code <= n) {
        sb_printf(b, "%s", t[code - 1]);
        return;
    }
    ENUM(b, common, (u64)(i64)code, false);
}
