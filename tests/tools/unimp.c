/* Guest program for tests/tools/run.sh: runs an instruction rvx does
 * not implement (custom-0 opcode), so -d unimp names it. */
int main(void)
{
    __asm__ volatile(".word 0x0000000b");
    return 0;
}
