# Quoting: single and double quotes, backslashes, $'...', line continuation.
check 'single quotes keep everything' "echo 'a \$x \`y\` \\ \"q\"'" 'a $x `y` \ "q"'
check 'double quotes expand $' 'x=1; echo "x=$x"' 'x=1'
check 'double quotes keep blanks' 'x="a   b"; echo "$x"' 'a   b'
check 'unquoted blanks collapse' 'x="a   b"; echo $x' 'a b'
check 'backslash escapes a blank' 'echo a\ \ b' 'a  b'
check 'backslash in double quotes: $ ` " \ only' 'echo "\$ \` \" \\ \a"' '$ ` " \ \a'
check 'backslash-newline joins lines' 'echo ab\
cd' 'abcd'
check 'backslash-newline inside double quotes' 'echo "ab\
cd"' 'abcd'
check 'backslash-newline between words' 'echo a \
b' 'a b'
check 'newline inside single quotes is kept' "echo 'a
b'" 'a
b'
check 'empty quotes make an empty word' 'set -- "" '"''"' x; echo $#' '3'
check 'quotes join with text' 'echo a"b"'"'c'"'d' 'abcd'
check 'dollar single quote escapes' "printf '%s|' \$'a\\tb' \$'\\x41' \$'\\101' \$'it\\'s'" 'a	b|A|A|it'"'"'s|'
check 'a lone $ is literal' 'echo $ "$" a$' '$ $ a$'
check 'quoted keywords are words' '"if"' '' 127 'sh: 1: if: not found'
check 'escaped operator is a word' 'echo a\;b \| \&' 'a;b | &'
check 'comments' 'echo a # b c
echo d#e' 'a
d#e'
check 'hash inside a word is literal' 'echo x#y "#"' 'x#y #'
check 'backslash before ordinary character' 'echo \a\b' 'ab'
check 'quoted glob is literal' 'echo "*" '"'*'"' \*' '* * *'
check 'nested quotes in command substitution' 'echo "$(echo "a  b")"' 'a  b'
check 'single quote inside double quotes' "echo \"it's\"" "it's"
check 'double quote inside single quotes' "echo '\"'" '"'
check 'unterminated single quote' "echo 'abc" '' 2 'sh: 1: syntax error: unterminated quoted string'
check 'unterminated double quote' 'echo "abc' '' 2 'sh: 1: syntax error: unterminated quoted string'
