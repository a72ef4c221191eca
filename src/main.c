/* rvx [options] program [args...]: parse flags, build the vm, load the
 * program, run it, exit with its status. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "jit/jit.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "os/hostfd.h"
#include "os/hostsig.h"
#include "tools/binfmt.h"
#include "tools/gdbstub.h"
#include "tools/perf.h"
#include "tools/profile.h"
#include "vm/vm.h"

#define RVX_VERSION "0.1"

extern char **environ;

static const char usage[] =
    "usage: rvx [options] program [args...]\n"
    "Runs a RISC-V 64-bit Linux program (RV64GC, static or dynamic) on this machine.\n"
    "\n"
    "options:\n"
    "  -E VAR=VALUE          set VAR in the guest environment\n"
    "  -U VAR                remove VAR from the guest environment\n"
    "  -0 ARGV0              run the program with argv[0] = ARGV0\n"
    "  -L DIR                riscv64 sysroot for guest paths (RVX_LD_PREFIX;\n"
    "                        default /usr/riscv64-linux-gnu if it exists)\n"
    "  -d ITEMS              log channels, comma separated: syscalls, unimp,\n"
    "                        strace, pid, exec, in_asm, out_asm, cpu, page,\n"
    "                        all (RVX_LOG)\n"
    "  -D FILE               write the log to FILE instead of stderr\n"
    "  -dfilter RANGES       restrict in_asm, out_asm, exec, cpu to guest pcs:\n"
    "                        START..END, START+LEN, END-LEN, comma separated\n"
    "  --strace              same as -d strace\n"
    "  --interp              interpret only (no translation to x86-64)\n"
    "  --jit-threshold N     translate a block after N executions (default 4;\n"
    "                        0 = translate every block on first use)\n"
    "  --code-cache-size SIZE  translated-code cache, bytes or with K/M/G\n"
    "                        (default 64M); the oldest 8th evicted when full\n"
    "  --lockstep            check every translated block against the\n"
    "                        interpreter and stop at the first difference\n"
    "  --one-insn-per-block  decode blocks of one instruction (debugging)\n"
    "  --stats               print execution counters at exit\n"
    "  -g PORT               wait for gdb on TCP PORT (0: any free port) or\n"
    "                        -g unix:PATH on a unix socket (RVX_GDB)\n"
    "  --profile[=FILE]      print the functions (program and libraries) that\n"
    "                        ran the most guest instructions at exit, to\n"
    "                        stderr or FILE; --profile=folded:FILE writes\n"
    "                        call stacks for flame graphs instead\n"
    "  -perfmap              write /tmp/perf-PID.map for perf: host address,\n"
    "                        size and guest function of each translation\n"
    "  -jitdump              write /tmp/jit-PID.dump (perf's jitdump format)\n"
    "                        for perf record -k 1 and perf inject --jit\n"
    "  --binfmt[=PATH]       print the binfmt_misc registration line for\n"
    "                        rvx at PATH (default: this rvx) and exit\n"
    "  -h, --help            show this help\n"
    "  --version             print the version\n"
    "\n"
    "exit status: the guest's own; 128+N when the guest dies of signal N;\n"
    "2 bad option, 125 rvx failed, 126 program cannot be run, 127 not found.\n";

struct env_list {
    char **v;
    size_t n, cap;
};

static void env_push(struct env_list *e, char *s)
{
    if (e->n + 1 >= e->cap) {
        e->cap = e->cap ? 2 * e->cap : 64;
        e->v = realloc(e->v, e->cap * sizeof *e->v);
        if (!e->v)
            fatal(RVX_EXIT_INTERNAL, "environment", "out of memory");
    }
    e->v[e->n++] = s;
    e->v[e->n] = NULL;
}

/* Removes every VAR=... entry (name is "VAR" or "VAR=VALUE"). */
static void env_unset(struct env_list *e, const char *name)
{
    size_t len = strcspn(name, "=");
    size_t j = 0;
    for (size_t i = 0; i < e->n; i++)
        if (strncmp(e->v[i], name, len) || e->v[i][len] != '=')
            e->v[j++] = e->v[i];
    e->n = j;
    if (e->v)
        e->v[j] = NULL;
}

static _Noreturn void bad_option(const char *opt, const char *why)
{
    fprintf(stderr, "rvx: %s: %s\n%s", opt, why, usage);
    exit(RVX_EXIT_USAGE);
}

static const char *need_arg(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        bad_option(argv[*i], "option needs an argument");
    return argv[++*i];
}

/* A number, with an optional K/M/G suffix when units is set. */
static u64 parse_size(const char *opt, const char *s, bool units)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (end == s || errno || *s == '-')
        bad_option(opt, "expected a number");
    int shift = 0;
    if (units && *end) {
        const char *u = strchr("KMG", *end & ~0x20);
        if (!u || end[1])
            bad_option(opt, "expected a size such as 65536, 512K or 64M");
        shift = 10 * (int)(u - "KMG" + 1);
        end++;
    }
    if (*end || (shift && v >> (64 - shift)))
        bad_option(opt, "expected a number");
    return (u64)v << shift;
}

static const char *gdb_where; /* -g */

/* The -D file, on a high descriptor hidden from the guest (os/hostfd.h),
 * so the guest's fds are numbered as on Linux (its first open gets 3)
 * and it cannot write, close or dup over the log. */
static FILE *log_open(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return NULL;
    fd = hostfd_hide(fd);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        hostfd_forget(fd);
        close(fd);
    }
    return f;
}

static void set_log(const char *spec)
{
    if (!log_parse(spec))
        bad_option(spec, "unknown log channel");
}

/* Parses options; returns the index of the program name. */
static int parse_args(int argc, char **argv, struct vm *vm, struct env_list *env,
                      const char **argv0)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "-E")) {
            const char *kv = need_arg(argc, argv, &i);
            if (!strchr(kv, '='))
                bad_option(kv, "expected VAR=VALUE");
            env_unset(env, kv);
            env_push(env, (char *)kv);
        } else if (!strcmp(a, "-U")) {
            env_unset(env, need_arg(argc, argv, &i));
        } else if (!strcmp(a, "-0")) {
            *argv0 = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "-L")) {
            vm->opt.sysroot = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "-d")) {
            set_log(need_arg(argc, argv, &i));
        } else if (!strcmp(a, "-D")) {
            const char *path = need_arg(argc, argv, &i);
            FILE *f = log_open(path);
            if (!f)
                fatal(RVX_EXIT_USAGE, path, "cannot open log file");
            setvbuf(f, NULL, _IOLBF, 0);
            log_set_file(f);
        } else if (!strcmp(a, "--log-fd")) {
            /* Internal: an exec'd rvx inherits its parent's -D file
             * (os/sys_process.c), appending to the same open file. */
            int fd = atoi(need_arg(argc, argv, &i));
            FILE *f = fdopen(fd, "a");
            if (!f)
                fatal(RVX_EXIT_USAGE, "--log-fd", "bad descriptor");
            fcntl(fd, F_SETFD, FD_CLOEXEC);
            hostfd_register(fd);
            setvbuf(f, NULL, _IOLBF, 0);
            log_set_file(f);
        } else if (!strcmp(a, "--execfn")) {
            /* Internal: the program's name as the guest's execve gave
             * it, for AT_EXECFN (os/sys_process.c). */
            vm->opt.execfn = need_arg(argc, argv, &i);
        } else if (!strcmp(a, "-dfilter")) {
            const char *spec = need_arg(argc, argv, &i);
            if (!log_parse_filter(spec))
                bad_option(spec, "expected START..END, START+LEN or END-LEN");
        } else if (!strcmp(a, "-g")) {
            gdb_where = need_arg(argc, argv, &i);
            vm->opt.interp_only = true; /* the stub steps the interpreter */
        } else if (!strcmp(a, "--binfmt") || !strncmp(a, "--binfmt=", 9)) {
            if (binfmt_print(stdout, a[8] ? a + 9 : NULL))
                bad_option(a, "the interpreter path must be absolute, without ':'");
            exit(0);
        } else if (!strcmp(a, "--profile") || !strncmp(a, "--profile=", 10)) {
            vm->opt.profile = a[9] ? a + 10 : "-";
            if (!strncmp(vm->opt.profile, "folded:", 7)) /* tools/profile.h */
                log_mask |= LOG_STACKS;
            if (!*vm->opt.profile || !strcmp(vm->opt.profile, "folded:"))
                bad_option(a, "needs a file name (- for stderr)");
            vm->opt.interp_only = true; /* only the interpreter counts blocks */
        } else if (!strcmp(a, "-perfmap") || !strcmp(a, "--perfmap")) {
            vm->opt.perfmap = true;
        } else if (!strcmp(a, "-jitdump") || !strcmp(a, "--jitdump")) {
            vm->opt.jitdump = true;
        } else if (!strcmp(a, "--strace")) {
            log_mask |= LOG_STRACE;
        } else if (!strcmp(a, "--interp")) {
            vm->opt.interp_only = true;
        } else if (!strcmp(a, "--jit-threshold")) {
            vm->opt.jit_threshold = parse_size(a, need_arg(argc, argv, &i), false);
            vm->opt.jit_threshold_set = true;
        } else if (!strcmp(a, "--code-cache-size")) {
            vm->opt.code_cache_size = parse_size(a, need_arg(argc, argv, &i), true);
            if (vm->opt.code_cache_size < (64u << 10) || vm->opt.code_cache_size > (1ull << 31))
                bad_option(a, "size must be between 64K and 2G");
        } else if (!strcmp(a, "--lockstep")) {
            vm->opt.lockstep = true;
        } else if (!strcmp(a, "--one-insn-per-block")) {
            vm->opt.one_insn = true;
        } else if (!strcmp(a, "--stats")) {
            vm->opt.stats = true;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            puts("rvx " RVX_VERSION);
            exit(0);
        } else {
            bad_option(a, "unknown option");
        }
    }
    if (i >= argc) {
        fputs(usage, stderr);
        exit(RVX_EXIT_USAGE);
    }
    return i;
}

/* QEMU_LOG: the channels rvx knows; QEMU's others (int, guest_errors,
 * ...) are ignored rather than refused. */
static void log_parse_known(const char *spec)
{
    char item[64];
    while (*spec) {
        size_t n = strcspn(spec, ",");
        if (n < sizeof item) {
            memcpy(item, spec, n);
            item[n] = 0;
            log_parse(item);
        }
        spec += n + (spec[n] == ',');
    }
}

/* RVX_NAME, else the QEMU_NAME users of qemu-riscv64 already set. */
static const char *env_opt(const char *rvx, const char *qemu)
{
    const char *s = getenv(rvx);
    if (!s || !*s)
        s = getenv(qemu);
    return s && *s ? s : NULL;
}

static void read_env_options(struct vm *vm)
{
    const char *s = getenv("RVX_LOG");
    if (s && *s)
        set_log(s);
    else if ((s = getenv("QEMU_LOG")))
        log_parse_known(s);
    s = env_opt("RVX_STRACE", "QEMU_STRACE");
    if (s && strcmp(s, "0"))
        log_mask |= LOG_STRACE;
    s = env_opt("RVX_LD_PREFIX", "QEMU_LD_PREFIX");
    if (s)
        vm->opt.sysroot = s;
    s = env_opt("RVX_GDB", "QEMU_GDB");
    if (s) {
        gdb_where = s;
        vm->opt.interp_only = true;
    }
}

int main(int argc, char **argv)
{
    static struct vm vm;
    static struct cpu cpu;
    static struct env_list env; /* static: lives as long as the guest */
    const char *argv0 = NULL;

    for (char **e = environ; *e; e++)
        env_push(&env, *e);
    read_env_options(&vm);
    int prog = parse_args(argc, argv, &vm, &env, &argv0);
    if (!env.v)
        env_push(&env, NULL), env.n = 0;

    const char *path = argv[prog];
    char **gargv = &argv[prog];
    if (argv0)
        gargv[0] = (char *)argv0;

    vm.cpu = &cpu;
    cpu.vm = &vm;
    hostsig_init();
    int err = mem_init(&vm.mem, GUEST_SPACE_DEFAULT);
    if (err)
        fatal(RVX_EXIT_INTERNAL, "guest address space", "cannot reserve %llu GiB: %s",
              (unsigned long long)(GUEST_SPACE_DEFAULT >> 30), strerror(-err));
    if (!vm.opt.interp_only)
        jit_init(&vm);
    if (vm.opt.perfmap || vm.opt.jitdump)
        perf_start(&vm); /* tools/perf.h */
    if (vm.opt.profile)
        profile_start(&vm); /* tools/profile.h */
    loader_load(&vm, path, gargv, env.v);
    fflush(stdout);
    if (gdb_where)
        gdbstub_start(&vm, gdb_where);
    vm_exit(&vm, vm_run(&vm));
}
