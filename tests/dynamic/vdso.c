/* The vDSO's functions, looked up in the image the way a program would
 * (dynamic section, DT_HASH, versions) and called directly; glibc's own
 * use of it (clock_gettime and friends) agrees with the syscalls. */
#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const char *base;
static const Elf64_Sym *symtab;
static const char *strtab;
static unsigned nsym;
static const Elf64_Half *versym;
static const Elf64_Verdef *verdef;

static void parse(void)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_DYNAMIC)
            continue;
        for (const Elf64_Dyn *d = (const Elf64_Dyn *)(base + ph[i].p_vaddr); d->d_tag; d++) {
            const char *p = base + d->d_un.d_ptr;
            if (d->d_tag == DT_SYMTAB) symtab = (const Elf64_Sym *)p;
            if (d->d_tag == DT_STRTAB) strtab = p;
            if (d->d_tag == DT_HASH) nsym = ((const Elf64_Word *)p)[1];
            if (d->d_tag == DT_VERSYM) versym = (const Elf64_Half *)p;
            if (d->d_tag == DT_VERDEF) verdef = (const Elf64_Verdef *)p;
        }
    }
}

static const char *version_of(unsigned idx)
{
    for (const Elf64_Verdef *v = verdef; v; v = v->vd_next ? (const void *)((const char *)v + v->vd_next) : NULL)
        if (v->vd_ndx == (versym[idx] & 0x7fff))
            return strtab + ((const Elf64_Verdaux *)((const char *)v + v->vd_aux))->vda_name;
    return "?";
}

static void *sym(const char *name)
{
    for (unsigned i = 1; i < nsym; i++)
        if (!strcmp(strtab + symtab[i].st_name, name)) {
            printf("  %s@%s\n", name, version_of(i));
            return (void *)(base + symtab[i].st_value);
        }
    printf("  %s missing\n", name);
    return NULL;
}

static long ns(const struct timespec *t) { return t->tv_sec * 1000000000L + t->tv_nsec; }

int main(void)
{
    base = (const char *)getauxval(AT_SYSINFO_EHDR);
    if (!base) {
        printf("no vDSO\n");
        return 1;
    }
    parse();
    printf("symbols: %s\n", symtab && strtab && nsym && versym && verdef ? "ok" : "incomplete");
    const unsigned *sigret = sym("__vdso_rt_sigreturn");
    int (*cg)(clockid_t, struct timespec *) = sym("__vdso_clock_gettime");
    int (*cr)(clockid_t, struct timespec *) = sym("__vdso_clock_getres");
    int (*gtod)(struct timeval *, void *) = sym("__vdso_gettimeofday");
    int (*gcpu)(unsigned *, unsigned *, void *) = sym("__vdso_getcpu");
    long (*flush)(void *, void *, unsigned long) = sym("__vdso_flush_icache");
    sym("__vdso_riscv_hwprobe");
    if (!sigret || !cg || !cr || !gtod || !gcpu || !flush)
        return 1;
    printf("rt_sigreturn code: %08x %08x\n", sigret[0], sigret[1]);

    struct timespec a, b, c;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
    int r = cg(CLOCK_MONOTONIC, &b);
    clock_gettime(CLOCK_MONOTONIC, &c); /* glibc, through the vDSO */
    printf("clock_gettime: %d, monotonic: %s\n", r, ns(&a) <= ns(&b) && ns(&b) <= ns(&c) ? "yes" : "no");
    printf("bad clock: %d (kernel style -EINVAL is %d)\n", cg(12345, &b), -EINVAL);
    struct timespec r1, r2;
    cr(CLOCK_MONOTONIC, &r1);
    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &r2);
    printf("clock_getres agrees: %s\n", ns(&r1) == ns(&r2) ? "yes" : "no");
    struct timeval tv;
    time_t before = time(NULL);
    r = gtod(&tv, NULL);
    /* time() reads the coarse clock, which may trail gettimeofday by a
     * tick across a second boundary. */
    printf("gettimeofday: %d, close to time(): %s\n", r,
           tv.tv_sec >= before && tv.tv_sec <= time(NULL) + 1 ? "yes" : "no");
    unsigned cpu = ~0u;
    r = gcpu(&cpu, NULL, NULL);
    printf("getcpu: %d, cpu valid: %s, sched_getcpu: %s\n", r, cpu != ~0u ? "yes" : "no",
           sched_getcpu() >= 0 ? "ok" : "bad");
    printf("flush_icache: %ld, bad flags: %ld\n", flush(0, 0, 0), flush(0, 0, 2));
    return 0;
}
