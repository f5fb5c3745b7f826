# sort: byte order, -n -r -f -d -b -g, keys and separators, -u -s -c -o, errors.
printf 'pear\nApple\nbanana\napple\n' > fruit
printf '10\n9\n-2\n1.5\n0\n' > nums
printf 'b 2\na 10\nc 1\na 2\n' > pairs
check 'byte order: capitals first' 'sort fruit' 'Apple
apple
banana
pear'
check '-r reverses' 'sort -r fruit' 'pear
banana
apple
Apple'
check '-f folds case' 'sort -f fruit | head -n 2 | sort' 'Apple
apple'
check 'text order of numbers' 'sort nums' '-2
0
1.5
10
9'
check '-n orders numbers' 'sort -n nums' '-2
0
1.5
9
10'
check '-n with long numbers and blanks' 'printf "  123456789012345678901\n99\n-0.0\n" | sort -n' '-0.0
99
  123456789012345678901'
check '-g takes exponents' 'printf "1e3\n5\n2e-1\n" | sort -g' '2e-1
5
1e3'
check '-k2n sorts by the second field' 'sort -k2n pairs' 'c 1
a 2
b 2
a 10'
check 'keys in turn, each its options' 'sort -k1,1 -k2,2nr pairs' 'a 10
a 2
b 2
c 1'
check '-t sets the separator' 'printf "x:3\ny:1\nz:2\n" | sort -t: -k2' 'y:1
z:2
x:3'
check 'a key with a character position' 'printf "ab3\nac1\naa2\n" | sort -k1.3' 'ac1
aa2
ab3'
check '-b ignores leading blanks in keys' 'printf "a   z\nb y\n" | sort -b -k2' 'b y
a   z'
check '-d dictionary order' 'printf "a-c\nab\n" | sort -d' 'ab
a-c'
check '-u keeps one of equal lines' 'printf "b\na\nb\na\n" | sort -u' 'a
b'
check '-u compares keys only, keeps the first' 'sort -u -k1,1 pairs' 'a 10
b 2
c 1'
check '-s keeps input order of equal keys' 'printf "b 1\na 1\nc 0\n" | sort -s -k2,2' 'c 0
b 1
a 1'
check 'without -s equal keys fall back to the line' 'printf "b 1\na 1\n" | sort -k2,2' 'a 1
b 1'
check 'several files are merged' 'sort nums fruit | head -n 7 | tail -n 3' '9
Apple
apple'
check 'a last line without newline' 'printf "b\na" | sort' 'a
b'
check '-o may name an input' 'sort -o fruit fruit && head -n 1 fruit' 'Apple'
check '-c passes sorted input' 'sort -c fruit; echo $?' '0'
check_err '-c reports the first disorder' 'sort -c nums' 'sort: nums:3: disorder: -2' 1
check '-C is quiet' 'sort -C nums; echo $?' '1'
check 'a large input' 'seq 50000 | sort -rn | head -n 1' '50000'
check 'equal large input keeps stable' 'seq 20000 | sort -s -k1,1n | tail -n 1' '20000'
check_err 'a missing file' 'sort nope' 'sort: nope: No such file or directory' 2
check_err 'field 0' 'sort -k0 fruit' "sort: field number is zero: invalid field specification '0'
Try 'sort --help' for more information." 2
check_err 'a two-byte separator' 'sort -t ab fruit' "sort: multi-character tab 'ab'
Try 'sort --help' for more information." 2
check_err 'an unknown option' 'sort -y' "sort: invalid option -- 'y'
Try 'sort --help' for more information." 2
check '--help describes it' 'sort --help | head -n 2' 'NAME
    sort - sort lines of text'
