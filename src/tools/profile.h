/* --profile[=FILE]: where the guest spent its instructions, by ELF
 * function, printed at exit. */
#ifndef RVX_TOOLS_PROFILE_H
#define RVX_TOOLS_PROFILE_H

struct vm;

/* Prints the top functions of the program by guest instructions
 * executed, to vm->opt.profile ("-" for stderr). */
void profile_report(struct vm *vm);

#endif
