/* strace-style logging of guest syscalls, signals and exit (see
 * strace.h). Arguments are shown per the syscall table's format letters
 * (abi/rv_syscall.def), refined here for the common calls whose flags
 * and enumerations strace decodes symbolically. Called by os/syscall.c
 * after each syscall, by the signal layer before each delivery and at
 * process exit. */
#include "tools/strace.h"

#include <string.h>
#include <unistd.h>

#include "abi/rv_errno.h"
#include "base/check.h"
#include "base/log.h"
#include "cpu/cpu.h"
#include "mem/copy.h"
#include "tools/strace_internal.h"
#include "vm/vm.h"

/* strace's default -s 32: data buffers longer than this end in "...". */
#define STRACE_STRLEN 32

/* Argument letters beyond the table's (f d u o x p s):
 *   O open flags   m mode, shown only after O_CREAT/O_TMPFILE
 *   P mmap prot    M mmap flags   F fcntl cmd (+ its argument)
 *   C clock id     A AT_* flags   a access mode   W lseek whence
 *   H sigprocmask how   S signal   E O_CLOEXEC/O_NONBLOCK flags
 *   X futex op     I ioctl request   V madvise advice   K clone flags
 *   b data read (length = result)   B data written (length = next arg)
 *   c string the call fills in (getcwd)   l path the call fills in, length = result   h bytes read, in hex (getrandom)
 *   t struct timespec passed in   T struct timespec filled in
 *   R rlimit resource   G getrandom flags */
static const struct {
    u16 nr;
    const char *fmt;
} strace_fmts[] = {
    {17, "cu"},    {24, "ffE"},    {25, "fF"},       {29, "fIx"},     {35, "fsA"},
    {48, "fsa"},   {56, "fsOm"},   {59, "pE"},       {62, "fdW"},     {63, "fbu"},
    {64, "fBu"},   {67, "fbud"},   {68, "fBud"},     {78, "fslu"},    {79, "fspA"},
    {98, "pXdtpd"}, {101, "tp"},   {113, "CT"},      {114, "CT"},      {115, "Cdtp"},
    {163, "Rp"},   {164, "Rp"},    {261, "dRpp"},    {278, "huG"},   {129, "dS"},
    {130, "dS"},   {131, "ddS"},   {134, "Sppu"},    {135, "Hppu"},   {214, "p"},
    {215, "pu"},   {220, "Kpppp"}, {222, "puPMfx"},  {226, "puP"},    {233, "puV"},
    {291, "fsAxp"}, {439, "fsaA"},
};

static const char *strace_fmt(u64 nr, const char *fmt)
{
    for (size_t i = 0; i < ARRAY_LEN(strace_fmts); i++)
        if (strace_fmts[i].nr == nr)
            return strace_fmts[i].fmt;
    return fmt;
}

/* Bytes as a C string literal, strace style: \n \t ..., other
 * non-printables in octal (three digits when a digit follows). */
static void put_quoted(struct sb *b, const u8 *s, size_t n, bool more, bool hex)
{
    sb_printf(b, "\"");
    for (size_t i = 0; i < n; i++) {
        u8 c = s[i];
        if (hex) {
            sb_printf(b, "\\x%02x", c);
            continue;
        }
        const char *esc = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\v' ? "\\v"
                        : c == '\f' ? "\\f" : c == '\r' ? "\\r" : NULL;
        if (esc)
            sb_printf(b, "%s", esc);
        else if (c == '"' || c == '\\')
            sb_printf(b, "\\%c", c);
        else if (c >= 0x20 && c < 0x7f)
            sb_printf(b, "%c", c);
        else if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7')
            sb_printf(b, "\\%03o", c);
        else
            sb_printf(b, "\\%o", c);
    }
    sb_printf(b, "\"%s", more ? "..." : "");
}

/* Guest buffer [a, a+len) as a quoted string, cut at STRACE_STRLEN. */
static void put_buf(struct sb *b, struct vm *vm, u64 a, i64 len, bool hex)
{
    u8 tmp[STRACE_STRLEN];
    size_t n = len > STRACE_STRLEN ? STRACE_STRLEN : (size_t)(len < 0 ? 0 : len);
    if (copy_from_guest(vm, tmp, a, n)) {
        sb_printf(b, "%#llx", (unsigned long long)a);
        return;
    }
    put_quoted(b, tmp, n, (i64)n < len, hex);
}

static void put_str(struct sb *b, struct vm *vm, u64 a)
{
    char s[1024];
    long n = a ? copy_str_from_guest(vm, s, a, sizeof s) : -1;
    if (n >= 0)
        put_quoted(b, (const u8 *)s, (size_t)n, false, false);
    else if (n == -RV_ENAMETOOLONG)
        put_quoted(b, (const u8 *)s, sizeof s - 1, true, false);
    else if (!a)
        sb_printf(b, "NULL");
    else
        sb_printf(b, "%#llx", (unsigned long long)a);
}

/* A path of known length the call wrote (readlinkat): shown whole. */
static void put_path(struct sb *b, struct vm *vm, u64 a, i64 len)
{
    u8 s[1024];
    size_t n = len < (i64)sizeof s ? (size_t)len : sizeof s;
    if (copy_from_guest(vm, s, a, n))
        sb_printf(b, "%#llx", (unsigned long long)a);
    else
        put_quoted(b, s, n, (i64)n < len, false);
}

void strace_ptr(struct sb *b, u64 v)
{
    if (v)
        sb_printf(b, "%#llx", (unsigned long long)v);
    else
        sb_printf(b, "NULL");
}

/* struct timespec (two 64-bit fields on riscv64). */
static void put_timespec(struct sb *b, struct vm *vm, u64 a)
{
    i64 ts[2];
    if (!a || copy_from_guest(vm, ts, a, sizeof ts))
        strace_ptr(b, a);
    else
        sb_printf(b, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts[0], (long long)ts[1]);
}

/* fcntl's third argument, which only some commands have. */
static void put_fcntl_arg(struct sb *b, u64 cmd, u64 v)
{
    switch ((u32)cmd) {
    case 1: case 3: case 9: case 11: case 1025: case 1032: case 1034: /* F_GET* */
        return;
    case 2: /* F_SETFD */
        sb_printf(b, ", %s", v == 1 ? "FD_CLOEXEC" : "0");
        if (v > 1)
            sb_printf(b, "|%#llx", (unsigned long long)(v & ~1ull));
        return;
    case 4: /* F_SETFL */
        sb_printf(b, ", ");
        sn_open_flags(b, v);
        return;
    case 5: case 6: case 7: case 36: case 37: case 38: case 15: case 16:
        sb_printf(b, ", ");
        strace_ptr(b, v);
        return;
    default:
        sb_printf(b, ", %d", (int)v);
    }
}

/* Appends argument i of the call, shown as kind k. */
static void put_arg(struct sb *b, struct cpu *cpu, char k, const u64 *a, int i, i64 ret)
{
    u64 v = a[i];
    switch (k) {
    case 'f': if ((i32)v == -100) sb_printf(b, "AT_FDCWD"); else sb_printf(b, "%d", (i32)v); break;
    case 'd': sb_printf(b, "%lld", (long long)v); break;
    case 'u': sb_printf(b, "%llu", (unsigned long long)v); break;
    case 'o': sb_printf(b, "%#llo", (unsigned long long)v); break;
    case 's': put_str(b, cpu->vm, v); break;
    case 'p': strace_ptr(b, v); break;
    case 'O': sn_open_flags(b, v); break;
    case 'm': sb_printf(b, "%#llo", (unsigned long long)v); break;
    case 'P': sn_prot(b, v); break;
    case 'M': sn_map_flags(b, v); break;
    case 'F': sn_fcntl_cmd(b, v); break;
    case 'C': sn_clock(b, v); break;
    case 'A': sn_at_flags(b, v); break;
    case 'a': sn_access_mode(b, v); break;
    case 'W': sn_whence(b, v); break;
    case 'H': sn_sigmask_how(b, v); break;
    case 'S': sn_signal(b, v); break;
    case 'E': sn_fd_flags(b, v); break;
    case 'X': sn_futex_op(b, v); break;
    case 'I': sn_ioctl_cmd(b, v); break;
    case 'V': sn_madvise(b, v); break;
    case 'K': sn_clone_flags(b, v); break;
    case 'b': case 'h':
        if (ret >= 0)
            put_buf(b, cpu->vm, v, ret, k == 'h');
        else
            strace_ptr(b, v);
        break;
    case 'B': put_buf(b, cpu->vm, v, (i64)a[i + 1], false); break;
    case 't': put_timespec(b, cpu->vm, v); break;
    case 'T': if (ret >= 0) put_timespec(b, cpu->vm, v); else strace_ptr(b, v); break;
    case 'R': sn_rlimit(b, v); break;
    case 'G': sn_getrandom_flags(b, v); break;
    case 'c': if (ret >= 0) put_str(b, cpu->vm, v); else strace_ptr(b, v); break;
    case 'l': if (ret >= 0) put_path(b, cpu->vm, v, ret); else strace_ptr(b, v); break;
    default: sb_printf(b, "%#llx", (unsigned long long)v); break;
    }
}

/* The arguments strace shows: an open mode only with O_CREAT or
 * O_TMPFILE, fcntl's third only for the commands that take one. */
static void put_args(struct sb *b, struct cpu *cpu, const char *fmt, const u64 *a, i64 ret)
{
    for (int i = 0; fmt[i] && i < 6; i++) {
        if (fmt[i] == 'm' && !(a[i - 1] & 0100) && (a[i - 1] & 020200000) != 020200000)
            break;
        if (i)
            sb_printf(b, ", ");
        put_arg(b, cpu, fmt[i], a, i, ret);
        if (fmt[i] == 'F') {
            put_fcntl_arg(b, a[i], a[i + 1]);
            break;
        }
    }
}

/* "[pid N] " while the process has more than one thread. */
/* Processes: like strace -f, lines carry "[pid TID] " once the program
 * has forked. strace_clone sets LOG_PID before a fork or vfork, so the
 * child has it from its first line and execve hands it on (-d pid);
 * the parent's own clone line is still printed bare, and the fork
 * child's return from clone (= 0) not at all, as strace shows them.
 * Unlike strace, the prefix stays when the other processes have gone. */
static __thread bool clone_bare, clone_pending;
/* A successful execve never returns: its line ("= 0") is made before
 * the call and printed by strace_exec just before the host execve. */
static __thread struct sb exec_line;
static __thread bool exec_ready;

static void put_call(struct sb *b, struct cpu *cpu, u64 nr, const char *name, const char *fmt,
                     const u64 *args, i64 ret);


/* A thread's exit does not come back to strace_syscall. */
static void thread_exit_line(struct cpu *cpu, const u64 *args)
{
    struct sb b;
    b.n = 0;
    b.buf[0] = 0;
    strace_prefix(&b, cpu);
    sb_printf(&b, "exit(%d) = ?", (int)args[0]);
    log_printf("%s\n", b.buf);
    b.n = 0;
    b.buf[0] = 0;
    strace_prefix(&b, cpu);
    sb_printf(&b, "+++ exited with %d +++", (int)(args[0] & 0xff));
    log_printf("%s\n", b.buf);
}

void strace_before(struct cpu *cpu, u64 nr, const char *name, const char *fmt,
                   const u64 *args)
{
    if (nr == 221 || nr == 281) { /* execve, execveat */
        exec_line.n = 0;
        exec_line.buf[0] = 0;
        strace_prefix(&exec_line, cpu);
        put_call(&exec_line, cpu, nr, name, fmt, args, 0);
        sb_printf(&exec_line, " = 0");
        exec_ready = true;
        return;
    }
    if (nr == 93) {
        if (cpu->vm->nthreads > 1 && !cpu->vfork_child)
            thread_exit_line(cpu, args);
        return;
    }
    if (nr != 220 && nr != 435) /* clone, clone3 */
        return;
    u64 flags = args[0];
    if (nr == 435 && copy_from_guest(cpu->vm, &flags, args[0], sizeof flags))
        return;
    if (flags & 0x00010000) /* CLONE_THREAD: tids are shown while threads run */
        return;
    clone_bare = !log_on(LOG_PID);
    clone_pending = true;
    log_mask |= LOG_PID;
}

void strace_prefix(struct sb *b, struct cpu *cpu)
{
    /* A vfork child runs on its parent's thread-local storage. */
    if (cpu && (!clone_bare || cpu->vfork_child) && (log_on(LOG_PID) || cpu->vm->nthreads > 1))
        sb_printf(b, "[pid %d] ", cpu->tid ? cpu->tid : gettid());
    else if (!cpu && log_on(LOG_PID))
        sb_printf(b, "[pid %d] ", gettid());
}

static void put_result(struct sb *b, struct cpu *cpu, u64 nr, const u64 *a, i64 ret)
{
    if (cpu->exit == EXIT_HALT && (nr == 93 || nr == 94)) {
        sb_printf(b, " = ?");
    } else if (ret < 0 && ret >= -4095) {
        sb_printf(b, " = -1 ");
        sn_errno(b, (int)-ret);
    } else if (nr == 214 || nr == 222 || nr == 216) { /* brk, mmap, mremap */
        sb_printf(b, " = %#llx", (unsigned long long)ret);
    } else if (nr == 25 && (u32)a[1] == 1) { /* F_GETFD */
        sb_printf(b, " = %#llx (flags %s)", (unsigned long long)ret,
                  ret & 1 ? "FD_CLOEXEC" : "0");
    } else if (nr == 25 && (u32)a[1] == 3) { /* F_GETFL */
        sb_printf(b, " = %#llx (flags ", (unsigned long long)ret);
        sn_open_flags(b, (u64)ret);
        sb_printf(b, ")");
    } else {
        sb_printf(b, " = %lld", (long long)ret);
    }
}

/* "name(args)" as strace shows the call. */
static void put_call(struct sb *b, struct cpu *cpu, u64 nr, const char *name, const char *fmt,
                     const u64 *args, i64 ret)
{
    if (fmt) {
        sb_printf(b, "%s(", name);
        put_args(b, cpu, strace_fmt(nr, fmt), args, ret);
    } else { /* not implemented: strace's way for a call it cannot decode */
        if (name)
            sb_printf(b, "%s(", name);
        else
            sb_printf(b, "syscall_%#llx(", (unsigned long long)nr);
        for (int i = 0; i < 6; i++)
            sb_printf(b, "%s%#llx", i ? ", " : "", (unsigned long long)args[i]);
    }
    sb_printf(b, ")");
}

void strace_syscall(struct cpu *cpu, u64 nr, const char *name, const char *fmt,
                    const u64 *args, i64 ret)
{
    struct sb b;
    b.n = 0;
    b.buf[0] = 0;
    bool fork_child = clone_pending && (nr == 220 || nr == 435) && !ret;
    clone_pending = false;
    exec_ready = false; /* an execve that returns failed */
    if (fork_child) {
        clone_bare = false;
        return;
    }
    strace_prefix(&b, cpu);
    clone_bare = false;
    put_call(&b, cpu, nr, name, fmt, args, ret);
    put_result(&b, cpu, nr, args, ret);
    log_printf("%s\n", b.buf);
    if (cpu->exit == EXIT_HALT && (nr == 93 || nr == 94))
        strace_exited(cpu->vm, cpu->vm->exit_status);
}

void strace_exec(void)
{
    if (exec_ready)
        log_printf("%s\n", exec_line.buf);
    exec_ready = false;
}
