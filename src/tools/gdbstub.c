/* The gdb stub's execution control and command set (see gdbstub.h).
 *
 * State machine, per guest thread, at each instruction boundary
 * (gdbstub_run, called by the top loop instead of the engine):
 *   wait while another thread's stop is being served (all-stop);
 *   stop if: the last instruction completed a single step, or touched a
 *   watched range, or a breakpoint is at pc, or gdb sent ^C;
 *   serve gdb until it resumes (vCont, c, s, C, S) or detaches;
 *   run one instruction (the one at a breakpoint just reported, too): interp_run_hot(cpu, 0) on one-instruction
 *   blocks returns before the second block, so exactly one runs.
 * A fault is shown to gdb as a stop with its signal first; resuming
 * with that signal delivers it as usual, resuming without it runs the
 * faulting instruction again (as on a real target). */
#include "tools/gdbstub.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "cpu/interp.h"
#include "mem/copy.h"
#include "mem/mem.h"
#include "os/signal.h"
#include "tools/gdb_internal.h"
#include "vm/vm.h"

/* How many instruction boundaries between two looks for a ^C. */
#define GDB_POLL_EVERY 4096

enum resume { R_NONE, R_CONT, R_STEP, R_DETACH };

static struct gdb {
    struct gdb_conn conn;
    struct vm *vm;
    pthread_mutex_t lock;
    pthread_cond_t resumed;
    bool stopped;       /* a thread is serving gdb: the others wait */
    bool detached;      /* gone: run without the stub */
    bool initial;       /* the first stop has not been served yet */
    bool exited;        /* W or X sent */
    int g_tid;          /* Hg: registers and memory of this thread */
    int step_tid;       /* the thread gdb single-steps, 0 if none */
    int resume_sig;     /* Linux signal gdb resumed the stopped thread with */
    unsigned poll;
    char stop[128];     /* the last stop reply, for '?' */
    char in[GDB_PACKET_MAX];
    char out[2 * GDB_PACKET_MAX];
} G = {.lock = PTHREAD_MUTEX_INITIALIZER, .resumed = PTHREAD_COND_INITIALIZER};

/* Per guest thread (each runs on its own host thread). */
static __thread struct {
    bool step_done;     /* the single step gdb asked for has run */
    const char *watch;  /* a watchpoint hit by the last instruction */
    u64 watch_addr;
} me;

static int tid_of(const struct cpu *cpu) { return cpu->tid ? cpu->tid : (int)getpid(); }

static struct cpu *cpu_by_tid(int tid)
{
    struct vm *vm = G.vm;
    if (tid <= 0 || !vm->threads)
        return tid <= 0 || tid == tid_of(vm->cpu) ? vm->cpu : NULL;
    for (struct cpu *c = vm->threads; c; c = c->thread_next)
        if (tid_of(c) == tid)
            return c;
    return NULL;
}

static bool reply(const char *s) { return gdb_conn_sendstr(&G.conn, s); }

void gdbstub_start(struct vm *vm, const char *where)
{
    G.vm = vm;
    vm->opt.interp_only = true;
    vm->opt.one_insn = true;
    interp_flush(vm);
    if (!gdb_conn_open(&G.conn, where))
        fatal(RVX_EXIT_USAGE, where, "cannot wait for gdb there");
    G.initial = true;
    vm->gdb = &G;
}

/* --- queries ---------------------------------------------------------- */

/* qXfer reads: the slice [off, off+len) of data, 'm' or 'l' (last). */
static void reply_xfer(const char *data, size_t size, const char *args)
{
    unsigned long long off = 0, len = 0;
    if (sscanf(args, "%llx,%llx", &off, &len) != 2) {
        reply("E01");
        return;
    }
    if (len > GDB_PACKET_MAX / 2)
        len = GDB_PACKET_MAX / 2;
    if (off >= size) {
        reply("l");
        return;
    }
    size_t n = size - off < len ? size - off : len;
    G.out[0] = off + n >= size ? 'l' : 'm';
    memcpy(G.out + 1, data + off, n);
    gdb_conn_send(&G.conn, G.out, n + 1);
}

static void reply_auxv(const char *args)
{
    static u8 auxv[1024];
    size_t n = G.vm->auxv_len < sizeof auxv ? G.vm->auxv_len : sizeof auxv;
    if (copy_from_guest(G.vm, auxv, G.vm->auxv_addr, n))
        n = 0;
    reply_xfer((const char *)auxv, n, args);
}

static void reply_threads(void)
{
    struct vm *vm = G.vm;
    size_t n = 1;
    G.out[0] = 'm';
    if (vm->thread_lock)
        pthread_mutex_lock(vm->thread_lock);
    if (!vm->threads)
        n += (size_t)sprintf(G.out + n, "%x", tid_of(vm->cpu));
    for (struct cpu *c = vm->threads; c && n < sizeof G.out - 32; c = c->thread_next)
        n += (size_t)sprintf(G.out + n, "%s%x", n > 1 ? "," : "", tid_of(c));
    if (vm->thread_lock)
        pthread_mutex_unlock(vm->thread_lock);
    reply(G.out);
}

static void query(struct cpu *cpu, const char *q)
{
    const char *p;
    if (!strncmp(q, "qSupported", 10))
        reply("PacketSize=4000;qXfer:features:read+;qXfer:auxv:read+;"
              "qXfer:exec-file:read+;vContSupported+;swbreak+;QStartNoAckMode+");
    else if ((p = strstr(q, "qXfer:features:read:target.xml:")) == q)
        reply_xfer(gdb_target_xml, strlen(gdb_target_xml), q + 31);
    else if (!strncmp(q, "qXfer:auxv:read::", 17))
        reply_auxv(q + 17);
    else if (!strncmp(q, "qXfer:exec-file:read:", 21) && (p = strchr(q + 21, ':')))
        reply_xfer(G.vm->exe_path, G.vm->exe_path ? strlen(G.vm->exe_path) : 0, p + 1);
    else if (!strcmp(q, "qAttached") || !strncmp(q, "qAttached:", 10))
        reply("1");
    else if (!strcmp(q, "qC"))
        snprintf(G.out, sizeof G.out, "QC%x", tid_of(cpu)), reply(G.out);
    else if (!strcmp(q, "qfThreadInfo"))
        reply_threads();
    else if (!strcmp(q, "qsThreadInfo"))
        reply("l");
    else if (!strncmp(q, "qSymbol", 7))
        reply("OK");
    else
        reply("");
}

/* --- registers and memory -------------------------------------------- */

static struct cpu *selected(struct cpu *cpu)
{
    struct cpu *c = cpu_by_tid(G.g_tid);
    return c ? c : cpu;
}

static void read_memory(const char *args)
{
    unsigned long long a, len;
    if (sscanf(args, "%llx,%llx", &a, &len) != 2) {
        reply("E01");
        return;
    }
    if (len > GDB_PACKET_MAX / 2 - 1)
        len = GDB_PACKET_MAX / 2 - 1;
    u8 buf[GDB_PACKET_MAX / 2];
    size_t n = 0;
    while (n < len && !copy_from_guest(G.vm, buf + n, a + n, 1))
        n++; /* byte by byte: stop exactly at the first unreadable one */
    if (!n && len) {
        reply("E14");
        return;
    }
    gdb_tohex(G.out, buf, n);
    reply(G.out);
}

static bool write_guest(u64 a, const u8 *data, size_t n)
{
    if (copy_to_guest(G.vm, a, data, n))
        return false;
    for (u64 pg = a & GUEST_PAGE_MASK; pg < a + n; pg += GUEST_PAGE_SIZE)
        if (mem_page_flags(&G.vm->mem, pg) & PAGE_CODE) {
            interp_invalidate(G.vm, a, a + n); /* every thread is stopped */
            break;
        }
    return true;
}

/* M addr,len:hex and X addr,len:binary (with '}' escapes). */
static void write_memory(const char *args, size_t size, bool binary)
{
    unsigned long long a, len;
    const char *colon = memchr(args, ':', size);
    if (sscanf(args, "%llx,%llx", &a, &len) != 2 || !colon || len > GDB_PACKET_MAX) {
        reply("E01");
        return;
    }
    static u8 buf[GDB_PACKET_MAX];
    const char *d = colon + 1, *end = args + size;
    size_t n = 0;
    if (binary) {
        for (; d < end && n < len; d++)
            buf[n++] = *d == '}' && d + 1 < end ? (u8)(*++d ^ 0x20) : (u8)*d;
    } else if ((size_t)(end - d) >= 2 * len && gdb_fromhex(buf, d, len)) {
        n = len;
    }
    reply(n == len && write_guest(a, buf, n) ? "OK" : "E14");
}

static void regs_cmd(struct cpu *cpu, const char *p)
{
    struct cpu *c = selected(cpu);
    int n;
    char *eq;
    switch (p[0]) {
    case 'g':
        gdb_regs_get(c, G.out);
        reply(G.out);
        break;
    case 'G':
        reply(gdb_regs_set(c, p + 1) ? "OK" : "E01");
        break;
    case 'p':
        n = (int)strtol(p + 1, NULL, 16);
        reply(gdb_reg_get(c, n, G.out) ? G.out : "E45");
        break;
    case 'P':
        n = (int)strtol(p + 1, &eq, 16);
        reply(*eq == '=' && gdb_reg_set(c, n, eq + 1) ? "OK" : "E45");
        break;
    }
}

static void point_cmd(const char *p)
{
    unsigned type;
    unsigned long long a, kind;
    if (sscanf(p + 1, "%u,%llx,%llx", &type, &a, &kind) != 3 || type == 1 || type > 4) {
        reply(""); /* hardware breakpoints (type 1): gdb falls back to Z0 */
        return;
    }
    bool ok = p[0] == 'Z' ? gdb_point_add((int)type, a, kind)
                          : (gdb_point_remove((int)type, a, kind), true);
    reply(ok ? "OK" : "E22");
}

/* --- resuming ---------------------------------------------------------- */

/* vCont;ACTION[:tid];ACTION... : s/S for one thread steps it; c/C for
 * the rest. Returns what the stopped thread does. */
static enum resume vcont(struct cpu *cpu, const char *p)
{
    enum resume r = R_CONT;
    G.step_tid = 0;
    for (p = strchr(p, ';'); p; p = strchr(p + 1, ';')) {
        char act = p[1];
        int sig = (act == 'C' || act == 'S') ? (int)strtol(p + 2, NULL, 16) : 0;
        const char *colon = strchr(p + 1, ':'), *next = strchr(p + 1, ';');
        int tid = colon && (!next || colon < next) ? (int)strtol(colon + 1, NULL, 16) : -1;
        if (act == 's' || act == 'S') {
            G.step_tid = tid > 0 ? tid : tid_of(cpu);
            if (G.step_tid == tid_of(cpu))
                r = R_STEP;
        }
        if (sig && (tid <= 0 || tid == tid_of(cpu)))
            G.resume_sig = gdb_signal_to_linux(sig);
    }
    return r;
}

static _Noreturn void kill_guest(void)
{
    fflush(NULL);
    kill(getpid(), SIGKILL);
    _exit(128 + SIGKILL);
}

/* One packet while stopped; returns whether and how to resume. */
static enum resume command(struct cpu *cpu, char *p, int size)
{
    switch (p[0]) {
    case '?': reply(G.stop); return R_NONE;
    case 'q': query(cpu, p); return R_NONE;
    case 'Q':
        if (!strcmp(p, "QStartNoAckMode")) {
            reply("OK");
            G.conn.no_ack = true;
        } else {
            reply("");
        }
        return R_NONE;
    case 'g': case 'G': case 'p': case 'P': regs_cmd(cpu, p); return R_NONE;
    case 'm': read_memory(p + 1); return R_NONE;
    case 'M': write_memory(p + 1, (size_t)size - 1, false); return R_NONE;
    case 'X': write_memory(p + 1, (size_t)size - 1, true); return R_NONE;
    case 'Z': case 'z': point_cmd(p); return R_NONE;
    case 'H':
        if (p[1] == 'g' && strtol(p + 2, NULL, 16) > 0)
            G.g_tid = (int)strtol(p + 2, NULL, 16);
        reply("OK");
        return R_NONE;
    case 'T': reply(cpu_by_tid((int)strtol(p + 1, NULL, 16)) ? "OK" : "E01"); return R_NONE;
    case 'c': G.step_tid = 0; return R_CONT;
    case 's': G.step_tid = tid_of(cpu); return R_STEP;
    case 'C': case 'S':
        G.resume_sig = gdb_signal_to_linux((int)strtol(p + 1, NULL, 16));
        G.step_tid = p[0] == 'S' ? tid_of(cpu) : 0;
        return p[0] == 'S' ? R_STEP : R_CONT;
    case 'k': kill_guest();
    case 'D': reply("OK"); return R_DETACH;
    case 'v':
        if (!strcmp(p, "vCont?")) {
            reply("vCont;c;C;s;S");
        } else if (!strncmp(p, "vCont;", 6)) {
            return vcont(cpu, p);
        } else if (!strncmp(p, "vKill", 5)) {
            reply("OK");
            kill_guest();
        } else {
            reply("");
        }
        return R_NONE;
    default: reply(""); return R_NONE;
    }
}

static void detach(void)
{
    gdb_point_clear();
    G.detached = true;
    G.step_tid = 0;
    G.vm->opt.one_insn = false;
    gdb_conn_close(&G.conn);
}

/* Serves gdb for a stop of cpu (G.lock held, G.stopped set). */
static void serve(struct cpu *cpu, bool announce)
{
    G.g_tid = tid_of(cpu);
    G.resume_sig = 0;
    if (announce && !reply(G.stop)) {
        detach();
        return;
    }
    for (;;) {
        int n = gdb_conn_recv(&G.conn, G.in);
        if (n < 0) {
            detach(); /* the debugger went away: run on, as QEMU does */
            return;
        }
        if (n == 1 && G.in[0] == 3)
            continue; /* already stopped */
        enum resume r = command(cpu, G.in, n);
        if (r == R_DETACH)
            detach();
        if (r != R_NONE)
            return;
    }
}

/* Reports a stop of cpu with Linux signal sig and stop-reply extras,
 * serves gdb, and returns once resumed (G.lock held). */
static void stop(struct cpu *cpu, int sig, const char *extra, bool announce)
{
    snprintf(G.stop, sizeof G.stop, "T%02xthread:%x;%s", gdb_signal_from_linux(sig),
             tid_of(cpu), extra);
    G.stopped = true;
    serve(cpu, announce);
    G.stopped = false;
    pthread_cond_broadcast(&G.resumed);
}

/* Why this thread stops before its next instruction, if it does:
 * returns the signal (0: no stop) and fills extra. G.lock held. */
static int stop_reason(struct cpu *cpu, char *extra, size_t size)
{
    extra[0] = 0;
    if (me.watch) {
        snprintf(extra, size, "%s:%llx;", me.watch, (unsigned long long)me.watch_addr);
        return RV_SIGTRAP;
    }
    if (me.step_done && G.step_tid == tid_of(cpu)) /* else a newer resume cancelled it */
        return RV_SIGTRAP;
    if (gdb_break_at(cpu->pc)) {
        snprintf(extra, size, "swbreak:;");
        return RV_SIGTRAP;
    }
    if (++G.poll % GDB_POLL_EVERY == 0 && gdb_conn_interrupted(&G.conn))
        return RV_SIGINT;
    return 0;
}

/* Before an instruction: waits out other threads' stops, then stops
 * this one if it must. */
static void boundary(struct cpu *cpu)
{
    char extra[64];
    pthread_mutex_lock(&G.lock);
    while (G.stopped)
        pthread_cond_wait(&G.resumed, &G.lock);
    if (!G.detached) {
        bool first = G.initial && cpu == G.vm->cpu;
        int sig = first ? RV_SIGTRAP : stop_reason(cpu, extra, sizeof extra);
        me.watch = NULL;
        me.step_done = false;
        if (first) {
            G.initial = false;
            stop(cpu, sig, "", false); /* gdb asks with '?' */
        } else if (sig) {
            if (G.step_tid == tid_of(cpu))
                G.step_tid = 0;
            stop(cpu, sig, extra, true);
        }
    }
    pthread_mutex_unlock(&G.lock);
}

static bool is_fault(enum exit_reason r)
{
    return r == EXIT_SEGV || r == EXIT_BUS || r == EXIT_ILLEGAL || r == EXIT_EBREAK ||
           r == EXIT_FETCH;
}

static int fault_signal(enum exit_reason r)
{
    switch (r) {
    case EXIT_BUS: return RV_SIGBUS;
    case EXIT_ILLEGAL: return RV_SIGILL;
    case EXIT_EBREAK: return RV_SIGTRAP;
    default: return RV_SIGSEGV;
    }
}

/* A signal for cpu: gdb sees it first. Returns the signal gdb resumed
 * with: sig to pass it on, 0 to drop it, or another one. */
static int signal_to_gdb(struct cpu *cpu, int sig)
{
    pthread_mutex_lock(&G.lock);
    while (G.stopped)
        pthread_cond_wait(&G.resumed, &G.lock);
    int to = sig;
    if (!G.detached) {
        if (G.step_tid == tid_of(cpu))
            G.step_tid = 0;
        stop(cpu, sig, "", true);
        to = G.detached ? sig : G.resume_sig;
    }
    pthread_mutex_unlock(&G.lock);
    return to;
}

/* A fault: true if gdb passes it on (then, if the guest does not catch
 * it, gdb learns that the default action ends the process). */
static bool fault_to_gdb(struct cpu *cpu, enum exit_reason r)
{
    int sig = fault_signal(r);
    bool pass = signal_to_gdb(cpu, sig) == sig;
    if (pass && !sig_fault_caught(cpu, sig))
        gdbstub_killed(cpu->vm, sig); /* the default action is coming */
    return pass;
}

bool gdbstub_signal(struct cpu *cpu, struct rv_siginfo *si)
{
    struct gdb *g = cpu->vm->gdb;
    if (!g || G.detached)
        return true;
    int to = signal_to_gdb(cpu, si->si_signo);
    if (to && to != si->si_signo) { /* as ptrace_signal: a new siginfo */
        memset(si, 0, sizeof *si);
        si->si_signo = to;
        si->si_code = RV_SI_USER;
        si->u.kill.uid = (u32)getuid();
    }
    /* Linux requeues a substitute the thread blocks; rvx drops it. */
    return to && !(cpu->sigmask & RV_SIGBIT(to));
}

enum exit_reason gdbstub_run(struct cpu *cpu)
{
    if (G.detached)
        return interp_run(cpu);
    boundary(cpu);
    if (G.detached)
        return interp_run(cpu);
    u64 waddr = 0;
    const char *watch = gdb_watch_hit(cpu, &waddr);
    enum exit_reason r = interp_run_hot(cpu, 0);
    if (is_fault(r))
        return fault_to_gdb(cpu, r) ? r : EXIT_NONE;
    if (r == EXIT_INTERRUPT)
        return r; /* nothing ran: a signal is due first */
    me.watch = watch;
    me.watch_addr = waddr;
    me.step_done = G.step_tid == tid_of(cpu);
    return r == EXIT_NONE ? cpu->exit = EXIT_NONE : r;
}

static void finish(const char *packet)
{
    pthread_mutex_lock(&G.lock);
    if (!G.detached && !G.exited && G.vm) {
        G.exited = true;
        reply(packet);
        gdb_conn_close(&G.conn);
    }
    pthread_mutex_unlock(&G.lock);
}

void gdbstub_exited(struct vm *vm, int status)
{
    char p[8];
    (void)vm;
    snprintf(p, sizeof p, "W%02x", status & 0xff);
    finish(p);
}

void gdbstub_killed(struct vm *vm, int sig)
{
    char p[8];
    (void)vm;
    snprintf(p, sizeof p, "X%02x", gdb_signal_from_linux(sig));
    finish(p);
}
