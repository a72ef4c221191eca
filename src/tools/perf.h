/* Linux perf sees translated code (-perfmap, -jitdump, as QEMU spells
 * them): every translation is announced with its host address, size
 * and the guest function it came from.
 *   -perfmap: /tmp/perf-PID.map, "HOSTADDR SIZE NAME" lines (hex), read
 *             by perf report directly.
 *   -jitdump: /tmp/jit-PID.dump in perf's jitdump format (a header, one
 *             JIT_CODE_LOAD record with the code bytes per translation),
 *             mapped executable once so `perf record -k 1` notes it and
 *             `perf inject --jit` turns the records into ELF images. */
#ifndef RVX_TOOLS_PERF_H
#define RVX_TOOLS_PERF_H

#include "base/types.h"

struct cpu;
struct vm;

/* Opens the files vm->opt.perfmap / vm->opt.jitdump ask for; a file
 * that cannot be created is a warning, as in QEMU. */
void perf_start(struct vm *vm);

/* A translation of the guest block at pc: size bytes of host code at
 * code. Call without the code cache lock (symbols take the map lock).
 * In a forked child the files of the new pid are opened first. */
void perf_code(struct cpu *cpu, guest_addr pc, const void *code, u32 size);

#endif
