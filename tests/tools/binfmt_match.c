/* Host helper for tests/tools/run.sh: reads a binfmt_misc registration
 * line (":name:M:offset:magic:mask:interpreter:flags") on stdin the way
 * the kernel parses it (\xHH escapes in magic and mask) and, for each
 * file argument, prints "match FILE" or "nomatch FILE". Exit 2 on a
 * malformed line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unescape(const char *s, unsigned char *out)
{
    int n = 0;
    while (*s) {
        if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
            char h[3] = {s[2], s[3], 0};
            out[n++] = (unsigned char)strtoul(h, NULL, 16);
            s += 4;
        } else {
            out[n++] = (unsigned char)*s++;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    char line[4096], *f[8];
    if (!fgets(line, sizeof line, stdin) || line[0] != ':')
        return 2;
    line[strcspn(line, "\n")] = 0;
    char *p = line + 1;
    for (int i = 0; i < 7; i++) {
        f[i] = p;
        p = strchr(p, ':');
        if (!p && i < 6)
            return 2;
        if (p)
            *p++ = 0;
    }
    unsigned char magic[256], mask[256];
    int off = atoi(f[2]), n = unescape(f[3], magic), m = unescape(f[4], mask);
    if (strcmp(f[1], "M") || n != m || n == 0 || f[5][0] != '/')
        return 2;
    for (int a = 1; a < argc; a++) {
        unsigned char buf[256] = {0};
        FILE *fp = fopen(argv[a], "rb");
        int ok = fp && fseek(fp, off, SEEK_SET) == 0 && fread(buf, 1, n, fp) == (size_t)n;
        for (int i = 0; ok && i < n; i++)
            ok = (buf[i] & mask[i]) == (magic[i] & mask[i]);
        if (fp)
            fclose(fp);
        printf("%s %s\n", ok ? "match" : "nomatch", argv[a]);
    }
    return 0;
}
