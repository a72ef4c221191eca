/* -perfmap and -jitdump (see tools/perf.h). The jitdump layout is
 * perf's tools/perf/Documentation/jitdump-specification.txt: a 40-byte
 * file header, then records {u32 id, u32 total_size, u64 timestamp}
 * with CLOCK_MONOTONIC timestamps (the clock `perf record -k 1` uses).
 * Each file belongs to one pid: a fork child opens its own. */
#include "tools/perf.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/check.h"
#include "cpu/cpu.h"
#include "tools/symtab.h"
#include "vm/vm.h"

#define JITDUMP_MAGIC 0x4A695444u /* "JiTD" */
#define JITDUMP_VERSION 1
#define JIT_CODE_LOAD 0

struct jitdump_header {
    u32 magic, version, total_size, elf_mach, pad1, pid;
    u64 timestamp, flags;
};

struct jit_code_load {
    u32 id, total_size;
    u64 timestamp;
    u32 pid, tid;
    u64 vma, code_addr, code_size, code_index;
    /* then the NUL-terminated name and the code bytes */
};

static pthread_mutex_t perf_lock = PTHREAD_MUTEX_INITIALIZER;
static int perf_pid;
static FILE *perfmap;
static int jitdump = -1;
static u64 code_index;

static u64 now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec;
}

/* Creates path afresh (O_EXCL after unlink: never through a symlink
 * someone left in /tmp). */
static int create(const char *path)
{
    unlink(path);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        fprintf(stderr, "rvx: %s: cannot create: %s; going on without it\n", path,
                strerror(errno));
    return fd;
}

static void open_files(struct vm *vm)
{
    char path[64];
    perf_pid = getpid();
    if (perfmap)
        fclose(perfmap);
    perfmap = NULL;
    if (jitdump >= 0)
        close(jitdump);
    jitdump = -1;
    code_index = 0;
    if (vm->opt.perfmap) {
        snprintf(path, sizeof path, "/tmp/perf-%d.map", perf_pid);
        int fd = create(path);
        if (fd >= 0 && !(perfmap = fdopen(fd, "w")))
            close(fd);
    }
    if (vm->opt.jitdump) {
        snprintf(path, sizeof path, "/tmp/jit-%d.dump", perf_pid);
        jitdump = create(path);
        if (jitdump < 0)
            return;
        struct jitdump_header h = {JITDUMP_MAGIC, JITDUMP_VERSION, sizeof h, EM_X86_64, 0,
                                   (u32)perf_pid, now_mono(), 0};
        /* The marker: perf record sees this executable mapping of the
         * file and perf inject --jit finds the dump through it. Left
         * mapped to the end, as perf expects. */
        if (write(jitdump, &h, sizeof h) != (ssize_t)sizeof h ||
            mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_EXEC, MAP_PRIVATE,
                 jitdump, 0) == MAP_FAILED) {
            fprintf(stderr, "rvx: %s: cannot write the header: %s\n", path, strerror(errno));
            close(jitdump);
            jitdump = -1;
        }
    }
}

void perf_start(struct vm *vm)
{
    pthread_mutex_lock(&perf_lock);
    open_files(vm);
    pthread_mutex_unlock(&perf_lock);
}

static void write_load(struct cpu *cpu, const char *name, const void *code, u32 size)
{
    size_t len = strlen(name) + 1;
    struct jit_code_load r = {JIT_CODE_LOAD, (u32)(sizeof r + len + size), now_mono(),
                              (u32)perf_pid, (u32)syscall(SYS_gettid),
                              (u64)(uintptr_t)code, (u64)(uintptr_t)code, size, code_index++};
    (void)cpu;
    struct part { const void *b; size_t n; } parts[3] = {{&r, sizeof r}, {name, len}, {code, size}};
    for (int i = 0; i < 3; i++) {
        const u8 *p = parts[i].b;
        size_t n = parts[i].n;
        while (n) {
            ssize_t w = write(jitdump, p, n);
            if (w <= 0)
                return;
            p += w;
            n -= (size_t)w;
        }
    }
}

void perf_code(struct cpu *cpu, guest_addr pc, const void *code, u32 size)
{
    char name[256];
    symtab_format(cpu->vm, pc, name, sizeof name);
    pthread_mutex_lock(&perf_lock);
    if (getpid() != perf_pid)
        open_files(cpu->vm);
    if (perfmap) {
        fprintf(perfmap, "%llx %x %s\n", (unsigned long long)(uintptr_t)code, size, name);
        fflush(perfmap);
    }
    if (jitdump >= 0)
        write_load(cpu, name, code, size);
    pthread_mutex_unlock(&perf_lock);
}
