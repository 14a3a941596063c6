#!/bin/sh
# Prints the Go 1.19 command: Debian's versioned path first, then PATH.
for g in /usr/lib/go-1.19/bin/go "$(command -v go 2>/dev/null)"; do
	if [ -n "$g" ] && [ -x "$g" ]; then
		echo "$g"
		exit 0
	fi
done
echo go
