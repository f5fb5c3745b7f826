// SPDX-License-Identifier: MIT
/*
 * nl_langinfo: the C locale's strings for every item, except CODESET,
 * which names LC_CTYPE's encoding the way glibc does ("ANSI_X3.4-1968"
 * is ASCII). An unknown item gives "", as POSIX asks.
 */
#include "locale_impl.h"

#include <langinfo.h>

static const char *const langinfo_c[NL_ITEM_COUNT_] = {
	[D_T_FMT] = "%a %b %e %H:%M:%S %Y", [D_FMT] = "%m/%d/%y",
	[T_FMT] = "%H:%M:%S", [T_FMT_AMPM] = "%I:%M:%S %p",
	[AM_STR] = "AM", [PM_STR] = "PM",
	[DAY_1] = "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday",
	[ABDAY_1] = "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	[MON_1] = "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
	[ABMON_1] = "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
	"Oct", "Nov", "Dec",
	[ALTMON_1] = "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
	[ABALTMON_1] = "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
	"Oct", "Nov", "Dec",
	[RADIXCHAR] = ".", [THOUSEP] = "",
	[YESEXPR] = "^[yY]", [NOEXPR] = "^[nN]", [CRNCYSTR] = "-",
};

char *nl_langinfo_l(nl_item item, locale_t locale)
{
	if (item == CODESET)
		return (char *)(__libc_locale_is_utf8(locale) ? "UTF-8" : "ANSI_X3.4-1968");
	if (item < 0 || item >= NL_ITEM_COUNT_ || !langinfo_c[item])
		return (char *)"";
	return (char *)langinfo_c[item];
}

char *nl_langinfo(nl_item item)
{
	return nl_langinfo_l(item, __libc_locale_current());
}
