/* Translated code across fork: parent and child both keep translating
 * and running hot code after the fork (the code cache is shared memory
 * until the child takes its own copy). Exits 0 when both compute the
 * right sums. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static long work(long seed)
{
    long s = 0;
    for (long i = 0; i < 3000000; i++)
        s += (i ^ seed) % 7 + (i * seed) % 11;
    return s;
}

int main(void)
{
    long before = work(3);
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    long r = work(pid ? 5 : 9);
    long want = pid ? work(5) : work(9);
    if (pid == 0)
        return r == want && before == work(3) ? 0 : 2;
    int st;
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return 3;
    if (r != want)
        return 4;
    puts("fork_jit ok");
    return 0;
}
