/*
 * C port of go1.19 src/net/main_test.go: the test binary's main and the
 * leak check that runs around every test.
 */
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/main_test.h"

static int fdsAtSetup;

/*
 * countFds counts this process's open descriptors, leaving out anonymous
 * inodes (epoll, eventfd, timerfd): the poller opens those once and keeps
 * them for the life of the process, which is not a leak.
 */
static int
countFds(void)
{
	DIR	      *d;
	struct dirent *e;
	char	       path[300], target[256];
	ssize_t	       n;
	int	       count;

	d = opendir("/proc/self/fd");
	if (d == NULL)
		return -1;
	count = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		if (strncmp(target, "anon_inode:", 11) == 0)
			continue;
		count++;
	}
	closedir(d);
	return count;
}

static void
leakSetup(void)
{
	fdsAtSetup = countFds();
}

static void
leakTeardown(void)
{
	int now;

	now = countFds();
	ck_assert_msg(now == fdsAtSetup,
	    "file descriptors leaked: %d open before the test, %d after",
	    fdsAtSetup, now);
}

TCase *
newTCase(const char *name)
{
	TCase *tc;

	tc = tcase_create(name);
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, leakSetup, leakTeardown);
	return tc;
}

void
sendTrue(runtime_hchan *c)
{
	bool v = true;

	runtime_chansend1(c, &v);
}

void
sendInt(runtime_hchan *c, int v)
{
	runtime_chansend1(c, &v);
}

int
recvInt(runtime_hchan *c)
{
	int v;

	runtime_chanrecv1(c, &v);
	return v;
}

int
runChild(void (*f)(void *), void *arg, char *out, size_t n)
{
	int	p[2], status;
	pid_t	pid;
	ssize_t r;
	size_t	got;

	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(p[1], 2);
		f(arg);
		_exit(0);
	}
	close(p[1]);
	got = 0;
	while (got < n - 1 &&
	    ((r = read(p[0], out + got, n - 1 - got)) > 0 ||
		(r < 0 && errno == EINTR)))
		if (r > 0)
			got += (size_t)r;
	out[got] = '\0';
	close(p[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

/* callVoid adapts a plain void function to runChild's f(arg). */
struct voidFunc {
	void (*f)(void);
};

static void
callVoid(void *arg)
{
	((struct voidFunc *)arg)->f();
}

char *
crashOutput(void (*f)(void))
{
	struct voidFunc vf = { f };
	char	       *out;
	int		status;

	out = malloc(4096);
	ck_assert_ptr_nonnull(out);
	status = runChild(callVoid, &vf, out, 4096);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		free(out);
		return NULL;
	}
	return out;
}

int
main(void)
{
	Suite *(*const suites[])(void) = {
#define SUITE(name) name##_suite,
#include "tests/suites.h"
#undef SUITE
	};
	SRunner *sr;
	size_t	 i;
	int	 failed;

	sr = srunner_create(suites[0]());
	for (i = 1; i < nelem(suites); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
