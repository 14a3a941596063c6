/*
 * benchrun (C only): runs one benchmark command for tools/bench.sh and
 * then prints its CPU and wall-clock time as two more "metric value"
 * lines, so that every implementation is measured by the same code.
 *
 *	benchrun NAME CMD [ARG...]
 *
 * prints CMD's output, then "NAME_cpu_ms" (user plus system time of CMD
 * and of every child it waited for, from wait4's rusage) and
 * "NAME_wall_ms".  Exits with CMD's status, or 1 if a signal ended it.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
ms(struct timeval tv)
{
	return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	double	      t0;
	pid_t	      pid;
	int	      status;

	if (argc < 3) {
		fprintf(stderr, "usage: benchrun name cmd [arg...]\n");
		return 2;
	}
	fflush(stdout);
	t0 = now();
	pid = fork();
	if (pid < 0) {
		perror("benchrun: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "benchrun: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("benchrun: wait4");
			return 1;
		}
	}
	if (!WIFEXITED(status)) {
		fprintf(stderr, "benchrun: %s died\n", argv[2]);
		return 1;
	}
	if (WEXITSTATUS(status) != 0)
		return WEXITSTATUS(status);
	printf("%s_cpu_ms %.1f\n", argv[1], ms(ru.ru_utime) + ms(ru.ru_stime));
	printf("%s_wall_ms %.1f\n", argv[1], (now() - t0) * 1e3);
	return 0;
}
