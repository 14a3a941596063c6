/*
 * gonet package time: what sleep.c and tick.c share and do not export.
 */
#ifndef GONET_TIME_IMPL_H
#define GONET_TIME_IMPL_H

#include "runtime/linkname_time.h"
#include "time/time.h"

/* time_when is the runtime time at which a timer of d is due. */
int64_t time_when(time_Duration d);
/* time_sendTime sends Now on the channel c unless its buffer is full. */
void time_sendTime(void *c, uintptr_t seq);

#endif /* GONET_TIME_IMPL_H */
