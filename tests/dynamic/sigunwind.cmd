cflags=-rdynamic -fasynchronous-unwind-tables
qemu=no
