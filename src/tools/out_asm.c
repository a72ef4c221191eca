/* -d out_asm (tools/out_asm.h). One record per translation:
 *
 *   OUT: guest 0x10450..0x10468 host 0x7f0000001200 size 87
 *     7f0000001200: 83 bd 28 02 00 00 00 0f 85 f3 00 00 00 48 8b 9d
 *     ...
 *
 * The bytes are those of the moment of translation (later chaining
 * patches the exit jumps), printed with their execution addresses so
 * `objdump -D -b binary -m i386:x86-64 --adjust-vma=ADDR` shows the
 * same branch targets and a perf or gdb address finds its line. One
 * log_printf per record keeps records whole when threads translate
 * at once. */
#include "tools/out_asm.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/log.h"

void out_asm_block(guest_addr pc, guest_addr end, const u8 *code, u32 size)
{
    size_t cap = 96 + (size_t)size * 3 + (size / 16 + 1) * 24;
    char *buf = malloc(cap);
    if (!buf)
        return;
    size_t n = (size_t)snprintf(buf, cap, "OUT: guest 0x%llx..0x%llx host %p size %u\n",
                                (unsigned long long)pc, (unsigned long long)end,
                                (const void *)code, size);
    for (u32 i = 0; i < size && n < cap; i++) {
        if (i % 16 == 0)
            n += (size_t)snprintf(buf + n, cap - n, "  %llx:",
                                  (unsigned long long)(uintptr_t)(code + i));
        n += (size_t)snprintf(buf + n, cap - n, " %02x", code[i]);
        if (i % 16 == 15 || i + 1 == size)
            n += (size_t)snprintf(buf + n, cap - n, "\n");
    }
    log_printf("%s", buf);
    free(buf);
}
