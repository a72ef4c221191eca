/* --profile[=FILE]: where the guest spent its instructions, by ELF
 * function (program and shared libraries), printed at exit;
 * --profile=folded:FILE: the same by call stack, in flame-graph folded
 * form. */
#ifndef RVX_TOOLS_PROFILE_H
#define RVX_TOOLS_PROFILE_H

#include "base/types.h"

struct vm;
struct cpu;
struct block;

#include <stdio.h>

/* At start-up, when --profile is given: the process that writes FILE
 * (a fork child writes FILE.PID). */
void profile_start(struct vm *vm);
/* The profile's output: stderr for "-", else path (path.PID in a fork
 * child); NULL, with a message, if it cannot be created. */
FILE *profile_open(const char *path);

/* Prints the top functions of the program by guest instructions
 * executed, to vm->opt.profile ("-" for stderr), or the folded stacks
 * for "folded:FILE". */
void profile_report(struct vm *vm);

/* Folded stacks (tools/stacks.c). The interpreter calls stacks_block at
 * each block it enters while LOG_STACKS is on. */
void stacks_block(const struct cpu *cpu, const struct block *b);
void stacks_report(struct vm *vm, const char *path);

#endif
