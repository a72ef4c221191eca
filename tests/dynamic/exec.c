/* A dynamic program running dynamic programs: fork + execv of another
 * one (its ld.so and libc from the sysroot again), then execv of itself
 * through /proc/self/exe. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "again")) {
        printf("again: argv[0]=%s\n", argv[0]);
        return 5;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {"hello", "from-exec", NULL};
        execv("./hello", args);
        _exit(99);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("child: exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    fflush(stdout);
    char *self[] = {"exec-self", "again", NULL};
    execv("/proc/self/exe", self);
    perror("execv /proc/self/exe");
    return 1;
}
