#!/bin/sh
# runtests.sh BIN: runs the Check suite from the repo root.
exec "$1"
