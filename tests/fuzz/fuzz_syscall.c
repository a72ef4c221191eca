/* libFuzzer target: the syscall layer (sys_ecall) on a scratch vm.
 *
 * The input is a list of calls. Each picks a syscall from the allowed
 * part of abi/rv_syscall.def and builds a0..a5 by the table's format:
 * 'f' an fd made during this input (never the fuzzer's own), AT_FDCWD,
 * -1 or a free number; 's' a guest string (a short relative name over
 * "abcd", so every path stays in the scratch directory that is the
 * cwd; read-only calls may also get a few /proc paths); 'p' a pointer
 * into a 64 KiB guest buffer filled from the input (near its end, next
 * to an unmapped page), a read-only page, or an unmapped address; other
 * letters small ints, raw words, flags or guest addresses. Calls that
 * could hurt the host or the fuzzer (exit, exec, clone, kill, signals,
 * credentials, mounts, SysV IPC, sleeping, network sends, mlock, ...)
 * are excluded by name below; a few arguments are clamped (sizes that
 * would fill a disk, MAP_POPULATE, O_ASYNC, F_SETOWN; socket domains
 * other than unix and inet, listen on inet). A 20 ms timer
 * turns a blocking call into EINTR.
 * Checked: rvx never crashes (ASan/UBSan), every result is a value or
 * -4095..-1, mmap-like results are page-aligned guest addresses. After
 * each input every fd, guest mapping and scratch file is removed.
 * The process works in $TMPDIR/rvx-fuzz-sys.<pid> (its cwd from the
 * first input on): give libFuzzer absolute corpus paths. */
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "mem/mman.h"
#include "os/path.h"
#include "os/syscall.h"
#include "vm/thread.h"
#include "vm/vm.h"

#define SPACE (1ull << 32)
#define BUF 0x100000ull        /* 64 KiB read-write, filled from the input */
#define BUF_LEN 0x10000ull
#define RO (BUF + BUF_LEN + 0x1000) /* one read-only page, after a hole */
#define STR 0x200000ull        /* strings */
#define MAX_FD 128
#define CLAMP (1u << 20)

static struct vm vm;
static struct cpu cpu;
static char dir[4096];
static bool base_fd[MAX_FD];
static int max_base;

struct sc { int nr; const char *name, *fmt; };
static const struct sc table[] = {
#define SYSCALL(nr, name, fn, nargs, fmt) { nr, #name, fmt },
#include "abi/rv_syscall.def"
#undef SYSCALL
};
static const char *const excluded[] = {
    "exit", "exit_group", "clone", "clone3", "execve", "execveat", "futex", "prctl",
    "kill", "tkill", "tgkill", "sigaltstack", "rt_sigaction", "rt_sigprocmask", "signalfd4",
    "restart_syscall", "rt_sigsuspend", "rt_sigpending", "rt_sigtimedwait", "rt_sigqueueinfo",
    "rt_sigreturn", "rt_tgsigqueueinfo", "pidfd_send_signal", "pidfd_open", "pidfd_getfd",
    "chdir", "fchdir", "mknodat", "sync", "syncfs",
    "setregid", "setgid", "setreuid", "setuid", "setresuid", "setresgid", "setfsuid",
    "setfsgid", "setgroups", "capset", "setsid", "setpgid", "setrlimit",
    "sched_setaffinity", "sched_setparam", "sched_setscheduler", "sched_setattr",
    "setpriority", "mlock", "munlock", "mlockall", "munlockall", "mlock2",
    "umount2", "mount", "pivot_root", "personality", "syslog", "mbind", "set_mempolicy",
    "process_vm_readv", "process_vm_writev", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive",
    "mq_notify", "mq_getsetattr", "msgget", "msgctl", "msgrcv", "msgsnd", "semget",
    "semctl", "semtimedop", "semop", "shmget", "shmctl", "shmat", "shmdt",
    "bind", "connect", "sendto", "sendmsg", "sendmmsg",
    "setitimer", "timer_create", "timer_settime", "timer_delete", "timer_gettime",
    "timer_getoverrun", "nanosleep", "clock_nanosleep", NULL,
};
/* Calls that only read through their path may see these. */
static const char *const ro_calls[] = { "openat", "newfstatat", "statx", "faccessat",
                                        "faccessat2", "readlinkat", "statfs", NULL };
static const char *const ro_paths[] = { "/proc/self/maps", "/proc/self/stat",
                                        "/proc/self/status", "/proc/self/auxv",
                                        "/proc/self/cmdline", "/proc/cpuinfo" };
static const struct sc *allowed[ARRAY_LEN(table)];
static unsigned nallowed;

struct in { const u8 *p; size_t n; };
static u64 take(struct in *in, unsigned bytes)
{
    u64 v = 0;
    for (unsigned k = 0; k < bytes && in->n; k++, in->p++, in->n--)
        v |= (u64)*in->p << (8 * k);
    return v;
}

static bool in_list(const char *name, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (!strcmp(name, list[k]))
            return true;
    return false;
}

static void on_alarm(int sig) { (void)sig; }

static void setup(void)
{
    for (size_t k = 0; k < ARRAY_LEN(table); k++)
        if (!in_list(table[k].name, excluded))
            allowed[nallowed++] = &table[k];
    for (int fd = 0; fd < MAX_FD; fd++)
        if (fcntl(fd, F_GETFD) >= 0)
            base_fd[fd] = true, max_base = fd;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/rvx-fuzz-sys.%d", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    if (mkdir(dir, 0700) || chdir(dir))
        abort();
    struct sigaction sa = { .sa_handler = on_alarm }; /* no SA_RESTART: EINTR */
    sigaction(SIGALRM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    vm.cpu = &cpu;
    cpu.vm = &vm;
    if (mem_init(&vm.mem, SPACE))
        abort();
    path_init(&vm);
    thread_init(&vm);
}

static void map(guest_addr a, u64 len, int prot)
{
    if (mem_mmap(&vm, a, len, prot, RV_MAP_PRIVATE | RV_MAP_ANONYMOUS | RV_MAP_FIXED, -1, 0) !=
        (i64)a)
        abort();
}

static int rm_one(const char *p, const struct stat *st, int type, struct FTW *f)
{
    (void)st, (void)type;
    if (f->level > 0)
        remove(p);
    return 0;
}

static void cleanup(void)
{
    for (int fd = 0; fd <= max_base; fd++)
        if (!base_fd[fd])
            close(fd);
    syscall(SYS_close_range, max_base + 1, ~0u, 0);
    while (vm.mem.nvma)
        mem_munmap(&vm, vm.mem.vmas[0].start, vm.mem.vmas[0].end - vm.mem.vmas[0].start);
    if (chdir(dir))
        abort();
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    umask(022);
}

/* An fd made by this input (lowest open non-baseline fds), or another. */
static u64 pick_fd(struct in *in)
{
    unsigned k = (unsigned)take(in, 1);
    switch (k % 8) {
    case 0: return (u64)(i64)-100; /* AT_FDCWD */
    case 1: return (u64)(i64)-1;
    case 2: return 200 + k / 8 % 8; /* free */
    default:
        for (int fd = 0, seen = 0; fd < MAX_FD; fd++)
            if (!base_fd[fd] && fcntl(fd, F_GETFD) >= 0 && seen++ == (int)(k / 8 % 4))
                return (u64)fd;
        return (u64)(i64)-100;
    }
}

static u64 pick_str(struct in *in, const char *call, unsigned slot)
{
    unsigned k = (unsigned)take(in, 1);
    guest_addr a = STR + 64 * slot;
    char *s = mem_host(&vm.mem, a);
    if ((mem_page_flags(&vm.mem, STR) & (PAGE_MAPPED | PAGE_R | PAGE_W)) !=
        (PAGE_MAPPED | PAGE_R | PAGE_W)) /* an earlier call unmapped it */
        map(STR, 0x1000, RV_PROT_READ | RV_PROT_WRITE);
    if (k % 8 == 7 && in_list(call, ro_calls) &&
        (strcmp(call, "openat") || k / 8 % ARRAY_LEN(ro_paths) < ARRAY_LEN(ro_paths))) {
        strcpy(s, ro_paths[k / 8 % ARRAY_LEN(ro_paths)]);
        return a;
    }
    if (k % 8 == 6)
        return k & 64 ? 0 : SPACE - 1; /* unmapped */
    unsigned len = 1 + k / 8 % 4;
    for (unsigned i = 0; i < len; i++)
        s[i] = (char)('a' + (take(in, 1) & 3));
    s[len] = 0;
    return a;
}

static u64 pick_ptr(struct in *in)
{
    unsigned k = (unsigned)take(in, 1);
    switch (k % 8) {
    case 0: return 0;
    case 1: return BUF + BUF_LEN - 1 - take(in, 1); /* runs into the hole */
    case 2: return RO + take(in, 1);
    case 3: return SPACE - 8;
    case 4: return 1ull << 63;
    default: return BUF + take(in, 2) % BUF_LEN;
    }
}

static u64 pick_int(struct in *in)
{
    unsigned k = (unsigned)take(in, 1);
    switch (k % 8) {
    case 0: case 1: case 2: return (u64)(i64)(i8)take(in, 1);
    case 3: return take(in, 8);
    case 4: return 1ull << (take(in, 1) % 64);
    case 5: return take(in, 2);
    case 6: return BUF + take(in, 2) % BUF_LEN;
    default: return take(in, 4);
    }
}

/* The arguments that must stay small or harmless. */
static void clamp(const char *n, u64 *a)
{
    if (!strcmp(n, "truncate") || !strcmp(n, "ftruncate"))
        a[1] %= CLAMP;
    if (!strcmp(n, "fallocate"))
        a[2] %= CLAMP, a[3] %= CLAMP;
    if (!strcmp(n, "pwrite64"))
        a[3] %= CLAMP;
    if (!strcmp(n, "sendfile") || !strcmp(n, "tee"))
        a[n[0] == 's' ? 3 : 2] %= CLAMP;
    if (!strcmp(n, "splice") || !strcmp(n, "copy_file_range"))
        a[4] %= CLAMP;
    if (!strcmp(n, "lseek"))
        a[1] %= CLAMP;
    if (!strcmp(n, "mmap"))
        a[3] &= ~(u64)(0x8000 | 0x2000); /* MAP_POPULATE, MAP_LOCKED */
    if (!strcmp(n, "madvise") && (a[2] == 22 || a[2] == 23)) /* MADV_POPULATE_* */
        a[2] = 0;
    if (!strcmp(n, "prlimit64"))
        a[0] = 0, a[2] = 0;
    if (!strcmp(n, "close_range"))
        a[0] = a[0] % 64 + 200, a[1] = a[0] + a[1] % 64;
    if (!strcmp(n, "fcntl")) {
        if (a[1] == 8 || a[1] == 10 || a[1] == 15 || a[1] == 1024 || a[1] == 1026)
            a[1] = 1; /* F_SETOWN, F_SETSIG, F_SETOWN_EX, F_SETLEASE, F_NOTIFY */
        if (a[1] == 4)
            a[2] &= ~(u64)020000; /* O_ASYNC */
    }
    if (!strcmp(n, "ioctl") && ((u32)a[1] == 0x5452 || (u32)a[1] == 0x8901 ||
                                (u32)a[1] == 0x8902 || (u32)a[1] == 0x540e))
        a[1] = 0; /* FIOASYNC, FIOSETOWN, SIOCSPGRP, TIOCSCTTY */
    if (!strcmp(n, "openat") && a[1] >= STR && a[1] < STR + 0x1000 &&
        *(char *)mem_host(&vm.mem, a[1]) == '/')
        a[2] = O_RDONLY | O_CLOEXEC | (a[2] & O_NONBLOCK); /* a /proc path: read only */
    /* Sockets stay local: no netlink or packet socket (a write() to
     * one is a request to the host's network stack), and no listening
     * inet socket (listen autobinds a port on every interface). */
    if ((!strcmp(n, "socket") || !strcmp(n, "socketpair")) && (int)a[0] != AF_UNIX &&
        (int)a[0] != AF_INET && (int)a[0] != AF_INET6)
        a[0] = AF_UNIX; /* the domain is an int: the upper half is ignored */
    if (!strcmp(n, "listen")) {
        int dom = 0;
        socklen_t len = sizeof dom;
        if (getsockopt((int)a[0], SOL_SOCKET, SO_DOMAIN, &dom, &len) || dom != AF_UNIX)
            a[0] = (u64)(i64)-1;
    }
    if (!strcmp(n, "wait4") || !strcmp(n, "waitid"))
        a[n[4] == '4' ? 2 : 3] |= 1; /* WNOHANG */
}

static void check_result(const struct sc *s, u64 r)
{
    if ((i64)r < 0 && (i64)r < -4095) {
        fprintf(stderr, "%s: result %lld out of range\n", s->name, (long long)r);
        abort();
    }
    bool addr = !strcmp(s->name, "mmap") || !strcmp(s->name, "mremap");
    if (addr && (i64)r >= 0 && (r >= SPACE || r & 0xfff)) {
        fprintf(stderr, "%s: result %#llx is not a guest page\n", s->name,
                (unsigned long long)r);
        abort();
    }
}

static void one_call(struct in *in)
{
    const struct sc *s = allowed[take(in, 1) % nallowed];
    u64 a[6] = {0};
    for (unsigned k = 0; s->fmt[k]; k++) {
        switch (s->fmt[k]) {
        case 'f': a[k] = pick_fd(in); break;
        case 's': a[k] = pick_str(in, s->name, k); break;
        case 'p': a[k] = pick_ptr(in); break;
        default: a[k] = pick_int(in); break;
        }
    }
    clamp(s->name, a);
    memset(cpu.x, 0, sizeof cpu.x);
    memcpy(&cpu.x[10], a, sizeof a);
    cpu.x[17] = (u64)s->nr;
    struct itimerval t = { .it_value = { 0, 20000 } }, off = {0};
    setitimer(ITIMER_REAL, &t, NULL);
    sys_ecall(&cpu);
    setitimer(ITIMER_REAL, &off, NULL);
    check_result(s, cpu.x[10]);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    if (!nallowed)
        setup();
    map(BUF, BUF_LEN, RV_PROT_READ | RV_PROT_WRITE);
    map(RO, 0x1000, RV_PROT_READ);
    map(STR, 0x1000, RV_PROT_READ | RV_PROT_WRITE);
    vm.mem.brk_start = vm.mem.brk_cur = 0x400000;
    size_t fill = size < BUF_LEN ? size : BUF_LEN;
    memcpy(mem_host(&vm.mem, BUF), data, fill);
    struct in in = { data, size };
    for (int k = 0; k < 16 && in.n; k++)
        one_call(&in);
    cleanup();
    return 0;
}
