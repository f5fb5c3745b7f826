# date: formats, -u, -d, -R, -I, setting the clock, errors.
check 'the default format' 'date -u -d @0' 'Thu Jan  1 00:00:00 UTC 1970'
check '+FORMAT' 'date -u -d @86399 "+%Y-%m-%d %H:%M:%S"' '1970-01-01 23:59:59'
check '%s round-trips' 'date -u -d @1234567890 +%s' '1234567890'
check 'an ISO date and time' 'date -u -d "2024-02-29 12:34:56" +%s' '1709210096'
check 'a T and Z' 'date -d "2000-01-01T00:00:00Z" +%s' '946684800'
check 'a date alone is midnight' 'date -u -d 2001-09-09 +%H:%M' '00:00'
check 'TZ is honoured' 'TZ=EST5 date -d @0 +%H:%Z' '19:EST'
check '-u overrides TZ' 'TZ=EST5 date -u -d @0 +%H' '00'
check '-R' 'date -u -R -d @0' 'Thu, 01 Jan 1970 00:00:00 +0000'
check '-I' 'date -u -I -d @0' '1970-01-01'
check '-Iseconds' 'date -u -Iseconds -d @0' '1970-01-01T00:00:00+00:00'
check '-Iminutes with an offset' 'TZ=EST5 date -Iminutes -d @0' '1969-12-31T19:00-05:00'
# Tessera has no RTC yet: its clock counts from boot, so only the ticking is checked.
check 'now moves on' 'a=$(date +%s); sleep 1.1; b=$(date +%s); [ "$b" -gt "$a" ] && echo ok' 'ok'
check 'now is -d now' 'a=$(date +%s); b=$(date -d now +%s); [ $((b - a)) -le 1 ] && echo ok' 'ok'
check 'an empty format is an empty line' 'date +' ''
check_err 'an invalid -d' 'date -d yesterday-ish' "date: invalid date 'yesterday-ish'" 1
check_err 'no such day' 'date -d 2023-02-29' "date: invalid date '2023-02-29'" 1
check_err 'the clock cannot be set' 'date 010100002030' 'date: cannot set the time: Operation not supported' 1
check_err 'an operand that is neither' 'date tomorrow' "date: invalid date 'tomorrow'" 1
check_err 'an invalid -I' 'date -Iweeks' "date: invalid argument 'weeks' for -I
Try 'date --help' for more information." 2
check '--help describes it' 'date --help | head -n 2' 'NAME
    date - print the date and time'
