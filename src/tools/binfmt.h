/* rvx --binfmt: the line that registers rvx with the kernel's
 * binfmt_misc for riscv64 ELF executables, to write to
 * /proc/sys/fs/binfmt_misc/register (scripts/binfmt.sh does). */
#ifndef RVX_TOOLS_BINFMT_H
#define RVX_TOOLS_BINFMT_H

#include <stdio.h>

/* Writes ":rvx-riscv64:M::<magic>:<mask>:<interp>:F\n" to f. interp
 * NULL: this rvx's own path. Returns 0, or -1 if interp is unusable
 * (relative, or contains ':' or a newline). */
int binfmt_print(FILE *f, const char *interp);

#endif
