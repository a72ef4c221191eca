/* Process syscalls: fork and vfork (from clone), execve, execveat,
 * wait4, waitid and prctl.
 *
 * fork is a host fork: the child is a copy of this rvx, guest memory
 * included, and continues after the ecall with a0 = 0. execve runs the
 * new program under a new rvx (this executable, /proc/self/exe, with the
 * same options and -0 for the guest's argv[0]), so pipelines and
 * subprocesses work without binfmt_misc. The target is checked first,
 * so ENOENT, EACCES and ENOEXEC come back to the guest as on Linux:
 *   riscv64 ELF        -> a new rvx runs it (engine, log, sysroot and
 *                         --stats options and the -D file kept; -g and
 *                         --profile not)
 *   "#!" script        -> its interpreter, by the same rules (4 levels)
 *   another machine's ELF (the host's /bin/sh, ...) -> run natively:
 *     a deliberate compatibility choice, what qemu-riscv64 does, so
 *     system() and popen() work when the sysroot has no riscv64 shell
 *   anything else      -> ENOEXEC
 * Children are rvx processes whose exit status mirrors their guest's,
 * so wait4/waitid pass through unchanged. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi/rv_misc.h"
#include "abi/rv_thread.h"
#include "base/log.h"
#include "cpu/block.h"
#include "os/hostsig.h"
#include "os/safe_syscall.h"
#include "jit/jit.h"
#include "os/path.h"
#include "os/process.h"
#include "os/sys_impl.h"
#include "tools/strace.h"
#include "vm/thread.h"

#define EXEC_MAX_STRLEN (32 * 4096)   /* MAX_ARG_STRLEN */
#define EXEC_MAX_STRINGS 0x7fffffff
#define EXEC_HDR 256                  /* BINPRM_BUF_SIZE */
#define EXEC_MAX_DEPTH 4              /* BINPRM_MAX_RECURSION */
#define EM_RISCV_ 243

static void put_u32(struct vm *vm, guest_addr a, u32 v)
{
    if (a)
        (void)copy_to_guest(vm, a, &v, 4);
}

i64 process_fork(struct cpu *cpu, const struct clone_req *r)
{
    struct vm *vm = cpu->vm;
    fflush(NULL);
    /* No other thread may hold these across the fork: the child would
     * inherit them locked with no owner to unlock them. */
    mem_lock(&vm->mem);
    block_fork_prepare(vm);
    thread_lock(vm);
    /* Host signals stay blocked across the fork so that the child can
     * empty the queues it copied before any of its own arrive. */
    u64 mask = hostsig_block_all();
    jit_fork_prepare(vm);
    pid_t pid = fork();
    int err = errno;
    if (pid == 0) {
        thread_after_fork(vm, cpu);
        /* The child starts with no pending signals (fork(2)); a thread
         * that held the queue lock at the fork is not in it. */
        vm->sig_lock = 0;
        memset(&cpu->sigpend, 0, sizeof cpu->sigpend);
        memset(&vm->sigpend, 0, sizeof vm->sigpend);
        cpu->interrupt = 0;
        hostsig_set_mask(mask);
        block_fork_child(vm);
        mem_fork_child(&vm->mem);
        jit_fork_child(vm);
        if (r->sp)
            cpu->x[2] = r->sp;
        if (r->flags & RV_CLONE_SETTLS)
            cpu->x[4] = r->tls;
        if (r->flags & RV_CLONE_CHILD_SETTID)
            put_u32(vm, r->ctid, (u32)cpu->tid);
        /* Like copy_process: no robust list, clear_child_tid only if asked. */
        cpu->robust_list = 0;
        cpu->clear_child_tid = (r->flags & RV_CLONE_CHILD_CLEARTID) ? r->ctid : 0;
        return 0;
    }
    hostsig_set_mask(mask);
    jit_fork_parent(vm);
    thread_unlock(vm);
    block_fork_parent(vm);
    mem_unlock(&vm->mem);
    if (pid < 0)
        return -errno_to_guest(err);
    if (r->flags & RV_CLONE_PARENT_SETTID)
        put_u32(vm, r->ptid, (u32)pid);
    return pid;
}

i64 process_vfork(struct cpu *cpu, const struct clone_req *r)
{
    struct cpu *c = clone_child_cpu(cpu, r);
    if (!c)
        return -RV_ENOMEM;
    if (r->flags & RV_CLONE_PARENT_SETTID)
        put_u32(cpu->vm, r->ptid, 0); /* filled in below; the child may read it */
    i64 pid = thread_vfork(c, r->exit_signal,
                           (r->flags & RV_CLONE_CHILD_SETTID) ? r->ctid : 0);
    if (pid < 0)
        return -errno_to_guest(errno);
    if (r->flags & RV_CLONE_PARENT_SETTID)
        put_u32(cpu->vm, r->ptid, (u32)pid);
    return pid;
}

/* A growing NULL-terminated array of owned strings. */
struct strv {
    char **v;
    size_t n, cap;
};

static bool strv_push(struct strv *s, char *str)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return false;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = str;
    s->v[s->n] = NULL;
    return true;
}

static bool strv_dup(struct strv *s, const char *str)
{
    char *d = strdup(str);
    if (d && strv_push(s, d))
        return true;
    free(d);
    return false;
}

static void strv_free(struct strv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Copies the guest's argv or envp (a NULL pointer is an empty list). */
static int strv_from_guest(struct vm *vm, guest_addr v, struct strv *out)
{
    char *buf = malloc(EXEC_MAX_STRLEN);
    int err = buf ? 0 : -RV_ENOMEM;
    for (u64 i = 0; v && !err; i++) {
        u64 p;
        if (copy_from_guest(vm, &p, v + 8 * i, 8)) {
            err = -RV_EFAULT;
            break;
        }
        if (!p)
            break;
        long n = copy_str_from_guest(vm, buf, p, EXEC_MAX_STRLEN);
        if (n < 0)
            err = n == -RV_ENAMETOOLONG ? -RV_E2BIG : (int)n;
        else if (i >= EXEC_MAX_STRINGS || !strv_dup(out, buf))
            err = -RV_E2BIG;
    }
    free(buf);
    if (!err && !out->v && !(out->v = calloc(1, sizeof *out->v)))
        err = -RV_ENOMEM;
    return err;
}

enum exec_kind { EXEC_RISCV, EXEC_SCRIPT, EXEC_NATIVE };

/* Opens and classifies the host file the way execve would check it. */
static int exec_probe(const char *host, char *hdr, enum exec_kind *kind)
{
    int fd = open(host, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno_to_guest(errno);
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || faccessat(AT_FDCWD, host, X_OK, AT_EACCESS)) {
        close(fd);
        return -RV_EACCES;
    }
    memset(hdr, 0, EXEC_HDR + 1);
    ssize_t n = read(fd, hdr, EXEC_HDR);
    close(fd);
    if (n >= 2 && hdr[0] == '#' && hdr[1] == '!') {
        *kind = EXEC_SCRIPT;
        return 0;
    }
    if (n < 20 || memcmp(hdr, "\177ELF", 4))
        return -RV_ENOEXEC;
    u16 machine = (u8)hdr[18] | (u16)(u8)hdr[19] << 8;
    if (machine != EM_RISCV_) {
        *kind = EXEC_NATIVE;
        return 0;
    }
    if (hdr[4] != 2) /* ELFCLASS64: a riscv64 kernel cannot run rv32 */
        return -RV_ENOEXEC;
    *kind = EXEC_RISCV;
    return 0;
}

/* Splits a "#!" line into interpreter and optional argument, like the
 * kernel's load_script: one argument, surrounding blanks removed. */
static int script_parse(char *hdr, char **interp, char **arg)
{
    char *p = hdr + 2, *end = strchr(p, '\n');
    if (!end)
        end = p + strlen(p);
    *end = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    char *e = end;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = 0;
    if (!*p)
        return -RV_ENOEXEC;
    *interp = p;
    p += strcspn(p, " \t");
    *arg = NULL;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p)
            *arg = p;
    }
    return 0;
}

/* The rvx command line for the new program: the options this rvx runs
 * with, then --execfn name -0 argv0 -- host-path args... (execfn: the
 * name the guest gave execve, its AT_EXECFN). */
static bool exec_rvx_argv(const struct vm *vm, const char *host, const char *execfn, char **argv,
                          struct strv *out)
{
    char spec[160], num[32];
    log_spec(spec, sizeof spec);
    bool ok = strv_dup(out, "rvx");
    if (vm->opt.sysroot)
        ok = ok && strv_dup(out, "-L") && strv_dup(out, vm->opt.sysroot);
    if (*spec)
        ok = ok && strv_dup(out, "-d") && strv_dup(out, spec);
    /* -D FILE: the new rvx appends to the same open file. */
    int lfd = log_file && log_file != stderr ? fileno(log_file) : -1;
    if (lfd >= 0 && fcntl(lfd, F_SETFD, 0) == 0) {
        snprintf(num, sizeof num, "%d", lfd);
        ok = ok && strv_dup(out, "--log-fd") && strv_dup(out, num);
    }
    if (vm->opt.interp_only)
        ok = ok && strv_dup(out, "--interp");
    if (vm->opt.one_insn)
        ok = ok && strv_dup(out, "--one-insn-per-block");
    if (vm->opt.stats)
        ok = ok && strv_dup(out, "--stats");
    if (vm->opt.lockstep)
        ok = ok && strv_dup(out, "--lockstep");
    if (vm->opt.jit_threshold_set) {
        snprintf(num, sizeof num, "%llu", (unsigned long long)vm->opt.jit_threshold);
        ok = ok && strv_dup(out, "--jit-threshold") && strv_dup(out, num);
    }
    if (vm->opt.code_cache_size) {
        snprintf(num, sizeof num, "%llu", (unsigned long long)vm->opt.code_cache_size);
        ok = ok && strv_dup(out, "--code-cache-size") && strv_dup(out, num);
    }
    ok = ok && strv_dup(out, "--execfn") && strv_dup(out, execfn);
    ok = ok && strv_dup(out, "-0") && strv_dup(out, argv[0] ? argv[0] : "");
    ok = ok && strv_dup(out, "--") && strv_dup(out, host);
    for (size_t i = 1; ok && argv[0] && argv[i]; i++)
        ok = strv_dup(out, argv[i]);
    return ok;
}

/* Replaces this process; returns only on failure (-RV_E*). */
static int exec_host(const char *file, char **argv, char **envp)
{
    if (log_on(LOG_STRACE))
        strace_exec(); /* tools/strace.h: the line of a successful execve */
    fflush(NULL);
    execve(file, argv, envp);
    return -errno_to_guest(errno);
}

/* Resolves, checks and runs guest file name with argv/envp. execfn is
 * the name the guest's execve gave (the script's, for an interpreter). */
static int exec_run(struct vm *vm, const char *name, const char *execfn, const char *host,
                    struct strv *argv, char **envp, int depth)
{
    char hdr[EXEC_HDR + 1];
    enum exec_kind kind = EXEC_RISCV;
    int err = exec_probe(host, hdr, &kind);
    if (err)
        return err;
    if (kind == EXEC_NATIVE)
        return exec_host(host, argv->v, envp);
    if (kind == EXEC_RISCV) {
        struct strv rv = {0};
        err = exec_rvx_argv(vm, host, execfn, argv->v, &rv) ? exec_host("/proc/self/exe", rv.v, envp)
                                                    : -RV_ENOMEM;
        strv_free(&rv);
        return err;
    }
    if (depth >= EXEC_MAX_DEPTH)
        return -RV_ELOOP;
    char *interp, *arg, ihost[PATH_MAX];
    if ((err = script_parse(hdr, &interp, &arg)))
        return err;
    if (path_resolve(vm, interp, ihost))
        return -RV_ENAMETOOLONG;
    /* argv becomes: interp [arg] name argv[1..] */
    struct strv nv = {0};
    bool ok = strv_dup(&nv, interp) && (!arg || strv_dup(&nv, arg)) && strv_dup(&nv, name);
    for (size_t i = 1; ok && argv->n && i < argv->n; i++)
        ok = strv_dup(&nv, argv->v[i]);
    err = ok ? exec_run(vm, interp, execfn, ihost, &nv, envp, depth + 1) : -RV_ENOMEM;
    strv_free(&nv);
    return err;
}

static int exec_common(struct cpu *cpu, const char *name, const char *host, guest_addr gargv,
                       guest_addr genvp)
{
    struct strv argv = {0}, envp = {0};
    int err = strv_from_guest(cpu->vm, gargv, &argv);
    if (!err)
        err = strv_from_guest(cpu->vm, genvp, &envp);
    if (!err)
        err = exec_run(cpu->vm, name, name, host, &argv, envp.v, 0);
    strv_free(&argv);
    strv_free(&envp);
    return err;
}

i64 sys_execve(struct cpu *cpu, const u64 *a)
{
    char name[PATH_MAX], host[PATH_MAX];
    long n = copy_str_from_guest(cpu->vm, name, a[0], sizeof name);
    if (n < 0)
        return n;
    int err = sys_path(cpu->vm, a[0], host);
    if (err)
        return err;
    return exec_common(cpu, name, host, a[1], a[2]);
}

/* execveat(dirfd, path, argv, envp, flags): a relative path or
 * AT_EMPTY_PATH names the file through the fd, as /dev/fd/N[/path]
 * (the name Linux gives the program in that case). */
i64 sys_execveat(struct cpu *cpu, const u64 *a)
{
    int dirfd = sys_fd(a[0]), flags = (int)a[4];
    char name[PATH_MAX], host[PATH_MAX];
    if (flags & ~(RV_AT_EMPTY_PATH | 0x100 /* AT_SYMLINK_NOFOLLOW */))
        return -RV_EINVAL;
    long n = copy_str_from_guest(cpu->vm, name, a[1], sizeof name);
    if (n < 0)
        return n;
    if (name[0] == '/' || dirfd == RV_AT_FDCWD) {
        int err = sys_path(cpu->vm, a[1], host);
        if (err)
            return err;
    } else if (!name[0] && !(flags & RV_AT_EMPTY_PATH)) {
        return -RV_ENOENT;
    } else {
        char rel[PATH_MAX];
        snprintf(rel, sizeof rel, "%s", name);
        if (snprintf(host, sizeof host, "/proc/self/fd/%d%s%s", dirfd, *rel ? "/" : "", rel) >=
                (int)sizeof host ||
            snprintf(name, sizeof name, "/dev/fd/%d%s%s", dirfd, *rel ? "/" : "", rel) >=
                (int)sizeof name)
            return -RV_ENAMETOOLONG;
        if (fcntl(dirfd, F_GETFD) < 0)
            return -RV_EBADF;
    }
    if ((flags & 0x100) && !(flags & RV_AT_EMPTY_PATH && !name[0])) {
        struct stat st;
        if (!lstat(host, &st) && S_ISLNK(st.st_mode))
            return -RV_ELOOP;
    }
    return exec_common(cpu, name, host, a[2], a[3]);
}

/* wait4(pid, status, options, rusage): status and rusage have the same
 * layout, and a child's status is its guest's, so the host call is the
 * guest's. */
i64 sys_wait4(struct cpu *cpu, const u64 *a)
{
    void *status, *ru;
    if (!sys_opt(cpu->vm, a[1], 4, PAGE_W, &status) ||
        !sys_opt(cpu->vm, a[3], sizeof(struct rusage), PAGE_W, &ru))
        return -RV_EFAULT;
    block_offline(cpu, true);
    long r = safe_syscall(SYS_wait4, (pid_t)a[0], status, (int)a[2], ru);
    block_offline(cpu, false);
    return sys_host(r);
}

/* waitid(idtype, id, infop, options, rusage): siginfo_t is 128 bytes on
 * both, with the same CLD_* fields. */
i64 sys_waitid(struct cpu *cpu, const u64 *a)
{
    void *info, *ru;
    if (!sys_opt(cpu->vm, a[2], 128, PAGE_W, &info) ||
        !sys_opt(cpu->vm, a[4], sizeof(struct rusage), PAGE_W, &ru))
        return -RV_EFAULT;
    block_offline(cpu, true);
    long r = safe_syscall(SYS_waitid, (int)a[0], (pid_t)a[1], info, (int)a[3], ru);
    block_offline(cpu, false);
    return sys_host(r);
}

/* Like the kernel's strncpy_from_user into comm: at most 15 bytes, a
 * longer name is truncated, a bad pointer is EFAULT. */
static int prctl_name_from_guest(struct vm *vm, char *name, guest_addr p)
{
    int i;
    for (i = 0; i < RV_TASK_COMM_LEN - 1; i++) {
        if (copy_from_guest(vm, &name[i], p + i, 1)) {
            if (i == 0)
                return -RV_EFAULT;
            break;
        }
        if (!name[i])
            return 0;
    }
    name[i] = 0;
    return 0;
}

/* Options with an int result written through arg2. */
static i64 prctl_get_int(struct cpu *cpu, int host_op, guest_addr out)
{
    int v = 0;
    if (prctl(host_op, &v, 0, 0, 0))
        return sys_host(-1);
    return copy_to_guest(cpu->vm, out, &v, 4) ? -RV_EFAULT : 0;
}

/* The options that are about this process or thread pass through (the
 * values are the same); those that would describe rvx's own memory map
 * or need guest pointers the host cannot follow say EINVAL, which is
 * what a kernel says to an option it does not have. */
i64 sys_prctl(struct cpu *cpu, const u64 *a)
{
    char name[RV_TASK_COMM_LEN];
    int op = (int)a[0];
    switch (op) {
    case RV_PR_SET_NAME:
        if (prctl_name_from_guest(cpu->vm, name, a[1]))
            return -RV_EFAULT;
        return sys_host(prctl(PR_SET_NAME, name));
    case RV_PR_GET_NAME:
        if (prctl(PR_GET_NAME, name))
            return sys_host(-1);
        return copy_to_guest(cpu->vm, a[1], name, sizeof name) ? -RV_EFAULT : 0;
    case RV_PR_GET_PDEATHSIG:
        return prctl_get_int(cpu, PR_GET_PDEATHSIG, a[1]);
    case RV_PR_GET_CHILD_SUBREAPER:
        return prctl_get_int(cpu, PR_GET_CHILD_SUBREAPER, a[1]);
    case RV_PR_GET_TID_ADDRESS:
        return copy_to_guest(cpu->vm, a[1], &cpu->clear_child_tid, 8) ? -RV_EFAULT : 0;
    case RV_PR_SET_PDEATHSIG: case RV_PR_GET_DUMPABLE: case RV_PR_SET_DUMPABLE:
    case RV_PR_GET_KEEPCAPS: case RV_PR_SET_KEEPCAPS: case RV_PR_GET_TIMERSLACK:
    case RV_PR_SET_TIMERSLACK: case RV_PR_CAPBSET_READ: case RV_PR_GET_SECCOMP:
    case RV_PR_SET_CHILD_SUBREAPER: case RV_PR_SET_NO_NEW_PRIVS:
    case RV_PR_GET_NO_NEW_PRIVS: case RV_PR_SET_THP_DISABLE: case RV_PR_GET_THP_DISABLE:
        return sys_host(prctl(op, (unsigned long)a[1], (unsigned long)a[2],
                              (unsigned long)a[3], (unsigned long)a[4]));
    default:
        return -RV_EINVAL;
    }
}
