# Command substitution: $(...) and `...`.
check 'dollar paren' 'echo $(echo hi)' 'hi'
check 'backquotes' 'echo `echo hi`' 'hi'
check 'trailing newlines removed' 'x=$(printf "a\n\n\n"); echo "[$x]"' '[a]'
check 'inner newlines kept' 'x=$(printf "a\nb"); echo "$x"' 'a
b'
check 'nested' 'echo $(echo $(echo deep))' 'deep'
check 'nested backquotes' 'echo `echo \`echo deep\``' 'deep'
check 'case inside $()' 'echo $(case x in x) echo matched;; esac)' 'matched'
check 'parentheses inside $()' 'echo $( (echo sub) )' 'sub'
check 'unquoted result is split' 'set -- $(echo a b c); echo $#' '3'
check 'quoted result is one field' 'set -- "$(echo a b c)"; echo $#' '1'
check 'status of assignment is the substitution''s' 'x=$(false); echo $?' '1'
check 'status of empty command' '$(exit 3); echo $?' '3'
check 'variables do not leak out' 'x=1; y=$(x=2; echo $x); echo $x $y' '1 2'
check 'cd does not leak out' 'cd /; x=$(cd /tmp; pwd); pwd' '/'
check 'backslash in backquotes' 'echo `echo \\$x`' '$x'
check 'quotes in $() inside double quotes' 'echo "$(echo "in quotes")"' 'in quotes'
check 'here-document inside $()' 'x=$(cat <<EOF
text
EOF
); echo "$x"' 'text'
check 'comment inside $()' 'echo $(echo a # comment
)' 'a'
check 'stderr is not captured' 'x=$(echo err >&2; echo out); echo "[$x]"' '[out]' 0 'err'
check 'empty substitution' 'x=$(); echo "[$x]"' '[]'
check 'long output' 'x=$(i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done); set -- $x; echo $# ${2000}' '2000 line1999'
check 'unterminated' 'echo $(echo' '' 2 'sh: 1: syntax error: end of file unexpected (expecting ")")'
