# grep: basic, extended and fixed patterns, the options, exit statuses.
printf 'hello world\nfoo bar\nHello again\nfoobar\n' > f
printf 'one\ntwo\n' > g
check 'prints matching lines' 'grep o f' 'hello world
foo bar
Hello again
foobar'
check 'basic regular expressions' 'grep "^fo*b" f' 'foobar'
check 'intervals and groups in BREs' 'grep "\(o\)\1" f' 'foo bar
foobar'
check 'GNU alternation in BREs' 'grep "world\|again" f' 'hello world
Hello again'
check '-E extended syntax' 'grep -E "^(foo|hel)+" f' 'hello world
foo bar
foobar'
check '-F fixed strings' 'grep -F "o.b" f; echo $?' '1'
check '-F finds the text' 'printf "a.b\naxb\n" | grep -F a.b' 'a.b'
check '-i ignores case' 'grep -i "^hello" f' 'hello world
Hello again'
check '-v inverts' 'grep -v e f g' 'f:foo bar
f:foobar
g:two'
check '-c counts' 'grep -c foo f' '2'
check '-c with several files' 'grep -c n f g' 'f:1
g:1'
check '-l names files' 'grep -l two f g' 'g'
check '-L names the others' 'grep -L two f g' 'f'
check '-n numbers lines' 'grep -n bar f' '2:foo bar
4:foobar'
check '-H and -n' 'grep -Hn two g' 'g:2:two'
check '-h leaves names out' 'grep -h n f g' 'Hello again
one'
check '-w whole words' 'grep -w foo f' 'foo bar'
check '-w finds a later whole word' 'echo "foobar foo" | grep -ow foo' 'foo'
check '-x whole lines' 'grep -x "foo.*" f' 'foo bar
foobar'
check '-o only the matches' 'grep -o "o[a-z]" f' 'or
oo
oo'
check '-e several patterns' 'grep -e two -e one g' 'one
two'
check 'a pattern with newlines is several' 'grep "one
two" g' 'one
two'
check '-f reads patterns' 'printf "bar\nagain\n" > pats; grep -f pats f' 'foo bar
Hello again
foobar'
check 'an empty pattern matches all' 'grep "" g' 'one
two'
check 'standard input' 'printf "x\ny\n" | grep y' 'y'
check '- is standard input, by name' 'printf "x\n" | grep -H x -' '(standard input):x'
check '-r searches directories' 'mkdir -p d/e && printf "hit\n" > d/e/h && printf "no\n" > d/n && grep -r hit d' 'd/e/h:hit'
check 'back-references' 'printf "abab\nabba\n" | grep -E "(ab)\1"' 'abab'
check 'character classes' 'printf "a1\nb\n" | grep "[[:digit:]]"' 'a1'
check 'word boundaries' 'printf "cat\nconcat\n" | grep "\<cat"' 'cat'
check 'lines with NUL bytes are searched whole' 'printf "a\0b\n" | grep -c b' '1'
check 'exit 0 on a match' 'grep -q hello f; echo $?' '0'
check 'exit 1 without one' 'grep -q nothing f; echo $?' '1'
check '-q exits 0 at a match despite errors later' 'grep -q hello f nope; echo $?' '0'
check_err 'a missing file is 2' 'grep x nope' 'grep: nope: No such file or directory' 2
check '-s silences it' 'grep -s x nope; echo $?' '2'
check 'a match elsewhere does not hide the error' 'grep one g nope 2>/dev/null; echo $?' 'g:one
2'
check 'a bad expression is 2' 'grep "a\{1" f 2>/dev/null; echo $?' '2'
check 'and is reported' 'grep "[a" f 2>&1 | cut -c 1-6' 'grep: '
check_err 'no pattern' 'grep' "grep: no pattern given
Try 'grep --help' for more information." 2
check_err 'an unknown option' 'grep -y x f' "grep: invalid option -- 'y'
Try 'grep --help' for more information." 2
check '--help describes it' 'grep --help | head -n 2' 'NAME
    grep - print lines that match patterns'
