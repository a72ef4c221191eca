ldflags=-Wl,-rpath,$ORIGIN
