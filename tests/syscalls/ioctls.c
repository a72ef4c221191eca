/* Socket and terminal ioctls beyond the basic set: SIOCGIFCONF (its
 * ifconf holds a buffer pointer) with and without a buffer, the ifreq
 * queries on the loopback interface, SIOCOUTQ/SIOCINQ/SIOCATMARK on a
 * TCP pair, and pty requests: TIOCGPTLCK, TIOCGPTPEER, TCGETS2,
 * TIOCEXCL/TIOCGEXCL, TIOCGPKT/TIOCPKT, TIOCOUTQ, TIOCGSID on a non-tty;
 * FICLONE/FICLONERANGE reach the kernel (a bad source fd, a source on
 * another mount, a bad range pointer; cp --reflink tries them). */
#include "common.h"

#include <arpa/inet.h>
#include <asm/termbits.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/sockios.h>

static void interfaces(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifconf ic = {.ifc_len = 0, .ifc_buf = NULL};
    SHOW("SIOCGIFCONF size", ioctl(s, SIOCGIFCONF, &ic));
    printf("needs whole ifreqs: %d\n", ic.ifc_len > 0 && ic.ifc_len % sizeof(struct ifreq) == 0);
    struct ifreq reqs[32];
    ic.ifc_len = sizeof reqs;
    ic.ifc_req = reqs;
    SHOW("SIOCGIFCONF", ioctl(s, SIOCGIFCONF, &ic));
    int lo = 0;
    for (int i = 0; i < ic.ifc_len / (int)sizeof(struct ifreq); i++)
        if (!strcmp(reqs[i].ifr_name, "lo"))
            lo = ((struct sockaddr_in *)&reqs[i].ifr_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
    printf("lo listed with 127.0.0.1: %d, buffer pointer kept: %d\n", lo, ic.ifc_req == reqs);
    ic.ifc_len = sizeof reqs;
    ic.ifc_buf = BADPTR;
    SHOW("SIOCGIFCONF bad buffer", ioctl(s, SIOCGIFCONF, &ic));

    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    SHOW("SIOCGIFINDEX lo", ioctl(s, SIOCGIFINDEX, &r));
    int idx = r.ifr_ifindex;
    printf("index positive %d\n", idx > 0);
    SHOW("SIOCGIFFLAGS lo", ioctl(s, SIOCGIFFLAGS, &r));
    printf("loopback %d\n", !!(r.ifr_flags & IFF_LOOPBACK));
    SHOW("SIOCGIFADDR lo", ioctl(s, SIOCGIFADDR, &r));
    printf("addr %s\n", inet_ntoa(((struct sockaddr_in *)&r.ifr_addr)->sin_addr));
    SHOW("SIOCGIFMTU lo", ioctl(s, SIOCGIFMTU, &r));
    printf("mtu positive %d\n", r.ifr_mtu > 0);
    memset(&r, 0, sizeof r);
    r.ifr_ifindex = idx;
    SHOW("SIOCGIFNAME", ioctl(s, SIOCGIFNAME, &r));
    printf("name %s\n", r.ifr_name);
    strcpy(r.ifr_name, "nosuchif0");
    SHOW("SIOCGIFINDEX missing", ioctl(s, SIOCGIFINDEX, &r));
    SHOW("SIOCGIFFLAGS bad ptr", ioctl(s, SIOCGIFFLAGS, BADPTR));
    SHOW("SIOCGIFFLAGS on a pipe", ioctl(0, SIOCGIFFLAGS, &r));
    close(s);
}

static void queues(void)
{
    int l = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    MUST(bind(l, (struct sockaddr *)&a, sizeof a));
    MUST(getsockname(l, (struct sockaddr *)&a, &len));
    MUST(listen(l, 1));
    MUST(connect(c, (struct sockaddr *)&a, sizeof a));
    int s = accept(l, NULL, NULL);
    MUST(write(c, "12345", 5));
    usleep(20000);
    int n = -1;
    SHOW("SIOCINQ", ioctl(s, SIOCINQ, &n));
    printf("inq %d\n", n);
    n = -1;
    SHOW("SIOCOUTQ", ioctl(c, SIOCOUTQ, &n));
    printf("outq %d\n", n);
    n = -1;
    SHOW("SIOCATMARK", ioctl(s, SIOCATMARK, &n));
    printf("atmark %d\n", n);
    close(s);
    close(c);
    close(l);
}

static void ptys(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("no ptys here\n");
        return;
    }
    int lk = -1;
    SHOW("TIOCGPTLCK", ioctl(m, TIOCGPTLCK, &lk));
    printf("locked %d\n", lk);
    unlockpt(m);
    SHOW("TIOCGPTLCK after unlock", ioctl(m, TIOCGPTLCK, &lk));
    printf("locked %d\n", lk);
    int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    printf("TIOCGPTPEER: %d\n", s >= 0);
    struct termios2 t2;
    memset(&t2, 0, sizeof t2);
    SHOW("TCGETS2", ioctl(s, TCGETS2, &t2));
    printf("c_cflag has CREAD %d\n", !!(t2.c_cflag & CREAD));
    SHOW("TCSETS2 same", ioctl(s, TCSETS2, &t2));
    int x = -1;
    SHOW("TIOCGEXCL", ioctl(s, TIOCGEXCL, &x));
    printf("excl %d\n", x);
    SHOW("TIOCEXCL", ioctl(s, TIOCEXCL));
    SHOW("TIOCGEXCL", ioctl(s, TIOCGEXCL, &x));
    printf("excl %d\n", x);
    SHOW("TIOCNXCL", ioctl(s, TIOCNXCL));
    x = -1;
    SHOW("TIOCGPKT", ioctl(m, TIOCGPKT, &x));
    printf("pkt %d\n", x);
    x = 1;
    SHOW("TIOCPKT on", ioctl(m, TIOCPKT, &x));
    SHOW("TIOCGPKT", ioctl(m, TIOCGPKT, &x));
    printf("pkt %d\n", x);
    x = -1;
    SHOW("TIOCOUTQ", ioctl(s, TIOCOUTQ, &x));
    printf("outq %d\n", x);
    SHOW("TIOCGSID not a tty", ioctl(0, TIOCGSID, &x));
    SHOW("TCGETS2 bad ptr", ioctl(s, TCGETS2, BADPTR));
    SHOW("unknown request", ioctl(s, 0x5499, &x));
    close(s);
    close(m);
}

static void clones(void)
{
    char name[] = "/tmp/rvx-ficlone-XXXXXX";
    int f = mkstemp(name), p[2];
    MUST(f);
    unlink(name);
    MUST(pipe(p));
    SHOW("FICLONE bad source", ioctl(f, FICLONE, -1));
    SHOW("FICLONE source on another mount", ioctl(f, FICLONE, p[0]));
    SHOW("FICLONERANGE bad pointer", ioctl(f, FICLONERANGE, BADPTR));
    close(p[0]);
    close(p[1]);
    close(f);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    interfaces();
    queues();
    ptys();
    clones();
    return 0;
}
