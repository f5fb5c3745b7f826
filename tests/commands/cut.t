# cut: bytes, characters, fields, lists and ranges, -d, -s, errors.
printf 'abcdef\n123456\n' > chars
printf 'a:b:c\n1:2:3:4\nno delimiter\n' > fields
printf 'x\ty\tz\n' > tabs
check '-c takes characters' 'cut -c 2 chars' 'b
2'
check '-c with a range' 'cut -c 2-4 chars' 'bcd
234'
check '-c with N- and -M' 'cut -c -2,5- chars' 'abef
1256'
check 'a list is printed in input order' 'cut -c 4,1-2 chars' 'abd
124'
check 'overlapping ranges count once' 'cut -c 1-3,2-4 chars' 'abcd
1234'
check 'positions past the end are nothing' 'cut -c 5-10 chars' 'ef
56'
check '-b takes bytes' 'cut -b 1,3 chars' 'ac
13'
check '-f with -d' 'cut -d : -f 2 fields' 'b
2
no delimiter'
check '-f ranges keep the delimiter' 'cut -d: -f 2- fields' 'b:c
2:3:4
no delimiter'
check '-s leaves out lines without a delimiter' 'cut -s -d : -f 1,3 fields' 'a:c
1:3'
check 'tab is the default delimiter' 'cut -f 2,3 tabs' 'y	z'
check 'fields past the end are nothing' 'cut -d: -f 4 fields' '
4
no delimiter'
check 'standard input and -' 'printf "q:w\n" | cut -d: -f2 - ' 'w'
check 'a line without newline gets one' 'printf "abc" | cut -c 1' 'a'
check_err 'no list is a usage error' 'cut chars' "cut: you must specify a list of bytes, characters, or fields
Try 'cut --help' for more information." 2
check_err 'positions start at 1' 'cut -c 0 chars' "cut: positions are numbered from 1
Try 'cut --help' for more information." 2
check_err 'a decreasing range' 'cut -c 3-1 chars' "cut: invalid decreasing range in '3-1'
Try 'cut --help' for more information." 2
check_err 'an invalid list' 'cut -f x fields' "cut: invalid list 'x'
Try 'cut --help' for more information." 2
check_err 'a delimiter of two characters' 'cut -d ab -f 1 fields' "cut: the delimiter must be a single character
Try 'cut --help' for more information." 2
check_err 'a missing file' 'cut -c 1 nope' 'cut: nope: No such file or directory' 1
check '--help describes it' 'cut --help | head -n 2' 'NAME
    cut - remove sections from each line'
