ldflags=-pthread
