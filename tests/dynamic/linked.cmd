ldflags=-L. -lplugin -Wl,-rpath,$ORIGIN
