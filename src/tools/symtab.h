/* Guest symbols for the tools (perf map, jitdump, --profile): which
 * function of which ELF file contains a guest pc. The file is the one
 * mapped there (the vma list knows file mappings: the program, the
 * dynamic linker, shared libraries) or the vDSO; its .symtab is read,
 * or .dynsym when stripped, then the .symtab of its separate debug file
 * if one is installed (build-id or .gnu_debuglink, as gdb finds it).
 * Files are read once and kept to the end. */
#ifndef RVX_TOOLS_SYMTAB_H
#define RVX_TOOLS_SYMTAB_H

#include "base/types.h"

struct vm;

struct sym {
    u64 lo, hi;           /* [lo, hi) in the file's own addresses */
    const char *name;
    int rank;             /* binding: global 0, weak 1, local 2 */
};

struct sym_at {
    const struct sym *sym; /* NULL if no function contains pc */
    u64 off;              /* pc - the function's start */
    const char *module;   /* basename of the file, "[vdso]"; NULL if none */
    bool main;            /* the module is the program itself */
};

/* Resolves pc. Thread-safe; takes the map lock (never call it with the
 * code cache lock held). Returns false when pc is in no file mapping. */
bool symtab_lookup(struct vm *vm, guest_addr pc, struct sym_at *out);

/* The function symbols of an ELF image in memory, as the lookups use
 * them (sorted by start, one per start, names copied), for the fuzzer
 * and tests; NULL with *n = 0 if it has none. Free with symtab_free. */
struct sym *symtab_parse(const u8 *f, size_t size, size_t *n);
void symtab_free(struct sym *s, size_t n);

/* "name+0xoff" / "name+0xoff (module)" / "0xpc" into buf. */
void symtab_format(struct vm *vm, guest_addr pc, char *buf, size_t cap);

#endif
