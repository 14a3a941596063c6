/*
 * C port of go1.19 src/runtime/netpoll_epoll.go
 * built on: linux
 *
 * The epoll backend of runtime/netpoll.h.  The runtime calls the kernel
 * directly here, as Go's runtime does, rather than through syscall/.
 */
#include <sys/epoll.h>
#include <sys/eventfd.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "runtime/netpoll.h"
#include "runtime/runtime_impl.h"

static int epfd = -1;

/*
 * Go uses a pipe for netpollBreak; an eventfd is one descriptor instead of
 * two and cannot fill up.  It is registered with a NULL user datum, which
 * no pollDesc can have.
 */
static int netpollBreakFd = -1;

/* netpollWakeSig is 1 while a break is pending, so breaks coalesce. */
static _Atomic uint32_t netpollWakeSig;

/*
 * Go throws when the kernel refuses, because its poller starts with the
 * process.  Here it starts with the first socket, when the descriptor
 * limit may already be reached, so the errno goes back to that caller and
 * nothing is kept: the next call tries again.
 */
int
runtime_netpollinit(void)
{
	struct epoll_event ev;
	int		   errno_;

	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0) {
		errno_ = errno;
		goto fail;
	}
	netpollBreakFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (netpollBreakFd < 0) {
		errno_ = errno;
		goto fail;
	}
	ev.events = EPOLLIN;
	ev.data.u64 = 0;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, netpollBreakFd, &ev) < 0) {
		errno_ = errno;
		goto fail;
	}
	return 0;
fail:
	if (netpollBreakFd >= 0)
		close(netpollBreakFd);
	if (epfd >= 0)
		close(epfd);
	netpollBreakFd = -1;
	epfd = -1;
	return errno_;
}

bool
runtime_netpollIsPollDescriptor(uintptr_t fd)
{
	return (epfd >= 0 && fd == (uintptr_t)epfd) ||
	    (netpollBreakFd >= 0 && fd == (uintptr_t)netpollBreakFd);
}

int
runtime_netpollopen(uintptr_t fd, runtime_pollDesc *pd)
{
	struct epoll_event ev;

	/*
	 * EPOLLPRI is gonet's addition: urgent data is one of the marks that
	 * net's drained reads must know of (runtime_pollSawMark).
	 */
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLET;
	ev.data.u64 = runtime_taggedPointerPack(pd, atomic_load(&pd->fdseq));
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, (int)fd, &ev) < 0)
		return errno;
	return 0;
}

int
runtime_netpollclose(uintptr_t fd)
{
	struct epoll_event ev;

	/* Kernels before 2.6.9 insisted on a non-NULL event for DEL. */
	ev.events = 0;
	ev.data.u64 = 0;
	if (epoll_ctl(epfd, EPOLL_CTL_DEL, (int)fd, &ev) < 0)
		return errno;
	return 0;
}

void
runtime_netpollBreak(void)
{
	uint32_t zero;
	uint64_t one;
	long	 n;

	zero = 0;
	if (!atomic_compare_exchange_strong(&netpollWakeSig, &zero, 1))
		return;
	one = 1;
	for (;;) {
		n = runtime_write1(netpollBreakFd, &one, sizeof(one));
		if (n == (long)sizeof(one))
			break;
		if (n == -EINTR)
			continue;
		/* A full counter already guarantees a wake-up. */
		if (n == -EAGAIN)
			return;
		fprintf(stderr, "runtime: netpollBreak write failed with %d\n",
		    (int)-n);
		runtime_throw("runtime: netpollBreak write failed");
	}
}

/* netpollBreakReset takes a break that has been seen off the eventfd. */
static void
netpollBreakReset(void)
{
	uint64_t tmp;

	while (runtime_read(netpollBreakFd, &tmp, sizeof(tmp)) == -EINTR)
		;
	atomic_store(&netpollWakeSig, 0);
}

void
runtime_netpollSleep(int64_t delay)
{
	struct pollfd p;

	if (netpollBreakFd == -1)
		return;
	p.fd = netpollBreakFd;
	p.events = POLLIN;
	p.revents = 0;
	/* As in runtime_netpoll, only a blocking wait takes the break. */
	if (runtime_ppoll(&p, 1, delay) > 0 && delay != 0)
		netpollBreakReset();
}

/*
 * netpollmode turns epoll's event bits into Go's mode: a hang-up or error
 * wakes both directions so that the next syscall reports it.
 */
static int32_t
netpollmode(uint32_t events)
{
	int32_t mode;

	mode = 0;
	if ((events &
		(EPOLLIN | EPOLLPRI | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0)
		mode += 'r';
	if ((events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) != 0)
		mode += 'w';
	return mode;
}

void
runtime_netpoll(int64_t delay, runtime_gList *toRun)
{
	struct epoll_event events[128], *ev;
	runtime_pollDesc  *pd;
	uintptr_t	   tag;
	int32_t		   mode;
	int		   waitms, n, i;

	toRun->head = NULL;
	if (epfd == -1)
		return;
	/*
	 * epoll counts milliseconds: round a short positive delay up so it
	 * is not a busy poll, and cap a huge one (about 11 days).
	 */
	if (delay < 0)
		waitms = -1;
	else if (delay == 0)
		waitms = 0;
	else if (delay < 1000000)
		waitms = 1;
	else if (delay < 1000000000000000LL)
		waitms = (int)(delay / 1000000);
	else
		waitms = 1000000000;
retry:
	n = runtime_epollwait(
	    epfd, events, (int)(sizeof(events) / sizeof(events[0])), waitms);
	if (n < 0) {
		if (n != -EINTR) {
			fprintf(stderr,
			    "runtime: epollwait on fd %d failed "
			    "with %d\n",
			    epfd, -n);
			runtime_throw("runtime: netpoll failed");
		}
		/* With a timeout the caller recomputes it: just return. */
		if (waitms > 0)
			return;
		goto retry;
	}
	for (i = 0; i < n; i++) {
		ev = &events[i];
		if (ev->events == 0)
			continue;

		if (ev->data.u64 == 0) {
			if (ev->events != EPOLLIN) {
				fprintf(stderr, "runtime: netpoll: %s %u\n",
				    "break fd ready for", (unsigned)ev->events);
				runtime_throw(
				    "runtime: netpoll: break fd ready "
				    "for something unexpected");
			}
			/*
			 * A non-blocking poll leaves the break pending, so
			 * that the blocking poll it was meant for still
			 * returns at once.
			 */
			if (delay != 0)
				netpollBreakReset();
			continue;
		}

		mode = netpollmode(ev->events);
		if (mode == 0)
			continue;
		pd = runtime_taggedPointer_pointer(ev->data.u64);
		tag = runtime_taggedPointer_tag(ev->data.u64);
		/*
		 * pollOpen bumps fdseq and clears rg/wg under pd->lock, so
		 * comparing under the same lock guarantees that an event
		 * collected for a closed fd never leaves pdReady for the
		 * next user of pd.
		 */
		runtime_lock(&pd->lock);
		if (atomic_load(&pd->fdseq) == tag) {
			runtime_pollDesc_setEventErr(
			    pd, ev->events == EPOLLERR);
			if ((ev->events &
				(EPOLLPRI | EPOLLRDHUP | EPOLLHUP |
				    EPOLLERR)) != 0)
				runtime_pollDesc_setEventMark(pd);
			runtime_netpollready(toRun, pd, mode);
		}
		runtime_unlock(&pd->lock);
	}
}
