# hexdump: the canonical, default and -x layouts, repeats, -n -s -v, files.
printf 'hello\n' > hello
printf '0123456789abcdef0123456789abcdef0123456789abcdefXYZ' > lines
check '-C shows hex and text' 'hexdump -C hello' \
'00000000  68 65 6c 6c 6f 0a                                 |hello.|
00000006'
check '-C full lines, a repeat as *' 'hexdump -C lines' \
'00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|
*
00000030  58 59 5a                                          |XYZ|
00000033'
check '-v shows repeated lines' 'hexdump -C -v lines | wc -l' '5'
check 'the default: 16-bit words' 'hexdump hello' \
'0000000 6568 6c6c 0a6f                         
0000006'
check '-x: wider word columns, an odd byte alone' 'printf abc | hexdump -x' \
'0000000    6261    0063                                                
0000003'
check '-n limits the length' 'hexdump -C -n 3 hello' \
'00000000  68 65 6c                                          |hel|
00000003'
check '-s skips, offsets count from the start' 'hexdump -C -s 2 -n 3 hello' \
'00000002  6c 6c 6f                                          |llo|
00000005'
check '-s on a pipe reads past the bytes' 'cat hello | hexdump -C -s 0x4' \
'00000004  6f 0a                                             |o.|
00000006'
check 'unprintable bytes are dots' 'printf "\000\177\200 ~" | hexdump -C' \
'00000000  00 7f 80 20 7e                                    |... ~|
00000005'
check 'files are one stream' 'hexdump -C hello hello' \
'00000000  68 65 6c 6c 6f 0a 68 65  6c 6c 6f 0a              |hello.hello.|
0000000c'
check 'empty input prints nothing' 'hexdump -C < /dev/null' ''
check_err 'a missing file' 'hexdump nope' 'hexdump: nope: No such file or directory' 1
check_err 'an invalid length' 'hexdump -n x hello' "hexdump: invalid number 'x'
Try 'hexdump --help' for more information." 2
check '--help describes it' 'hexdump --help | head -n 2' 'NAME
    hexdump - display file contents in hexadecimal'
