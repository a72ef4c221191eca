/* /proc files generated for the guest (see proc.h). Each is built when
 * opened, as the kernel's seq_files are, into a memfd that the guest gets
 * through a fresh read-only open of it, so the fd behaves like a file
 * (read, pread, lseek, fstat, mmap) and cannot be written.
 *   maps     the guest vma list in the kernel's format (guest addresses)
 *   auxv     the guest auxv bytes; cmdline, environ: the guest's strings,
 *            read from guest memory like the kernel does (setproctitle)
 *   stat     the host's line with the address fields made the guest's
 *   status   the host's, with VmPeak/VmSize the guest's
 *   cpuinfo  a riscv64 description of what rvx emulates
 * The process name (comm, status Name:) is set by the loader with
 * PR_SET_NAME, so the host files already show the guest's. */
#include "os/proc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "mem/mman.h"
#include "os/path.h"
#include "os/sys_impl.h"

/* The ISA line: single letters, then the Z extensions in the kernel's
 * (riscv_isa_ext[]) order. Must match what the decoder implements. */
#define PROC_ISA "rv64imafdc_zicntr_zicsr_zifencei"

/* One line of /proc/self/maps, as show_map_vma prints it: the name, if
 * any, starts after padding the header to 72 columns plus a space;
 * unnamed lines end with the space after the inode. */
static void proc_maps_line(const struct vm *vm, FILE *f, const struct vma *v)
{
    int n = fprintf(f, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                    (unsigned long long)v->start, (unsigned long long)v->end,
                    v->prot & RV_PROT_READ ? 'r' : '-', v->prot & RV_PROT_WRITE ? 'w' : '-',
                    v->prot & RV_PROT_EXEC ? 'x' : '-',
                    (v->flags & RV_MAP_TYPE) == RV_MAP_PRIVATE ? 'p' : 's',
                    (unsigned long long)(v->ino ? v->offset : 0), major(v->dev), minor(v->dev),
                    (unsigned long long)v->ino);
    if (v->name) /* a file in the sysroot by the guest's path, as d_path gives it */
        fprintf(f, "%*s%s", n < 72 ? 73 - n : 1, "", path_to_guest(vm, v->name));
    fputc('\n', f);
}

static void proc_maps(struct vm *vm, FILE *f)
{
    struct mem *m = &vm->mem;
    mem_lock(m); /* other guest threads may be changing the map */
    for (size_t i = 0; i < m->nvma; i++)
        proc_maps_line(vm, f, &m->vmas[i]);
    mem_unlock(m);
}

/* Guest bytes [a, b) as they are now (a bad range gives nothing). */
static void proc_guest_bytes(struct vm *vm, FILE *f, guest_addr a, guest_addr b)
{
    if (b <= a)
        return;
    mem_lock(&vm->mem);
    const void *p = guest_ptr(vm, a, b - a, PAGE_R);
    if (p)
        fwrite(p, 1, b - a, f);
    mem_unlock(&vm->mem);
}

static void proc_cpuinfo(FILE *f)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN); /* what the guest's sysconf sees */
    for (long i = 0; i < (n > 0 ? n : 1); i++)
        fprintf(f,
                "processor\t: %ld\nhart\t\t: %ld\nisa\t\t: " PROC_ISA "\nmmu\t\t: sv39\n"
                "uarch\t\t: rvx,rv64gc\nmvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\n"
                "hart isa\t: " PROC_ISA "\n\n",
                i, i);
}

static u64 proc_vsize(struct mem *m)
{
    u64 sum = 0;
    mem_lock(m);
    for (size_t i = 0; i < m->nvma; i++)
        sum += m->vmas[i].end - m->vmas[i].start;
    mem_unlock(m);
    return sum;
}

/* The host's stat line for hostpath with the fields that hold rvx's
 * addresses replaced (proc(5) numbering: 23 vsize, 26-28 code and stack,
 * 45-51 data, brk, args, env). */
static void proc_stat(struct vm *vm, const char *hostpath, FILE *f)
{
    char line[4096];
    FILE *h = fopen(hostpath, "r");
    if (!h)
        return;
    size_t n = fread(line, 1, sizeof line - 1, h);
    fclose(h);
    line[n] = 0;
    char *close = strrchr(line, ')');
    if (!close)
        return;
    const u64 guest[52] = {
        [23] = proc_vsize(&vm->mem), [26] = vm->mm.start_code, [27] = vm->mm.end_code,
        [28] = vm->mm.start_stack, [45] = vm->mm.start_data, [46] = vm->mm.end_data,
        [47] = vm->mem.brk_start, [48] = vm->mm.arg_start, [49] = vm->mm.arg_end,
        [50] = vm->mm.env_start, [51] = vm->mm.env_end,
    };
    fwrite(line, 1, (size_t)(close + 1 - line), f);
    char *save, *tok = strtok_r(close + 1, " \n", &save);
    for (int field = 3; tok; field++, tok = strtok_r(NULL, " \n", &save)) {
        if (field < 52 && guest[field])
            fprintf(f, " %llu", (unsigned long long)guest[field]);
        else
            fprintf(f, " %s", tok);
    }
    fputc('\n', f);
}

/* The host's status with the sizes that count rvx's reservation of the
 * whole guest space (VmPeak, VmSize) made the guest's. */
static void proc_status(struct vm *vm, const char *hostpath, FILE *f)
{
    char line[1024];
    FILE *h = fopen(hostpath, "r");
    if (!h)
        return;
    while (fgets(line, sizeof line, h)) {
        if (!strncmp(line, "VmPeak:", 7) || !strncmp(line, "VmSize:", 7))
            fprintf(f, "%.7s\t%8llu kB\n", line, (unsigned long long)(proc_vsize(&vm->mem) >> 10));
        else
            fputs(line, f);
    }
    fclose(h);
}

/* Writes the content for path into f; false if rvx does not generate
 * this file. */
static bool proc_generate(struct vm *vm, const char *path, FILE *f)
{
    char name[16];
    if (!strcmp(path, "/proc/cpuinfo")) {
        proc_cpuinfo(f);
        return true;
    }
    if (!path_proc_self(path, name, sizeof name))
        return false;
    if (!strcmp(name, "maps"))
        proc_maps(vm, f);
    else if (!strcmp(name, "auxv"))
        proc_guest_bytes(vm, f, vm->auxv_addr, vm->auxv_addr + vm->auxv_len);
    else if (!strcmp(name, "cmdline"))
        proc_guest_bytes(vm, f, vm->mm.arg_start, vm->mm.arg_end);
    else if (!strcmp(name, "environ"))
        proc_guest_bytes(vm, f, vm->mm.env_start, vm->mm.env_end);
    else if (!strcmp(name, "stat"))
        proc_stat(vm, path, f);
    else if (!strcmp(name, "status"))
        proc_status(vm, path, f);
    else
        return false;
    return true;
}

/* A read-only fd holding data: a memfd, reopened O_RDONLY. */
static i64 proc_serve(const char *data, size_t n, int flags)
{
    int mfd = memfd_create("rvx-proc", MFD_CLOEXEC);
    if (mfd < 0)
        return sys_host(-1);
    for (size_t done = 0; done < n;) {
        ssize_t w = write(mfd, data + done, n - done);
        if (w <= 0) {
            close(mfd);
            return -RV_ENOMEM;
        }
        done += (size_t)w;
    }
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", mfd);
    i64 fd = sys_host(open(link, O_RDONLY | (flags & O_CLOEXEC)));
    close(mfd);
    return fd;
}

bool proc_open(struct vm *vm, const char *path, int flags, i64 *ret)
{
    if ((flags & O_ACCMODE) != O_RDONLY || strncmp(path + strspn(path, "/"), "proc/", 5))
        return false;
    char *data = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&data, &n);
    if (!f)
        return false;
    bool mine = proc_generate(vm, path, f);
    fclose(f);
    if (mine)
        *ret = flags & O_DIRECTORY ? -RV_ENOTDIR : proc_serve(data, n, flags);
    free(data);
    return mine;
}

bool proc_readlink(struct vm *vm, const char *path, char *buf, u64 len, i64 *ret)
{
    if (!vm->exe_guest || !path_is_self_exe(path))
        return false;
    u64 n = strlen(vm->exe_guest);
    n = n < len ? n : len; /* readlink truncates silently */
    memcpy(buf, vm->exe_guest, n);
    *ret = (i64)n;
    return true;
}
