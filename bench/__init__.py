"""`make bench`: measured figures for the issues, loopback only, printed one line each."""
