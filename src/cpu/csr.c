/* Zicsr/Zicntr/F CSRs (see csr.h). Called by the interpreter on every
 * csr* instruction; out of line because CSR accesses are rare. */
#include "cpu/csr.h"

#include <time.h>

u64 csr_time(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u64)ts.tv_sec * CSR_TIME_HZ + (u64)ts.tv_nsec / (1000000000ull / CSR_TIME_HZ);
}

static bool csr_read(const struct cpu *c, u32 csr, u64 instret, u64 *v)
{
    switch (csr) {
    case CSR_FFLAGS: *v = c->fcsr & 0x1f; return true;
    case CSR_FRM: *v = (c->fcsr >> 5) & 7; return true;
    case CSR_FCSR: *v = c->fcsr & 0xff; return true;
    case CSR_CYCLE:
    case CSR_INSTRET: *v = instret; return true;
    case CSR_TIME: *v = csr_time(); return true;
    default: return false;
    }
}

static bool csr_write(struct cpu *c, u32 csr, u64 v)
{
    switch (csr) {
    case CSR_FFLAGS: c->fcsr = (c->fcsr & ~0x1fu) | (v & 0x1f); return true;
    case CSR_FRM: c->fcsr = (c->fcsr & 0x1f) | (u32)(v & 7) << 5; return true;
    case CSR_FCSR: c->fcsr = v & 0xff; return true;
    default: return false; /* counters are read-only, others unknown */
    }
}

bool csr_exec(struct cpu *c, enum rv_op op, u32 csr, unsigned rs1, u64 rs1_val,
              u64 instret, u64 *old)
{
    bool imm = op == OP_CSRRWI || op == OP_CSRRSI || op == OP_CSRRCI;
    u64 src = imm ? rs1 : rs1_val, v;
    if (!csr_read(c, csr, instret, &v))
        return false;
    *old = v;
    switch (op) {
    case OP_CSRRW:
    case OP_CSRRWI: return csr_write(c, csr, src);
    case OP_CSRRS:
    case OP_CSRRSI: return rs1 == 0 || csr_write(c, csr, v | src);
    default: return rs1 == 0 || csr_write(c, csr, v & ~src); /* RC, RCI */
    }
}
