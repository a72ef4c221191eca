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
    {"strace", LOG_STRACE},     {"pid", LOG_PID},     {"out_asm", LOG_OUT_ASM},
};

void log_set_file(FILE *f) { log_file = f; }

void log_spec(char *buf, size_t size)
{
    size_t n = 0;
    if (size)
        buf[0] = 0;
    for (size_t i = 0; i < ARRAY_LEN(channels) && n < size; i++)
        if (log_mask & channels[i].bit)
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? "," : "", channels[i].name);
}

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
            log_mask = ~0u & ~(u32)(LOG_EXEC | LOG_CPU | LOG_STACKS | LOG_PID);
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

/* -dfilter ranges, inclusive. */
#define LOG_FILTER_MAX 16
static struct { u64 lo, hi; } log_filter[LOG_FILTER_MAX];
static int log_nfilter;
bool log_filtering;

static bool log_parse_range(const char *s, size_t n)
{
    char buf[64], *end;
    if (n == 0 || n >= sizeof buf || log_nfilter == LOG_FILTER_MAX)
        return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    u64 a = strtoull(buf, &end, 0), b;
    char op = *end;
    if (end == buf || (op != '.' && op != '+' && op != '-'))
        return false;
    const char *rest = end + (op == '.' ? 2 : 1);
    if (op == '.' && end[1] != '.')
        return false;
    b = strtoull(rest, &end, 0);
    if (end == rest || *end)
        return false;
    if (op == '.' && b >= a)
        log_filter[log_nfilter].lo = a, log_filter[log_nfilter].hi = b;
    else if (op == '+' && b > 0)
        log_filter[log_nfilter].lo = a, log_filter[log_nfilter].hi = a + b - 1;
    else if (op == '-' && b > 0 && b - 1 <= a)
        log_filter[log_nfilter].lo = a - (b - 1), log_filter[log_nfilter].hi = a;
    else
        return false;
    log_nfilter++;
    return true;
}

bool log_parse_filter(const char *spec)
{
    while (*spec) {
        size_t n = strcspn(spec, ",");
        if (!log_parse_range(spec, n))
            return false;
        spec += n;
        if (*spec == ',')
            spec++;
    }
    log_filtering = log_nfilter > 0;
    return true;
}

bool log_filter_match(u64 pc)
{
    for (int i = 0; i < log_nfilter; i++)
        if (pc >= log_filter[i].lo && pc <= log_filter[i].hi)
            return true;
    return false;
}
