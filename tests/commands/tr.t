# tr: translation, ranges, classes, escapes, repeats, -c -d -s, errors.
check 'translates byte for byte' 'echo hello | tr el ip' 'hippo'
check 'ranges' 'echo hello | tr a-y b-z' 'ifmmp'
check 'upper and lower case classes' 'echo Hello World | tr "[:lower:]" "[:upper:]"' 'HELLO WORLD'
check 'the other way round' 'echo ABC | tr "[:upper:]" "[:lower:]"' 'abc'
check 'a short SET2 repeats its last byte' 'echo abcd | tr abcd xy' 'xyyy'
check 'the last mapping of a byte wins' 'echo a | tr aa xy' 'y'
check 'escapes' 'printf "a b\n" | tr " " "\n"' 'a
b'
check 'octal escapes' 'echo abc | tr "\141" "\101"' 'Abc'
check '-d deletes' 'echo hello world | tr -d lo' 'he wrd'
check '-d with a class' 'echo a1b2c3 | tr -d "[:digit:]"' 'abc'
check '-s squeezes repeats' 'echo aaabbbccc | tr -s ab' 'abccc'
check '-s with translation squeezes SET2' 'echo aabbcc | tr -s abc xxy' 'xy'
check '-c complements' 'echo "a-b_c" | tr -c "[:alpha:]\n" .' 'a.b.c'
check '-cd keeps only the set' 'echo "tel: 555-0199" | tr -cd "0-9\n"' '5550199'
check '-ds deletes then squeezes' 'echo "aa--bb" | tr -ds - ab' 'ab'
check '[c*n] repeats' 'echo abcd | tr abcd "[x*2]yz"' 'xxyz'
check '[c*] fills' 'echo abcdef | tr a-f "1[x*]2"' '1xxxx2'
check '[=c=] is the byte' 'echo aXb | tr "[=X=]" Y' 'aYb'
check 'bytes outside the sets pass' 'printf "\001\377" | tr a b | wc -c' '2'
check 'an escaped dash is literal' 'echo a-b | tr "\-" +' 'a+b'
check_err 'one set to translate' 'tr abc' "tr: missing operand after 'abc'
Try 'tr --help' for more information." 2
check_err 'no sets' 'tr' "tr: missing operand
Try 'tr --help' for more information." 2
check_err '-d takes one set' 'tr -d a b' "tr: extra operand 'b'
Try 'tr --help' for more information." 2
check_err 'a reversed range' 'echo x | tr z-a b' "tr: range-endpoints of 'z-a' are in reverse collating sequence order" 1
check_err 'an unknown class' 'echo x | tr "[:nope:]" b' "tr: invalid character class 'nope'" 1
check_err 'other classes cannot be translated to' 'echo x | tr a "[:digit:]"' \
	"tr: when translating, the only character classes that may appear in string2 are 'upper' and 'lower'" 1
check '--help describes it' 'tr --help | head -n 2' 'NAME
    tr - translate or delete characters'
