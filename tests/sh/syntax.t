# Syntax errors: messages, status 2, and what runs before them.
check 'unexpected fi' 'fi' '' 2 'sh: 1: syntax error: "fi" unexpected'
check 'unexpected done' 'echo a; done' '' 2 'sh: 1: syntax error: "done" unexpected'
check 'missing fi' 'if true; then echo' '' 2 'sh: 1: syntax error: end of file unexpected (expecting "fi")'
check 'missing then' 'if true; fi' '' 2 'sh: 1: syntax error: "fi" unexpected (expecting "then")'
check 'missing done' 'while true; do :' '' 2 'sh: 1: syntax error: end of file unexpected (expecting "done")'
check 'unexpected )' 'echo a )' '' 2 'sh: 1: syntax error: ")" unexpected'
check 'unexpected ;;' 'echo ;;' '' 2 'sh: 1: syntax error: ";;" unexpected'
check 'empty pipeline side' '| echo' '' 2 'sh: 1: syntax error: "|" unexpected'
check 'dangling &&' 'echo a &&' '' 2 'sh: 1: syntax error: end of file unexpected'
check 'redirection without a target' 'echo >' '' 2 'sh: 1: syntax error: end of file unexpected'
check 'redirection then newline' 'echo >
echo' '' 2 'sh: 1: syntax error: newline unexpected'
check 'empty group' '{ }' '' 2 'sh: 1: syntax error: "}" unexpected'
check 'empty subshell' '( )' '' 2 'sh: 1: syntax error: ")" unexpected'
check 'lines before the error run' 'echo first
fi' 'first' 2 'sh: 2: syntax error: "fi" unexpected'
check 'the line of the error is named' 'echo a
echo b
if' 'a
b' 2 'sh: 3: syntax error: end of file unexpected (expecting "then")'
check 'double semicolon outside case' 'echo a;; echo b' '' 2 'sh: 1: syntax error: ";;" unexpected'
check 'bad substitution is a syntax error' 'echo ${a b}' '' 2 'sh: 1: syntax error: bad substitution'
check 'keywords can be arguments' 'echo if then fi' 'if then fi'
check 'reserved words after a semicolon' 'if true; then echo ok; fi' 'ok'
check 'reserved words on new lines' 'if true
then
echo ok
fi' 'ok'
check 'nested compound commands' 'for i in 1; do if true; then while false; do :; done; case x in x) echo nest;; esac; fi; done' 'nest'
check 'function without a body' 'f()' '' 2 'sh: 1: syntax error: end of file unexpected'
check 'function with a simple body' 'f() echo' '' 2 'sh: 1: syntax error: "echo" unexpected'
