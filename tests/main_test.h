/*
 * C port of go1.19 src/net/main_test.go: what every test file shares (the
 * suite list and the fd-leak fixture).
 */
#ifndef GONET_MAIN_TEST_H
#define GONET_MAIN_TEST_H

#include <check.h>

#include "runtime/runtime.h"

/* One Suite per Go test file, named after it. */
Suite *ip_suite(void);
Suite *mac_suite(void);
Suite *parse_suite(void);
Suite *ipsock_suite(void);
Suite *hosts_suite(void);
Suite *port_suite(void);
Suite *errors_suite(void);
Suite *syscall_suite(void);
Suite *time_suite(void);
Suite *net_suite(void);
Suite *tcpsock_suite(void);
Suite *udpsock_suite(void);
Suite *iprawsock_suite(void);
Suite *unixsock_suite(void);
Suite *lookup_suite(void);
Suite *fd_mutex_suite(void);
Suite *netpoll_suite(void);
Suite *server_suite(void);
Suite *listen_suite(void);
Suite *timeout_suite(void);
Suite *conn_suite(void);
Suite *error_suite(void);
Suite *protoconn_suite(void);
Suite *packetconn_suite(void);
Suite *dial_suite(void);
Suite *stress_suite(void);
Suite *context_suite(void);
Suite *rawconn_suite(void);
Suite *chan_suite(void);
/* dnsmessage's own test file: tests/dnsmessage/message_test.c. */
Suite *message_suite(void);
Suite *stack_suite(void);
Suite *mutex_suite(void);
Suite *rwmutex_suite(void);
Suite *waitgroup_suite(void);
Suite *once_suite(void);
Suite *cond_suite(void);
Suite *sleep_suite(void);
Suite *tick_suite(void);
/* net/netip's test files: tests/netip/. */
Suite *netip_suite(void);
Suite *netip_pkg_suite(void);
Suite *uint128_suite(void);
/* Platform suites: mk/$(OS).mk lists their files. */
Suite *sock_linux_suite(void);
Suite *tcpsock_unix_suite(void);
Suite *unixsock_linux_suite(void);
Suite *dial_unix_suite(void);
Suite *write_unix_suite(void);
Suite *error_posix_suite(void);
Suite *unixsock_readmsg_suite(void);
Suite *fd_posix_suite(void);

/*
 * newTCase returns a TCase with a timeout and the checked fixture that
 * fails a test which leaves more file descriptors open than it found, the
 * job Go's main_test.go does for sockets.
 */
TCase *newTCase(const char *name);

/*
 * crashOutput runs f in a forked child, as Go's tests re-run their binary
 * to watch a fatal error, and returns the child's stderr (malloc'd) if it
 * died, or NULL if f returned and the child exited normally.
 */
char *crashOutput(void (*f)(void));

/* Channel helpers shared by the goroutine tests: c <- true, c <- v, <-c. */
void sendTrue(runtime_hchan *c);
void sendInt(runtime_hchan *c, int v);
int  recvInt(runtime_hchan *c);

/* nelem counts the rows of a static table. */
#ifndef nelem
#define nelem(x) (sizeof(x) / sizeof((x)[0]))
#endif

#endif /* GONET_MAIN_TEST_H */
