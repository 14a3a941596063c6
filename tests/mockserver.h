/* placeholder */
#ifndef GONET_MOCKSERVER_H
#define GONET_MOCKSERVER_H
#endif
