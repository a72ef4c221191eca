/* Terminal ioctls on a pseudo-terminal: TIOCGPTN/TIOCSPTLCK (ptsname,
 * unlockpt), TCGETS/TCSETS (tcgetattr/tcsetattr), TIOCSWINSZ/TIOCGWINSZ,
 * FIONREAD, FIONBIO, FIOCLEX/FIONCLEX. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("no ptys here\n"); /* keeps the output stable without /dev/ptmx */
        return 0;
    }
    int rc = grantpt(m);
    int rc2 = unlockpt(m);
    printf("grantpt %d unlockpt %d ptsname %d\n", rc, rc2, strncmp(ptsname(m), "/dev/pts/", 9) == 0);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    printf("slave open %d isatty %d\n", s >= 0, isatty(s));
    struct termios t;
    rc = tcgetattr(s, &t);
    printf("tcgetattr %d\n", rc);
    cfmakeraw(&t);
    t.c_cc[VMIN] = 1;
    rc = tcsetattr(s, TCSANOW, &t);
    struct termios u;
    tcgetattr(s, &u);
    printf("tcsetattr %d raw %d vmin %d\n", rc, (u.c_lflag & ICANON) == 0, u.c_cc[VMIN]);
    struct winsize ws = {24, 80, 0, 0}, wg = {0, 0, 0, 0};
    rc = ioctl(m, TIOCSWINSZ, &ws);
    rc2 = ioctl(s, TIOCGWINSZ, &wg);
    printf("winsize set %d get %d %dx%d\n", rc, rc2, wg.ws_row, wg.ws_col);
    write(m, "abc", 3);
    usleep(20000);
    int n = -1;
    rc = ioctl(s, FIONREAD, &n);
    printf("FIONREAD %d %d\n", rc, n);
    int on = 1;
    rc = ioctl(s, FIONBIO, &on);
    printf("FIONBIO %d nonblock %d\n", rc, (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
    rc = ioctl(s, FIOCLEX);
    printf("FIOCLEX %d cloexec %d\n", rc, fcntl(s, F_GETFD) & FD_CLOEXEC);
    rc = ioctl(s, FIONCLEX);
    printf("FIONCLEX %d cloexec %d\n", rc, fcntl(s, F_GETFD) & FD_CLOEXEC);
    return 0;
}
