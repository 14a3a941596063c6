/*
 * gonet package context: what net's lookups use beyond Go's API.  Private:
 * not installed.
 */
#ifndef GONET_CONTEXT_IMPL_H
#define GONET_CONTEXT_IMPL_H

#include "context/context.h"

/*
 * context_newOnlyValues is Go's onlyValuesCtx (net/lookup.go, made by
 * withUnexpiredValuesPreserved): a context never cancelled but by its
 * Free, with no deadline, whose values are lookupValues's while
 * lookupValues is not done.  It keeps lookupValues alive until freed.
 */
context_Context *context_newOnlyValues(context_Context *lookupValues);

#endif /* GONET_CONTEXT_IMPL_H */
