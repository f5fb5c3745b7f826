# clear: the ANSI sequences, -x, usage errors.
check 'home, erase screen, erase scrollback' 'clear | hexdump -C' \
	'00000000  1b 5b 48 1b 5b 32 4a 1b  5b 33 4a                 |.[H.[2J.[3J|
0000000b'
check '-x keeps the scrollback' 'clear -x | hexdump -C' \
	'00000000  1b 5b 48 1b 5b 32 4a                              |.[H.[2J|
00000007'
check 'nothing but the sequences' 'clear | wc -c' '11'
check_err 'an operand is a usage error' 'clear now' "clear: extra operand 'now'
Try 'clear --help' for more information." 2
check_err 'an unknown option is a usage error' 'clear -z' "clear: invalid option -- 'z'
Try 'clear --help' for more information." 2
check '--help describes it' 'clear --help | head -n 2' 'NAME
    clear - clear the terminal screen'
