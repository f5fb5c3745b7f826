# Scripts: files, arguments, sh -c, sh -s, standard input, #!.
# (There is no chmod among the commands the tests may use: an executable
# file is made by copying one and writing over it, which keeps its mode.)
check_file 'a script runs' 'echo from-script' 'from-script'
check_file 'arguments' 'echo $0 $# $1 $2' 's.sh 2 a b' 0 '' a b
check_file 'exit status' 'exit 4' '' 4
check_file 'status of the last command' 'false' '' 1
check_file 'error messages name the script and line' 'echo one
nope
echo three' 'one
three' 0 'sh: s.sh: 2: nope: not found'
check_file 'syntax error stops the script there' 'echo before
if then
echo never' 'before' 2 'sh: s.sh: 2: syntax error: "then" unexpected'
check_file 'syntax error at the end of file' 'echo before
while true' 'before' 2 'sh: s.sh: 3: syntax error: end of file unexpected (expecting "do")'
check 'missing script' '"$SH" nope.sh; echo $?' '127' 0 'sh: nope.sh: No such file or directory'
check 'sh -c with a name and arguments' '"$SH" -c '"'"'echo $0: $*'"'"' name a b' 'name: a b'
check 'sh -c without a string' '"$SH" -c; echo $?' '2' 0 '*'
check 'sh -s with arguments' 'echo "echo \$# \$1" | "$SH" -s x y' '2 x'
check 'commands from standard input' 'printf "echo one\necho two\n" | "$SH"' 'one
two'
check 'stdin shared with commands' 'printf "read x\nfirst line\necho got \$x\n" | "$SH"' 'got first line'
check 'stdin shared from a file' 'printf "read x\nfirst line\necho got \$x\n" > in; "$SH" < in' 'got first line'
check 'cat reads the rest of the script' 'printf "cat\nthese lines\nare data\n" | "$SH"' 'these lines
are data'
check 'executable script with #!' 'cp "$B/true" x.sh; printf "#!%s\necho shebang \$1\n" "$SH" > x.sh; ./x.sh arg' 'shebang arg'
check 'executable script without #!' 'cp "$B/true" y.sh; printf "echo no-shebang \$1\n" > y.sh; ./y.sh arg' 'no-shebang arg'
check 'script without #! does not see functions' 'f() { echo f; }; cp "$B/true" y.sh; printf "f\n" > y.sh; ./y.sh' '' 127 'sh: ./y.sh: 1: f: not found'
check 'not executable' 'echo "echo x" > z.sh; ./z.sh; echo $?' '126' 0 'sh: 1: ./z.sh: Permission denied'
check 'a directory is not a command' 'mkdir -p d; ./d; echo $?' '126' 0 'sh: 1: ./d: Permission denied'
check 'missing command with a slash' './nope; echo $?' '127' 0 'sh: 1: ./nope: not found'
check '. runs in the shell' 'echo "x=sourced" > inc; . ./inc; echo $x' 'sourced'
check '. with arguments' 'echo "echo \$1" > inc; . ./inc arg; echo "[$1]"' 'arg
[]'
check '. finds files in PATH' 'mkdir -p p; echo "echo found" > p/inc2; PATH=$PWD/p:$PATH; . inc2' 'found'
check '. of a missing file exits' '. ./nope; echo no' '' 2 'sh: 1: .: ./nope: No such file or directory'
check 'return from .' 'printf "echo a\nreturn 3\necho b\n" > inc; . ./inc; echo $?' 'a
3'
check 'exit in . leaves the shell' 'echo "exit 6" > inc; . ./inc; echo no' '' 6
check 'script reads the rest after a long line' 'i=0; s=; while [ $i -lt 500 ]; do s="$s x"; i=$((i+1)); done; printf "set -- %s\necho \$#\n" "$s" | "$SH"' '500'
check 'nested sh' '"$SH" -c "\"$SH\" -c \"echo nested\""' 'nested'
check 'script with CRLF is just text' 'printf "echo a\n" > w.sh; "$SH" w.sh' 'a'
check 'login shell reads profile' 'mkdir -p h; echo "echo profile" > h/.profile; HOME=$PWD/h "$SH" -l -c "echo cmd"' 'profile
cmd'
check 'sh -i without a terminal prompts on stderr' 'printf "echo x\n" | PS1="P> " PS2="C> " "$SH" -i' 'x' 0 'P> P> '
check 'sh -i: continuation prompt' 'printf "if true\nthen echo y; fi\n" | PS1="P> " PS2="C> " "$SH" -i' 'y' 0 'P> C> P> '
check 'sh -i: errors do not end the shell' 'printf "fi\necho after\nexit 4\n" | PS1= "$SH" -i; echo $?' 'after
4' 0 'sh: syntax error: "fi" unexpected'
check 'sh -i: PS1 is expanded' 'printf "x=2\n" | PS1="[\$x]" x=1 "$SH" -i' '' 0 '[1][2]'
