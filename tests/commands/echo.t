# echo: GNU's options -n -e -E, escapes with -e, what is not an option.
check 'words separated by spaces' 'echo a  b c' 'a b c'
check 'no operands: an empty line' 'echo | hexdump -C | head -n 1' \
	'00000000  0a                                                |.|'
check '-n: no newline' 'echo -n abc; echo -n def' 'abcdef'
check 'escapes are not interpreted by default' 'echo "a\tb"' 'a\tb'
check '-e interprets \t and \n' 'echo -e "a\tb\nc"' 'a	b
c'
check '-e: \\ is a backslash' 'echo -e "a\\\\b"' 'a\b'
check '-e: \c stops everything, newline too' 'echo -e "ab\cde" x; echo .' 'ab.'
check '-e: \0NNN is octal' 'echo -e "\0101\0102"' 'AB'
check '-e: \xHH is hex' 'echo -e "\x41\x6a"' 'Aj'
check '-e: an unknown escape stays' 'echo -e "\q"' '\q'
check '-E undoes -e' 'echo -e -E "a\tb"' 'a\tb'
check 'options combine' 'echo -ne "x\ty"; echo' 'x	y'
check 'a word with other letters is printed' 'echo -nx a' '-nx a'
check '-- is printed' 'echo -- a' '-- a'
check 'options stop at the first operand' 'echo a -n' 'a -n'
check 'a lone - is printed' 'echo -' '-'
check '--help describes it' 'echo --help | head -n 2' 'NAME
    echo - write arguments to standard output'
