/* C port of go1.19 src/net/mac.go */
#include "net/net_impl.h"

const char net_hexDigit[] = "0123456789abcdef";
