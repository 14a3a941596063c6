/*
 * baddns ADDR: a misbehaving DNS server for tools/diff.sh, with no gonet
 * in it, so that gonet's resolver and Go's meet the same faults.  It
 * listens on ADDR port 53 (UDP and TCP; run it only inside the private
 * namespace of tools/dnsns.sh) and answers by the first label of the
 * queried name:
 *	ok	  an A record 192.0.2.1 (no AAAA: NODATA)
 *	wrongid	  the answer with another ID (a resolver must ignore it)
 *	wrongq	  the answer to another question type (ignored too)
 *	garbage	  four bytes that are no DNS message
 *	silent	  nothing (the timeout path)
 *	servfail  RCODE 2; refused: RCODE 5; nxdomain: RCODE 3
 *	tcok	  over UDP an empty answer with TC set; over TCP, ok's answer
 *	tctrunc	  over UDP TC set; over TCP a length prefix for the whole
 *		  answer and half of it, then the connection closes
 *	lame	  no answer, no AA and no RA (a lame referral)
 * Any other name gets REFUSED.  Once its sockets are bound it forks:
 * the parent prints the server's pid and exits (so a script knows it is
 * ready), the child serves until killed, or a minute without a query.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { maxMsg = 1500 };

/* The first label of the query's name, as a C string, or "" if none. */
static void
firstLabel(const unsigned char *q, size_t n, char *label)
{
	size_t len;

	label[0] = '\0';
	if (n < 13)
		return;
	len = q[12];
	if (len > 63 || 13 + len > n)
		return;
	memcpy(label, q + 13, len);
	label[len] = '\0';
}

/* questionEnd returns the offset just past the question, or 0. */
static size_t
questionEnd(const unsigned char *q, size_t n)
{
	size_t i;

	for (i = 12; i < n && q[i] != 0; i += (size_t)q[i] + 1)
		if (q[i] > 63)
			return 0;
	return i + 5 <= n ? i + 5 : 0;
}

/*
 * answer builds the reply to query q (n bytes) in r and returns its
 * length, 0 for none.  tcp tells which transport asked.
 */
static size_t
answer(const unsigned char *q, size_t n, unsigned char *r, int tcp)
{
	static const unsigned char rrA[] = { 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 1,
		0x2c, 0, 4, 192, 0, 2, 1 };
	char			   l[64];
	size_t			   end;
	int			   isA;

	end = questionEnd(q, n);
	if (end == 0)
		return 0;
	firstLabel(q, n, l);
	memcpy(r, q, end);
	r[2] = 0x84 | (q[2] & 0x01); /* QR, AA, RD as asked */
	r[3] = 0x80;		     /* RA */
	memset(r + 6, 0, 6);	     /* no answer, authority, additional */
	isA = q[end - 4] == 0 && q[end - 3] == 1;
	if (strcmp(l, "silent") == 0)
		return 0;
	if (strcmp(l, "garbage") == 0) {
		memcpy(r, "\x01\x02\x03", 4);
		return 4;
	}
	if (strcmp(l, "wrongid") == 0)
		r[1] ^= 0x5a;
	else if (strcmp(l, "wrongq") == 0)
		r[end - 3] ^= 0x0f;
	else if (strcmp(l, "servfail") == 0)
		r[3] |= 2;
	else if (strcmp(l, "nxdomain") == 0)
		r[3] |= 3;
	else if (strcmp(l, "lame") == 0)
		r[2] &= ~0x04, r[3] = 0;
	else if ((strcmp(l, "tcok") == 0 || strcmp(l, "tctrunc") == 0) && !tcp)
		r[2] |= 0x02;
	else if (strcmp(l, "ok") != 0 && strcmp(l, "tcok") != 0 &&
	    strcmp(l, "tctrunc") != 0)
		r[3] |= 5;
	if (r[3] == 0x80 && !(r[2] & 0x02) && isA && strcmp(l, "wrongq")) {
		r[7] = 1;
		memcpy(r + end, rrA, sizeof(rrA));
		end += sizeof(rrA);
	}
	return end;
}

static int
listener(const char *addr, int type)
{
	struct sockaddr_storage ss;
	socklen_t		len;
	int			fd, one;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &((struct sockaddr_in *)&ss)->sin_addr) ==
	    1) {
		ss.ss_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons(53);
		len = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, addr,
		       &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		ss.ss_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(53);
		len = sizeof(struct sockaddr_in6);
	} else
		return -1;
	one = 1;
	fd = socket(ss.ss_family, type, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&ss, len) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 64) < 0)) {
		perror("baddns");
		exit(1);
	}
	return fd;
}

static void
serveUDP(int fd)
{
	unsigned char		q[maxMsg], r[maxMsg + 16];
	struct sockaddr_storage from;
	socklen_t		fl;
	ssize_t			n;
	size_t			m;

	fl = sizeof(from);
	n = recvfrom(fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
	if (n <= 0)
		return;
	m = answer(q, (size_t)n, r, 0);
	if (m > 0)
		sendto(fd, r, m, 0, (struct sockaddr *)&from, fl);
}

/* readFull reads n bytes, or returns -1. */
static int
readFull(int fd, unsigned char *b, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = read(fd, b, n);
		if (k <= 0)
			return -1;
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

/* serveTCP answers one query on a new connection, then closes it. */
static void
serveTCP(int lfd)
{
	unsigned char q[maxMsg], r[maxMsg + 18];
	size_t	      n, m;
	int	      fd;

	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		return;
	if (readFull(fd, q, 2) < 0)
		goto out;
	n = (size_t)q[0] << 8 | q[1];
	if (n > sizeof(q) || readFull(fd, q, n) < 0)
		goto out;
	m = answer(q, n, r + 2, 1);
	if (m == 0)
		goto out;
	r[0] = (unsigned char)(m >> 8);
	r[1] = (unsigned char)m;
	firstLabel(q, n, (char *)q);
	if (strcmp((char *)q, "tctrunc") == 0)
		m /= 2;
	if (write(fd, r, m + 2) < 0)
		perror("baddns: write");
out:
	close(fd);
}

int
main(int argc, char **argv)
{
	struct pollfd p[2];
	pid_t	      pid;

	if (argc != 2) {
		fprintf(stderr, "usage: baddns ADDR\n");
		return 2;
	}
	p[0].fd = listener(argv[1], SOCK_DGRAM);
	p[1].fd = listener(argv[1], SOCK_STREAM);
	p[0].events = p[1].events = POLLIN;
	pid = fork();
	if (pid != 0) {
		printf("%ld\n", (long)pid);
		return pid < 0;
	}
	/* The caller's $(...) waits for every writer of its pipe to go. */
	if (freopen("/dev/null", "w", stdout) == NULL)
		return 1;
	for (;;) {
		/* Left behind by a script that died, it goes after a minute. */
		switch (poll(p, 2, 60000)) {
		case 0:
			return 0;
		case -1:
			continue;
		}
		if (p[0].revents & POLLIN)
			serveUDP(p[0].fd);
		if (p[1].revents & POLLIN)
			serveTCP(p[1].fd);
	}
}
