/* rvx [options] program [args...]: parse flags, build the vm, load the
 * program, run it, exit with its status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "os/hostsig.h"
#include "vm/vm.h"

#define RVX_VERSION "0.1"

extern char **environ;

static const char usage[] =
    "usage: rvx [options] program [args...]\n"
    "Runs a RISC-V 64-bit Linux program (RV64GC, static) on this machine.\n"
    "\n"
    "options:\n"
    "  -E VAR=VALUE          set VAR in the guest environment\n"
    "  -U VAR                remove VAR from the guest environment\n"
    "  -0 ARGV0              run the program with argv[0] = ARGV0\n"
    "  -L DIR                riscv64 sysroot for guest paths (RVX_LD_PREFIX)\n"
    "  -d ITEMS              log channels, comma separated: syscalls, unimp,\n"
    "                        strace, exec, in_asm, cpu, page, all (RVX_LOG)\n"
    "  -D FILE               write the log to FILE instead of stderr\n"
    "  --strace              same as -d strace\n"
    "  --interp              interpret only (the only engine for now)\n"
    "  --one-insn-per-block  decode blocks of one instruction (debugging)\n"
    "  --stats               print execution counters at exit\n"
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
            FILE *f = fopen(path, "w");
            if (!f)
                fatal(RVX_EXIT_USAGE, path, "cannot open log file");
            setvbuf(f, NULL, _IOLBF, 0);
            log_set_file(f);
        } else if (!strcmp(a, "--strace")) {
            log_mask |= LOG_STRACE;
        } else if (!strcmp(a, "--interp")) {
            vm->opt.interp_only = true;
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

static void read_env_options(struct vm *vm)
{
    const char *s = getenv("RVX_LOG");
    if (s && *s)
        set_log(s);
    if (getenv("RVX_STRACE") && strcmp(getenv("RVX_STRACE"), "0"))
        log_mask |= LOG_STRACE;
    s = getenv("RVX_LD_PREFIX");
    if (s && *s)
        vm->opt.sysroot = s;
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
    loader_load(&vm, path, gargv, env.v);
    fflush(stdout);
    return vm_run(&vm);
}
