/* dlopen of a sysroot library (libm.so.6), of our own library by name
 * (RPATH $ORIGIN), of a missing one; dlsym, dladdr, dlclose. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    void *m = dlopen("libm.so.6", RTLD_NOW);
    if (!m) {
        printf("dlopen libm: %s\n", dlerror());
        return 1;
    }
    double (*cosp)(double) = (double (*)(double))dlsym(m, "cos");
    double (*hyp)(double, double) = (double (*)(double, double))dlsym(m, "hypot");
    printf("cos(0.5)=%a hypot(3,4)=%g\n", cosp(0.5), hyp(3, 4));
    Dl_info info;
    if (dladdr((void *)cosp, &info) && info.dli_fname)
        printf("cos is in %s\n", strstr(info.dli_fname, "libm.so.6") ? "libm.so.6" : info.dli_fname);
    void *p = dlopen("libplugin.so", RTLD_LAZY);
    if (!p) {
        printf("dlopen plugin: %s\n", dlerror());
        return 1;
    }
    int (*add)(int, int) = (int (*)(int, int))dlsym(p, "plugin_add");
    printf("plugin_add=%d %d\n", add(20, 22), add(20, 22));
    printf("missing symbol: %s\n", dlsym(p, "no_such_symbol") ? "found" : "NULL");
    dlclose(p);
    void *q = dlopen("libno-such-library.so", RTLD_NOW);
    const char *err = q ? "loaded?" : dlerror();
    printf("missing library: %s\n",
           strstr(err, "cannot open shared object file") ? "cannot open shared object file" : err);
    dlclose(m);
    return 0;
}
