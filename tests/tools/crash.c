/* Guest program for tests/tools/gdb.sh: dies of SIGSEGV. */
volatile int *volatile nowhere;
double half = 0.5;

int main(void)
{
    double d = half * 3;
    *nowhere = (int)d;
    return 0;
}
