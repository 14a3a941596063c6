/* placeholder */
#ifndef GONET_NETPOLL_H
#define GONET_NETPOLL_H
#endif
