/* Writes fixed 64-byte records "rec NNNNNNNN ...\n" to argv[1] forever,
 * one write(2) each, and after each completed write reports its number
 * on stdout (one write(2) too); the run script SIGKILLs it mid-loop and
 * checks every reported record is in the file. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return 1;
    for (unsigned long i = 0;; i++) {
        char rec[64];
        memset(rec, '.', sizeof rec);
        int n = snprintf(rec, sizeof rec, "rec %08lu ", i);
        rec[n] = '.';
        rec[63] = '\n';
        if (write(fd, rec, sizeof rec) != sizeof rec)
            return 1;
        char num[24];
        n = snprintf(num, sizeof num, "%lu\n", i);
        write(1, num, (size_t)n);
    }
}
