/* /proc/cpuinfo describes riscv64 harts, one per online CPU. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return 1;
    char line[1024], isa[256] = "", mmu[64] = "";
    long procs = 0, harts = 0, x86 = 0;
    while (fgets(line, sizeof line, f)) {
        procs += !strncmp(line, "processor\t: ", 12);
        harts += !strncmp(line, "hart\t\t: ", 8);
        x86 += strstr(line, "vendor_id") || strstr(line, "flags\t") || strstr(line, "x86");
        if (!strncmp(line, "isa\t\t: ", 7))
            snprintf(isa, sizeof isa, "%s", line + 7);
        if (!strncmp(line, "mmu\t\t: ", 7))
            snprintf(mmu, sizeof mmu, "%s", line + 7);
    }
    fclose(f);
    printf("isa: %smmu: %s", isa, mmu);
    printf("one processor and hart per online cpu: %s\n",
           procs == sysconf(_SC_NPROCESSORS_ONLN) && harts == procs ? "ok" : "FAIL");
    printf("nothing about x86: %s\n", x86 ? "FAIL" : "ok");
    return 0;
}
