# wc: lines, words, characters, bytes; columns and totals; errors.
printf 'one two\nthree\n' > a
printf 'no newline' > b
: > empty
check 'lines, words and bytes by default, aligned' 'wc a' ' 2  3 14 a'
check 'columns are aligned to the widest number' 'wc a b' ' 2  3 14 a
 0  2 10 b
 2  5 24 total'
check '-l counts newlines' 'wc -l a b' '2 a
0 b
2 total'
check '-w counts words' 'wc -w < a' '3'
check '-c counts bytes' 'wc -c b' '10 b'
check '-m counts characters (bytes in the C locale)' 'wc -m b' '10 b'
check 'options keep a fixed column order' 'wc -cl a' ' 2 14 a'
check 'standard input has no name' 'printf "x y\n" | wc' '1 2 4'
check '- is standard input' 'printf "x\n" | wc -l a -' '2 a
1 -
3 total'
check 'an empty file' 'wc empty' '0 0 0 empty'
check 'blanks of every kind separate words' 'printf " a\tb\n\nc  d \r\v\f" | wc -w' '4'
check 'NUL bytes are counted' 'printf "a\0b\n" | wc -c' '4'
check 'a large input' 'seq 100000 | wc -l' '100000'
check_err 'a missing file is reported' 'wc nope' 'wc: nope: No such file or directory' 1
check 'the others are still counted' 'wc -l a nope 2>/dev/null; echo $?' '2 a
2 total
1'
check_err 'an unknown option' 'wc -z' "wc: invalid option -- 'z'
Try 'wc --help' for more information." 2
check '--help describes it' 'wc --help | head -n 2' 'NAME
    wc - count lines, words and bytes'
