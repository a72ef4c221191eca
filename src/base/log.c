/* Log channels and the single fatal-error path. */
#include "base/log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/check.h"

u32 log_mask;
FILE *log_file;

static const struct {
    const char *name;
    u32 bit;
} channels[] = {
    {"syscalls", LOG_SYSCALLS}, {"unimp", LOG_UNIMP}, {"exec", LOG_EXEC},
    {"in_asm", LOG_IN_ASM},     {"cpu", LOG_CPU},     {"page", LOG_PAGE},
    {"strace", LOG_STRACE},
};

void log_set_file(FILE *f) { log_file = f; }

bool log_parse(const char *spec)
{
    while (*spec) {
        size_t n = strcspn(spec, ",");
        bool found = false;
        for (size_t i = 0; i < ARRAY_LEN(channels); i++) {
            if (strlen(channels[i].name) == n && !strncmp(spec, channels[i].name, n)) {
                log_mask |= channels[i].bit;
                found = true;
            }
        }
        if (!found && !(n == 3 && !strncmp(spec, "all", 3)))
            return false;
        if (n == 3 && !strncmp(spec, "all", 3))
            log_mask = ~0u & ~(u32)LOG_EXEC & ~(u32)LOG_CPU;
        spec += n;
        if (*spec == ',')
            spec++;
    }
    return true;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file ? log_file : stderr, fmt, ap);
    va_end(ap);
}

void fatal(int code, const char *subject, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "rvx: %s: ", subject);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(code);
}

void check_fail(const char *file, int line, const char *expr)
{
    fprintf(stderr, "rvx: internal error: %s:%d: CHECK(%s) failed\n", file, line, expr);
    abort();
}
