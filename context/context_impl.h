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

/*
 * Test hooks (tests/context_test.c), the two looks Go's tests take at the
 * unexported tree: how many contexts c's cancel reaches directly (Go's
 * len(c.children)), and the context whose cancel reaches c (Go's
 * parentCancelCtx), NULL for one made from Background or cancelled.
 */
int		 context_testChildren(context_Context *c);
context_Context *context_testParent(context_Context *c);

#endif /* GONET_CONTEXT_IMPL_H */
