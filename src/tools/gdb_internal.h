/* What the gdb stub's files share (tools/gdb_*.c, tools/gdbstub.c). */
#ifndef RVX_TOOLS_GDB_INTERNAL_H
#define RVX_TOOLS_GDB_INTERNAL_H

#include <stddef.h>

#include "base/types.h"

struct cpu;
struct vm;

/* gdb_conn.c: the connection and packet framing ($data#ck, acks,
 * binary escapes, ^C). */
#define GDB_PACKET_MAX 16384

struct gdb_conn {
    int fd;
    bool no_ack;             /* after QStartNoAckMode */
    u8 in[4096];
    size_t in_pos, in_len;
};

/* Listens at where and accepts one connection; false with a message
 * on failure. */
bool gdb_conn_open(struct gdb_conn *c, const char *where);
/* Next packet's payload, NUL-terminated, into buf (GDB_PACKET_MAX);
 * returns its length, or -1 when the connection is gone. A lone ^C
 * between packets comes back as the one-byte packet "\x03". */
int gdb_conn_recv(struct gdb_conn *c, char *buf);
/* Sends data (len bytes, escaped as needed) as one packet. */
bool gdb_conn_send(struct gdb_conn *c, const char *data, size_t len);
bool gdb_conn_sendstr(struct gdb_conn *c, const char *s);
/* True if gdb sent ^C (consumes it); never blocks. */
bool gdb_conn_interrupted(struct gdb_conn *c);
void gdb_conn_close(struct gdb_conn *c);

/* gdb_target.c: the riscv:rv64 target. */
extern const char gdb_target_xml[];
/* Register n in gdb's riscv numbering (0-31 x, 32 pc, 33-64 f,
 * 66 fflags, 67 frm, 68 fcsr) as target-order hex into out; returns
 * the bytes (0 if no such register). */
int gdb_reg_get(const struct cpu *cpu, int n, char *out);
/* Sets register n from hex; false if no such register or bad hex. */
bool gdb_reg_set(struct cpu *cpu, int n, const char *hex);
/* All registers for 'g' (x, pc, f, fflags, frm, fcsr) as hex. */
size_t gdb_regs_get(const struct cpu *cpu, char *out);
bool gdb_regs_set(struct cpu *cpu, const char *hex);
/* Linux signal numbers <-> gdb's own (gdb/signals.def). */
int gdb_signal_from_linux(int sig);
int gdb_signal_to_linux(int gsig);

/* gdb_watch.c: breakpoints and watchpoints, kept by the VM. */
enum gdb_point_kind { GDB_BREAK = 0, GDB_WATCH_W = 2, GDB_WATCH_R = 3, GDB_WATCH_A = 4 };
bool gdb_point_add(int kind, u64 addr, u64 len);
bool gdb_point_remove(int kind, u64 addr, u64 len);
void gdb_point_clear(void);
bool gdb_break_at(u64 pc);
/* Decodes the instruction at cpu->pc; if its memory access hits a
 * watchpoint, returns the stop kind ("watch", "rwatch", "awatch") and
 * the watched address in *addr; else NULL. */
const char *gdb_watch_hit(struct cpu *cpu, u64 *addr);

/* Hex helpers. */
int gdb_hexval(char c);
void gdb_tohex(char *out, const void *p, size_t n);
bool gdb_fromhex(void *p, const char *hex, size_t n);

#endif
