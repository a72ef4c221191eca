/* The binfmt_misc registration line for riscv64 ELF programs.
 *
 * Matched: the first 20 bytes of the ELF header (magic at offset 0):
 *   e_ident  7f 'E' 'L' 'F'  02 (ELFCLASS64)  01 (ELFDATA2LSB)
 *            01 (EV_CURRENT)  OSABI (any: mask 00)  ABIVERSION 0, pad 0
 *   e_type   02 00 (ET_EXEC); mask fe ff also matches 03 00 (ET_DYN)
 *   e_machine f3 00 (EM_RISCV = 243)
 * Flag F: the kernel opens rvx at registration, so it also works inside
 * containers and chroots where the path does not exist. The kernel's
 * parser takes \xHH escapes in magic and mask. */
#include "tools/binfmt.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static const unsigned char binfmt_magic[20] = {
    0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0xf3, 0,
};
static const unsigned char binfmt_mask[20] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff,
};

/* Bytes as the kernel's parser reads them: printable letters as they
 * are, everything else (and ':' and '\\') as \xHH. */
static void put_bytes(FILE *f, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool plain = (b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 'a' && b[i] <= 'z');
        if (plain)
            fputc(b[i], f);
        else
            fprintf(f, "\\x%02x", b[i]);
    }
}

int binfmt_print(FILE *f, const char *interp)
{
    char self[PATH_MAX];
    if (!interp) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0)
            return -1;
        self[n] = 0;
        interp = self;
    }
    if (interp[0] != '/' || strpbrk(interp, ":\n"))
        return -1;
    fputs(":rvx-riscv64:M::", f);
    put_bytes(f, binfmt_magic, sizeof binfmt_magic);
    fputc(':', f);
    put_bytes(f, binfmt_mask, sizeof binfmt_mask);
    fprintf(f, ":%s:F\n", interp);
    return 0;
}
