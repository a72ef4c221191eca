/* Linked against libplugin.so, found through RPATH $ORIGIN (ld.so reads
 * /proc/self/exe for it). */
#include <stdio.h>

int plugin_add(int a, int b);
const char *plugin_name(void);

int main(void)
{
    printf("%s: %d %d\n", plugin_name(), plugin_add(1, 2), plugin_add(1, 2));
    return 0;
}
