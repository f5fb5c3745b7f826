# touch: creating files, now, -t, -d, -r, -a, -m, -c, errors.
TZ=UTC0
export TZ
check 'creates an empty file' 'touch new && stat -c "%F %s" new' 'regular empty file 0'
check 'leaves contents alone' 'printf abc > full && touch full && stat -c %s full' '3'
check 'sets the time to now' 'touch -d 2001-01-01T00:00:00Z old && touch old && test old -nt full -o ! old -ot full && printf now' 'now'
check '-t CCYYMMDDhhmm.SS' 'touch -t 200102030405.06 t && stat -c %Y t' '981173106'
check '-t YYMMDDhhmm (69-99 is 19YY)' 'touch -t 6912312359 t && stat -c %Y t' '-60'
check '-t YYMMDDhhmm (00-68 is 20YY)' 'touch -t 0102030405 t && stat -c %Y t' '981173100'
check '-t follows TZ' 'TZ=UTC-1 touch -t 200102030505.06 t && stat -c %Y t' '981173106'
check '-d ISO 8601 with Z' 'touch -d 2001-02-03T04:05:06Z t && stat -c %Y t' '981173106'
check '-d with a space and fraction' 'touch -d "2001-02-03 04:05:06.25" t && stat -c %y t' \
	'2001-02-03 04:05:06.250000000 +0000'
check '-d a date alone is midnight' 'touch -d 2001-02-03 t && stat -c %Y t' '981158400'
check '-d @SECONDS' 'touch -d @1000000000 t && stat -c %Y t' '1000000000'
check '-r copies another file'"'"'s times' 'touch -r t r && stat -c "%X %Y" r' '1000000000 1000000000'
check '-a changes only the access time' 'touch -a -d @5 r && stat -c "%X %Y" r' '5 1000000000'
check '-m changes only the modification time' 'touch -m -d @7 r && stat -c "%X %Y" r' '5 7'
check '-c does not create' 'touch -c absent; ls absent 2>/dev/null; printf %s $?' '2'
check 'touches a directory' 'mkdir d && touch -d @9 d && stat -c %Y d' '9'
check_err 'an impossible date is refused' 'touch -t 200102300000 x' "touch: invalid date format '200102300000'" 1
check_err 'a malformed date is refused' 'touch -d yesterday x' "touch: invalid date format 'yesterday'" 1
check_err 'a missing -r file is reported' 'touch -r nope x' 'touch: nope: No such file or directory' 1
check_err 'a file in a missing directory is reported' 'touch no/such' 'touch: no/such: No such file or directory' 1
check_err 'two time sources are a usage error' 'touch -t 0102030405 -d @0 x' "touch: only one of -t, -d and -r may be given
Try 'touch --help' for more information." 2
check_err 'no operand is a usage error' 'touch' "touch: missing file operand
Try 'touch --help' for more information." 2
