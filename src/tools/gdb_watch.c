/* Breakpoints and watchpoints of the gdb stub, kept by the VM and never
 * written into guest memory. A breakpoint stops a thread before the
 * instruction at its address runs. A watchpoint is checked by decoding
 * the instruction about to run: a load, store, LR/SC or AMO whose
 * bytes overlap a watched range is a hit, reported after it retires
 * (gdb then compares the old and new values itself). Accesses made by
 * syscalls on the guest's behalf are not seen. Only the stub's session
 * thread changes the tables, while every guest thread is stopped. */
#include "tools/gdb_internal.h"

#include <string.h>

#include "cpu/cpu.h"
#include "cpu/decode.h"
#include "mem/copy.h"
#include "vm/vm.h"

#define GDB_POINTS_MAX 64

static struct point {
    int kind;
    u64 addr, len;
} points[GDB_POINTS_MAX];
static int npoints;
static int nbreaks; /* how many of points are breakpoints */

bool gdb_point_add(int kind, u64 addr, u64 len)
{
    for (int i = 0; i < npoints; i++)
        if (points[i].kind == kind && points[i].addr == addr && points[i].len == len)
            return true;
    if (npoints == GDB_POINTS_MAX)
        return false;
    points[npoints++] = (struct point){kind, addr, len ? len : 1};
    nbreaks += kind == GDB_BREAK;
    return true;
}

bool gdb_point_remove(int kind, u64 addr, u64 len)
{
    for (int i = 0; i < npoints; i++) {
        if (points[i].kind == kind && points[i].addr == addr &&
            (kind == GDB_BREAK || points[i].len == (len ? len : 1))) {
            nbreaks -= kind == GDB_BREAK;
            points[i] = points[--npoints];
            return true;
        }
    }
    return false;
}

void gdb_point_clear(void) { npoints = nbreaks = 0; }

bool gdb_break_at(u64 pc)
{
    for (int i = 0; nbreaks && i < npoints; i++)
        if (points[i].kind == GDB_BREAK && points[i].addr == pc)
            return true;
    return false;
}

/* The memory access of in: its width in bytes (0 if none) and whether
 * it reads and/or writes. */
static unsigned access_of(const struct insn *in, bool *rd, bool *wr)
{
    *rd = *wr = false;
    switch (in->op) {
    case OP_LB: case OP_LBU: *rd = true; return 1;
    case OP_LH: case OP_LHU: *rd = true; return 2;
    case OP_LW: case OP_LWU: case OP_FLW: *rd = true; return 4;
    case OP_LD: case OP_FLD: *rd = true; return 8;
    case OP_SB: *wr = true; return 1;
    case OP_SH: *wr = true; return 2;
    case OP_SW: case OP_FSW: *wr = true; return 4;
    case OP_SD: case OP_FSD: *wr = true; return 8;
    case OP_LR_W: *rd = true; return 4;
    case OP_LR_D: *rd = true; return 8;
    case OP_SC_W: *wr = true; return 4;
    case OP_SC_D: *wr = true; return 8;
    default:
        if (in->op >= OP_AMOSWAP_W && in->op <= OP_AMOMAXU_D) {
            *rd = *wr = true;
            return in->op <= OP_AMOMAXU_W ? 4 : 8;
        }
        return 0;
    }
}

static bool is_amo(const struct insn *in)
{
    return in->op >= OP_LR_W && in->op <= OP_AMOMAXU_D;
}

const char *gdb_watch_hit(struct cpu *cpu, u64 *addr)
{
    if (npoints == nbreaks)
        return NULL;
    u32 raw = 0;
    if (copy_from_guest(cpu->vm, &raw, cpu->pc, 2))
        return NULL;
    if ((raw & 3) == 3 && copy_from_guest(cpu->vm, &raw, cpu->pc, 4))
        return NULL;
    struct insn in;
    dec_insn(&in, raw);
    bool rd, wr;
    unsigned width = access_of(&in, &rd, &wr);
    if (!width)
        return NULL;
    u64 ea = cpu->x[in.rs1] + (is_amo(&in) ? 0 : (u64)(i64)in.imm);
    for (int i = 0; i < npoints; i++) {
        const struct point *p = &points[i];
        if (p->kind == GDB_BREAK || ea >= p->addr + p->len || ea + width <= p->addr)
            continue;
        bool hit = p->kind == GDB_WATCH_A || (p->kind == GDB_WATCH_W && wr) ||
                   (p->kind == GDB_WATCH_R && rd);
        if (hit) {
            *addr = p->addr;
            return p->kind == GDB_WATCH_W ? "watch" : p->kind == GDB_WATCH_R ? "rwatch" : "awatch";
        }
    }
    return NULL;
}
