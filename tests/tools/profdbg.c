/* Guest program for tests/tools/run.sh (profile_debuglink): calls into
 * a stripped library whose debug file lies beside it. */
long lib_work(long n);

int main(void) { return lib_work(200000) == 0; }
