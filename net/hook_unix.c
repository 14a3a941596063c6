/*
 * C port of go1.19 src/net/hook_unix.go and src/internal/poll/hook_unix.go
 * (built on: unix || (js && wasm)).
 */
#include "net/net_impl.h"

static void
noHook(void)
{
}

/*
 * The dial tests reach inside netFD.connect through these two (Go issues
 * 5349 and 16523); outside the tests they do nothing.
 */
void (*net_testHookDialChannel)(void) = noHook;
void (*net_testHookCanceledDial)(void) = noHook;

/*
 * Every socket system call of the socket layer and netFD goes through a
 * pointer, so that a test can fail or observe a call without the kernel's
 * help, as Go's internal/socktest does.
 */
syscall_Errno (*net_socketFunc)(int, int, int, int *) = syscall_Socket;
syscall_Errno (*net_connectFunc)(
    int, const syscall_Sockaddr *) = syscall_Connect;
syscall_Errno (*net_listenFunc)(int, int) = syscall_Listen;
syscall_Errno (*net_getsockoptIntFunc)(
    int, int, int, int *) = syscall_GetsockoptInt;

/* internal/poll's CloseFunc and Accept4Func. */
syscall_Errno (*net_closeFunc)(int) = syscall_Close;
syscall_Errno (*net_acceptFunc)(
    int, int, int *, syscall_Sockaddr *) = syscall_Accept4;
