/* A controlling terminal and job control on a pty the guest opens:
 * posix_openpt/grantpt/unlockpt/ptsname (TIOCGPTN), setsid, TIOCSCTTY,
 * TIOCGSID, TIOCGPGRP/TIOCSPGRP (tcgetpgrp/tcsetpgrp), /dev/tty, a
 * background process group's tcsetpgrp getting SIGTTOU (EINTR with a
 * handler; allowed with SIGTTOU blocked), a background write with
 * TOSTOP getting SIGTTOU, and TIOCNOTTY giving the terminal up. Each
 * step is done by the process the kernel rules name (session leader,
 * a process of another group), so the output is the same as native
 * x86-64 Linux (qemu-riscv64 7.2 gets TIOCGSID wrong). */
#include "common.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static volatile int ttou;
static void on_ttou(int sig) { (void)sig; ttou++; }

static int sid_of(int fd)
{
    pid_t sid;
    return ioctl(fd, TIOCGSID, &sid) ? -1 : sid;
}

/* In a new process group of the session: background until it takes
 * the terminal. */
static void background(int s)
{
    MUST(setpgid(0, 0));
    struct sigaction sa = {.sa_handler = on_ttou};
    sigaction(SIGTTOU, &sa, NULL);
    printf("bg: foreground is not us: %d\n", tcgetpgrp(s) != getpid());
    SHOW("bg: tcsetpgrp with a handler", tcsetpgrp(s, getpid()));
    printf("bg: SIGTTOU %d\n", ttou);
    SHOW("bg: write with TOSTOP", write(s, "x", 1));
    printf("bg: SIGTTOU %d\n", ttou);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTTOU);
    sigprocmask(SIG_BLOCK, &set, NULL);
    SHOW("bg: tcsetpgrp with SIGTTOU blocked", tcsetpgrp(s, getpid()));
    printf("bg: foreground is us: %d\n", tcgetpgrp(s) == getpid());
    SHOW("bg: TIOCGPGRP == getpgrp", ({
             pid_t pg;
             ioctl(s, TIOCGPGRP, &pg) ? -1 : pg == getpgrp();
         }));
    exit(0);
}

static void leader(const char *name)
{
    SHOW("setsid is our pid", setsid() == getpid());
    int s = open(name, O_RDWR | O_NOCTTY);
    MUST(s);
    SHOW("TIOCGSID without a ctty", sid_of(s));
    SHOW("tcgetpgrp without a ctty", tcgetpgrp(s));
    SHOW("/dev/tty without a ctty", open("/dev/tty", O_RDWR));
    SHOW("TIOCSCTTY", ioctl(s, TIOCSCTTY, 0));
    SHOW("TIOCGSID is our sid", sid_of(s) == getsid(0));
    SHOW("tcgetpgrp is our group", tcgetpgrp(s) == getpgrp());
    int t = open("/dev/tty", O_RDWR);
    SHOW("/dev/tty opens", t >= 0);
    SHOW("getsid of the tty's sid", getsid(0) == sid_of(t));
    close(t);
    struct termios tio;
    MUST(tcgetattr(s, &tio));
    tio.c_lflag |= TOSTOP;
    MUST(tcsetattr(s, TCSANOW, &tio));
    fflush(stdout);
    pid_t bg = fork();
    if (bg == 0)
        background(s);
    int st;
    waitpid(bg, &st, 0);
    printf("bg exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    printf("foreground is bg's group: %d\n", tcgetpgrp(s) == bg);
    signal(SIGTTOU, SIG_IGN);
    SHOW("leader takes it back with SIGTTOU ignored", tcsetpgrp(s, getpid()));
    SHOW("tcsetpgrp to another session's group", tcsetpgrp(s, 1));
    signal(SIGHUP, SIG_IGN); /* TIOCNOTTY hangs up the foreground group: us */
    SHOW("TIOCNOTTY", ioctl(s, TIOCNOTTY));
    SHOW("TIOCGSID after TIOCNOTTY", sid_of(s));
    exit(0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    MUST(m);
    MUST(grantpt(m));
    MUST(unlockpt(m));
    char name[64];
    MUST(ptsname_r(m, name, sizeof name) ? -1 : 0);
    unsigned n;
    MUST(ioctl(m, TIOCGPTN, &n));
    char want[64];
    snprintf(want, sizeof want, "/dev/pts/%u", n);
    printf("ptsname is /dev/pts/TIOCGPTN: %d\n", !strcmp(name, want));
    SHOW("TIOCGSID on the master", sid_of(m));
    pid_t pid = fork();
    if (pid == 0)
        leader(name);
    int st;
    waitpid(pid, &st, 0);
    printf("leader exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 0;
}
