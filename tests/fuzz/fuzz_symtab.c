/* libFuzzer target: the ELF symbol-table reader of the tools (perf map,
 * jitdump, --profile) on arbitrary files. The input is copied to an
 * 8-aligned buffer, as a mapped file is; the result must be sorted by
 * start, one symbol per start, every name a string, and freed whole. */
#include <stdlib.h>
#include <string.h>

#include "tools/symtab.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    u8 *f = malloc(size ? size : 1);
    if (!f)
        abort();
    memcpy(f, data, size);
    size_t n;
    struct sym *s = symtab_parse(f, size, &n);
    for (size_t k = 0; k < n; k++) {
        if (k && s[k - 1].lo >= s[k].lo)
            abort(); /* not sorted, or two symbols at one start */
        if (s[k].hi <= s[k].lo || strlen(s[k].name) > size)
            abort();
    }
    symtab_free(s, n);
    free(f);
    return 0;
}
