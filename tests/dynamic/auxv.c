/* What the loader gives a dynamic program: AT_SYSINFO_EHDR first and a
 * valid ELF, AT_BASE = where ld.so is, AT_ENTRY = _start, AT_PHDR = the
 * program's headers, and dl_iterate_phdr sees the vDSO under its soname. */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;
extern char _start[];

static int n, main_ok, vdso_ok, ldso_ok;

static int each(struct dl_phdr_info *i, size_t size, void *data)
{
    (void)size, (void)data;
    if (n++ == 0)
        main_ok = (unsigned long)i->dlpi_phdr == getauxval(AT_PHDR) &&
                  i->dlpi_phnum == getauxval(AT_PHNUM);
    if (!strcmp(i->dlpi_name, "linux-vdso.so.1"))
        vdso_ok = i->dlpi_addr == getauxval(AT_SYSINFO_EHDR);
    if (strstr(i->dlpi_name, "ld-linux-riscv64-lp64d.so.1"))
        ldso_ok = i->dlpi_addr == getauxval(AT_BASE);
    return 0;
}

int main(void)
{
    char **e = environ;
    while (*e)
        e++;
    const Elf64_auxv_t *av = (const Elf64_auxv_t *)(e + 1);
    printf("first auxv entry is AT_SYSINFO_EHDR: %s\n",
           av[0].a_type == AT_SYSINFO_EHDR ? "yes" : "no");
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
    printf("vdso: %s\n", eh && !memcmp(eh->e_ident, ELFMAG, SELFMAG) && eh->e_type == ET_DYN &&
                                 eh->e_machine == EM_RISCV && eh->e_ident[EI_CLASS] == ELFCLASS64
                             ? "ELF64 ET_DYN riscv"
                             : "bad");
    printf("AT_BASE nonzero: %s\n", getauxval(AT_BASE) ? "yes" : "no");
    printf("AT_ENTRY is _start: %s\n", getauxval(AT_ENTRY) == (unsigned long)_start ? "yes" : "no");
    printf("AT_PAGESZ=%lu AT_HWCAP=%#lx AT_EXECFN=%s\n", getauxval(AT_PAGESZ), getauxval(AT_HWCAP),
           (const char *)getauxval(AT_EXECFN));
    dl_iterate_phdr(each, NULL);
    printf("dl_iterate_phdr: program headers %s, vdso %s, ld.so at AT_BASE %s\n",
           main_ok ? "ok" : "bad", vdso_ok ? "ok" : "missing", ldso_ok ? "ok" : "bad");
    return 0;
}
