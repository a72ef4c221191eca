qemu=no
