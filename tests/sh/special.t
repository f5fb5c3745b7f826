# Special parameters: $? $$ $! $# $@ $* $0 $1... $-
check '$? after success and failure' 'true; echo $?; false; echo $?' '0
1'
check '$? of a not found command' 'nope 2>e; echo $?' '127'
check '$? is kept across echo' 'false; echo $? $?' '1 1'
check '$$ is a number' 'case $$ in *[!0-9]*|"") echo bad;; *) echo ok;; esac' 'ok'
check '$$ is the same in a subshell' 'a=$$; b=$(echo $$); [ "$a" = "$b" ] && echo same' 'same'
check '$! is unset before a background job' 'echo "[$!]"' '[]'
check '$! is the background pid' 'sleep 0 & p=$!; wait $p; case $p in ""|*[!0-9]*) echo bad;; *) echo ok;; esac' 'ok'
check '$# counts' 'set -- a "b c" ""; echo $#' '3'
check '$0 with -c and a name' "\"\$SH\" -c 'echo \$0' myname" 'myname'
check '$1 and later with -c' "\"\$SH\" -c 'echo \$1-\$2' name one two" 'one-two'
check '"$@" keeps arguments' 'set -- "a b" c ""; for a in "$@"; do echo "[$a]"; done' '[a b]
[c]
[]'
check '"$@" with none is nothing' 'set --; for a in "$@"; do echo x; done; echo end' 'end'
check '"$@" inside a word' 'set -- a b; for a in "x$@y"; do echo "[$a]"; done' '[xa]
[by]'
check '"$*" joins with IFS first char' 'set -- a b c; IFS=:; echo "$*"' 'a:b:c'
check '"$*" with empty IFS' 'set -- a b c; IFS=; echo "$*"' 'abc'
check '"$*" with unset IFS' 'set -- a b c; unset IFS; echo "$*"' 'a b c'
check 'unquoted $@ splits' 'set -- "a b" c; for a in $@; do echo "[$a]"; done' '[a]
[b]
[c]'
check 'unquoted $* splits' 'set -- "a b" c; for a in $*; do echo "[$a]"; done' '[a]
[b]
[c]'
check '"$@" with empty arguments' 'set -- "" ""; for a in "$@"; do echo "[$a]"; done' '[]
[]'
check 'unquoted $@ drops empty arguments' 'set -- "" a ""; for a in $@; do echo "[$a]"; done' '[a]'
check '$- has options' 'set -f; case $- in *f*) echo yes;; esac' 'yes'
check 'shift' 'set -- a b c; shift; echo $@; shift 2; echo $#' 'b c
0'
check 'shift too far' 'set -- a; shift 2; echo no' '' 2 'sh: 1: shift: can'"'"'t shift that many'
check 'set -- replaces arguments' 'set -- x y; set -- z; echo $# $1' '1 z'
check 'LINENO' 'echo $LINENO
echo $LINENO' '1
2'
check 'PPID is set' 'case $PPID in ""|*[!0-9]*) echo bad;; *) echo ok;; esac' 'ok'
