/* Guest program for tests/tools/gdb.sh: a function to break in, a
 * local to print, a global to watch, a known exit status. */
int counter;

int compute(int x)
{
    int y = x * 2;
    y += 3;
    return y;
}

int main(void)
{
    int total = 0;
    for (int i = 0; i < 3; i++)
        total += compute(i);
    counter = total;
    counter += 1;
    return counter;
}
