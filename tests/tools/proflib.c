/* Shared library for tests/tools/run.sh (profile_debuglink): its hot
 * function is local, so only the separate debug file names it once the
 * library is stripped. */
static __attribute__((noinline)) long lib_inner(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += i ^ (s >> 2);
    return s;
}

long lib_work(long n) { return lib_inner(n) + 1; }
