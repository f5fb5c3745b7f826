# printf(1) (called as $B/printf: shells have a builtin of that name).
P=$B/printf
check 'a plain format' '$P "hello\n"' 'hello'
check 'strings and integers' '$P "%s=%d\n" a 1' 'a=1'
check 'the format is reused for the rest' '$P "%s-%s\n" a b c' 'a-b
c-'
check 'missing arguments are empty or zero' '$P "[%s|%d]\n"' '[|0]'
check 'width, precision, flags' '$P "[%5s][%-3d][%05.1f][%+d][% d]\n" ab 7 2.25 3 4' \
	'[   ab][7  ][002.2][+3][ 4]'
check '* takes width and precision' '$P "[%*.*s]\n" 6 2 abcdef' '[    ab]'
check 'octal, hex, unsigned' '$P "%o %x %X %u\n" 8 255 255 -1' '10 ff FF 18446744073709551615'
check 'numbers in C notation' '$P "%d %d %d\n" 0x10 010 -5' '16 8 -5'
check 'a quote gives a character code' '$P "%d %d\n" "'"'"'A" "\"a"' '65 97'
check '%c takes the first character' '$P "%c%c\n" hello world' 'hw'
check 'floating point' '$P "%.3f %e %g\n" 3.14159 1500 0.0001' '3.142 1.500000e+03 0.0001'
check '%b interprets escapes' '$P "%b|\n" "a\tb\0101"' 'a	bA|'
check '%b \c stops all output' '$P "%b%s\n" "x\cy" z; echo .' 'x.'
check '%% is a percent sign' '$P "100%%\n"' '100%'
check 'format escapes: octal and hex' '$P "\101\x42\n"' 'AB'
check '\c in the format stops' '$P "ab\cd"; echo .' 'ab.'
check 'a format without conversions ignores extra arguments' '$P "x\n" 1 2' 'x'
check_err 'a number that is not one' '$P "%d\n" abc' "printf: 'abc': expected a numeric value" 1
check 'it prints 0 for it and goes on' '$P "%d %d\n" abc 5 2>/dev/null' '0 5' 1
check_err 'a partly converted number' '$P "%d\n" 12x' "printf: '12x': value not completely converted" 1
check 'which prints what was converted' '$P "%d\n" 12x 2>/dev/null' '12' 1
check_err 'too large' '$P "%d\n" 99999999999999999999' "printf: '99999999999999999999': Numerical result out of range" 1
check_err 'an invalid conversion' '$P "%z\n"' 'printf: %z: invalid conversion specification' 1
check_err 'no format' '$P' "printf: missing operand
Try 'printf --help' for more information." 2
check '--help describes it' '$P --help | head -n 2' 'NAME
    printf - format and print data'
