/* C port of go1.19 src/os/file_posix.go, only Close */
/* built on: unix || (js && wasm) || windows */
#include "os/os_impl.h"

/*
 * os_File_Close closes the descriptor; a second Close returns "close
 * NAME: file already closed".  The File stays valid until os_File_Free.
 */
runtime_error *
os_File_Close(os_File *f)
{
	if (f == NULL)
		return os_ErrInvalid;
	return os_File_close(f);
}
