cflags=-no-pie
