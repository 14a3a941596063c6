/* placeholder: runtime/netpoll_epoll.c */
