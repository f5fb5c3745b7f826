// SPDX-License-Identifier: MIT
/*
 * Error and signal descriptions. strerror's table comes from abi/errno.h's
 * ERRNO_LIST, the same list the E* macros are generated from, so every
 * error number has its message (this file includes the abi enum, not
 * <errno.h>). Numbers outside the list get "Unknown error N" built in a
 * thread-local buffer, as do unknown signals, so concurrent callers do
 * not overwrite each other's text. strerror_r is POSIX's: 0, or EINVAL
 * for an unknown number and ERANGE when the buffer is too small (it then
 * holds as much as fits).
 */
#include <abi/errno.h>
#include <signal.h>
#include <string.h>

static const char *const strerror_messages[] = {
#define STRERROR_ENTRY(name, value, message) [value] = message,
	ERRNO_LIST(STRERROR_ENTRY)
#undef STRERROR_ENTRY
};

#define MESSAGE_COUNT(t) (sizeof(t) / sizeof((t)[0]))

static const char *const strsignal_messages[] = {
	[SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction", [SIGTRAP] = "Trace/breakpoint trap",
	[SIGABRT] = "Aborted", [SIGBUS] = "Bus error",
	[SIGFPE] = "Floating point exception", [SIGKILL] = "Killed",
	[SIGUSR1] = "User defined signal 1", [SIGSEGV] = "Segmentation fault",
	[SIGUSR2] = "User defined signal 2", [SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock", [SIGTERM] = "Terminated", [16] = "Stack fault",
	[SIGCHLD] = "Child exited", [SIGCONT] = "Continued",
	[SIGSTOP] = "Stopped (signal)", [SIGTSTP] = "Stopped",
	[SIGTTIN] = "Stopped (tty input)", [SIGTTOU] = "Stopped (tty output)",
	[23] = "Urgent I/O condition", [24] = "CPU time limit exceeded",
	[25] = "File size limit exceeded", [26] = "Virtual timer expired",
	[27] = "Profiling timer expired", [SIGWINCH] = "Window changed",
	[29] = "I/O possible", [30] = "Power failure", [31] = "Bad system call",
};

static __thread char unknown_text[40];

/* prefix followed by n in decimal, into buf. */
static char *text_with_number(char *buf, size_t size, const char *prefix, int n)
{
	char digits[12];
	int len = 0;
	unsigned u = n < 0 ? 0u - (unsigned)n : (unsigned)n;

	do
		digits[len++] = (char)('0' + u % 10);
	while ((u /= 10));
	if (n < 0)
		digits[len++] = '-';
	size_t at = strlcpy(buf, prefix, size);
	while (len && at + 1 < size)
		buf[at++] = digits[--len];
	buf[at < size ? at : size - 1] = '\0';
	return buf;
}

static const char *strerror_known(int errnum)
{
	if (errnum == 0)
		return "Success";
	if (errnum > 0 && (size_t)errnum < MESSAGE_COUNT(strerror_messages))
		return strerror_messages[errnum];
	return NULL;
}

char *strerror(int errnum)
{
	const char *m = strerror_known(errnum);

	if (m)
		return (char *)m;
	return text_with_number(unknown_text, sizeof(unknown_text), "Unknown error ", errnum);
}

char *strerror_l(int errnum, locale_t locale)
{
	(void)locale;
	return strerror(errnum);
}

int strerror_r(int errnum, char *buf, size_t size)
{
	const char *m = strerror_known(errnum);
	char unknown[40];

	if (!m)
		m = text_with_number(unknown, sizeof(unknown), "Unknown error ", errnum);
	if (size == 0)
		return ERANGE;
	if (strlcpy(buf, m, size) >= size)
		return ERANGE;
	return strerror_known(errnum) ? 0 : EINVAL;
}

char *strsignal(int sig)
{
	if (sig > 0 && (size_t)sig < MESSAGE_COUNT(strsignal_messages) && strsignal_messages[sig])
		return (char *)strsignal_messages[sig];
	return text_with_number(unknown_text, sizeof(unknown_text), "Unknown signal ", sig);
}
