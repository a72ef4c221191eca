/* fork, vfork, exec, wait, pipes, process groups. Usage: process DIR,
 * where DIR holds echoargs and the scripts the suite made. One line of
 * output per check; compared verbatim with the expected output. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char dir[512];

static char *path(const char *name)
{
    static char buf[4][600];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* fork with nothing buffered: a child's exit must not print the
 * parent's pending output a second time (as on Linux). */
static pid_t xfork(void)
{
    fflush(stdout);
    return fork();
}

static void show_status(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else
        printf("%s: status 0x%x\n", what, st);
    fflush(stdout);
}

static void run_exec(const char *what, char *file, char **argv)
{
    fflush(stdout);
    pid_t p = xfork();
    if (p == 0) {
        execve(file, argv, environ);
        printf("%s: execve failed: %s\n", what, strerrorname_np(errno));
        fflush(stdout);
        _exit(127);
    }
    int st;
    waitpid(p, &st, 0);
    show_status(what, st);
}

static void exec_error(const char *what, char *file)
{
    char *argv[] = {file, NULL};
    errno = 0;
    int r = execve(file, argv, environ);
    printf("execve %s: %d %s\n", what, r, strerrorname_np(errno));
}

int main(int argc, char **argv)
{
    snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : ".");
    setenv("PROCTEST", "inherited", 1);
    setvbuf(stdout, NULL, _IOFBF, 4096); /* fork must not duplicate it */

    /* fork + exit status, signal death, WNOHANG */
    printf("buffered before fork\n");
    fflush(stdout);
    pid_t p = xfork();
    if (p == 0)
        _exit(7);
    int st;
    printf("waitpid returns the child: %d\n", waitpid(p, &st, 0) == p);
    show_status("fork child", st);
    p = xfork();
    if (p == 0) {
        signal(SIGABRT, SIG_DFL);
        abort();
    }
    waitpid(p, &st, 0);
    show_status("aborting child", st);
    int pfd[2];
    pipe(pfd);
    p = xfork();
    if (p == 0) {
        char c;
        read(pfd[0], &c, 1); /* wait for the parent's go */
        _exit(c);
    }
    printf("WNOHANG while running: %d\n", waitpid(p, &st, WNOHANG));
    write(pfd[1], "\x05", 1);
    waitpid(p, &st, 0);
    show_status("piped child", st);
    close(pfd[0]);
    close(pfd[1]);
    printf("no more children: %d %s\n", waitpid(-1, &st, 0), strerrorname_np(errno));

    /* a pipe from child to parent */
    pipe(pfd);
    p = xfork();
    if (p == 0) {
        close(pfd[0]);
        dprintf(pfd[1], "hello from child, ppid ok %d\n", getppid() > 1);
        _exit(0);
    }
    close(pfd[1]);
    char buf[256];
    ssize_t n = read(pfd[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("pipe: %s", buf);
    close(pfd[0]);
    waitpid(p, NULL, 0);

    /* waitid */
    p = xfork();
    if (p == 0)
        _exit(3);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    waitid(P_PID, p, &si, WEXITED);
    printf("waitid: code %s status %d pid ok %d\n", si.si_code == CLD_EXITED ? "CLD_EXITED" : "?",
           si.si_status, si.si_pid == p);

    /* process groups and sessions */
    p = xfork();
    if (p == 0) {
        int a = setpgid(0, 0) == 0 && getpgid(0) == getpid();
        pid_t s = setsid(); /* fails: now a group leader */
        printf("child: own group %d, setsid as leader %s\n", a, s < 0 ? strerrorname_np(errno) : "ok");
        fflush(stdout);
        _exit(0);
    }
    waitpid(p, NULL, 0);
    p = xfork();
    if (p == 0) {
        pid_t s = setsid();
        printf("child: setsid new session %d, getsid %d\n", s == getpid(), getsid(0) == getpid());
        fflush(stdout);
        _exit(0);
    }
    waitpid(p, NULL, 0);
    printf("parent group unchanged: %d\n", getpgid(0) == getpgrp());

    /* vfork */
    volatile int shared = 0;
    fflush(stdout);
    p = vfork();
    if (p == 0) {
        shared = 42; /* vfork shares memory until _exit */
        _exit(4);
    }
    waitpid(p, &st, 0);
    printf("vfork: child wrote %d, ", shared);
    show_status("vfork child", st);

    /* clone3 as fork (glibc 2.36 does not call it itself) */
    struct clone_args ca = {.exit_signal = SIGCHLD};
    long r = syscall(SYS_clone3, &ca, sizeof ca);
    if (r == 0)
        _exit(9);
    if (r > 0) {
        waitpid((pid_t)r, &st, 0);
        show_status("clone3 child", st);
    } else {
        printf("clone3: %s\n", strerrorname_np(errno));
    }

    /* prctl */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    int sig = 0;
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("pdeathsig %d dumpable %d\n", sig, prctl(PR_GET_DUMPABLE));
    prctl(PR_SET_PDEATHSIG, 0);

    /* exec: a riscv64 program, a chain, a #! script, a host program */
    char *a1[] = {"first-arg0", "one", "two words", NULL};
    run_exec("exec echoargs", path("echoargs"), a1);
    char *a2[] = {"chainer", "chain", "3", "end", NULL};
    run_exec("exec chain", path("echoargs"), a2);
    char *a3[] = {"script-arg0", "s1", NULL};
    run_exec("exec script", path("script.sh"), a3);
    run_exec("exec script of script", path("script2.sh"), a3);
    char *a4[] = {"true", NULL};
    run_exec("exec host /bin/true (native)", "/bin/true", a4);

    /* execve errors come back to the caller */
    exec_error("missing", path("no-such-file"));
    exec_error("not executable", path("plain.txt"));
    exec_error("directory", dir);
    exec_error("garbage", path("garbage.bin"));
    exec_error("script with missing interpreter", path("badinterp.sh"));
    exec_error("bad pointer", (char *)8);

    /* posix_spawn (CLONE_VM|CLONE_VFORK child) */
    fflush(stdout);
    char *a5[] = {"spawned", "x", NULL};
    int err = posix_spawn(&p, path("echoargs"), NULL, NULL, a5, environ);
    if (!err) {
        waitpid(p, &st, 0);
        show_status("posix_spawn", st);
    }
    err = posix_spawn(&p, path("no-such-file"), NULL, NULL, a5, environ);
    printf("posix_spawn missing: %s\n", strerrorname_np(err));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    pipe(pfd);
    posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
    posix_spawn_file_actions_addclose(&fa, pfd[0]);
    err = posix_spawnp(&p, path("echoargs"), &fa, NULL, a5, environ);
    close(pfd[1]);
    n = read(pfd[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    waitpid(p, &st, 0);
    printf("posix_spawnp with dup2: %d %s", err, buf);
    close(pfd[0]);
    fflush(stdout);

    /* system() and popen() run the host /bin/sh natively */
    st = system("echo from system; exit 3");
    show_status("system", st);
    FILE *f = popen("echo from popen", "r");
    if (f && fgets(buf, sizeof buf, f))
        printf("popen read: %s", buf);
    printf("pclose: %d\n", f ? pclose(f) : -1);
    return 0;
}
