opts=-E RVXT_B=beta -U RVXT_GONE -0 custom-argv0
args=first "second arg" third
