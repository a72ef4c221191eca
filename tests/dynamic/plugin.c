/* A shared library of our own, for linked.c (DT_NEEDED through
 * RPATH=$ORIGIN) and dlopen.c (dlopen by name through the same RPATH). */
#include <stdio.h>

static int counter = 40;

int plugin_add(int a, int b) { return a + b + (counter++ - 40); }

const char *plugin_name(void) { return "plugin"; }

__attribute__((constructor)) static void plugin_init(void) { counter = 40; }
