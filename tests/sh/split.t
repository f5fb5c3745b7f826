# Field splitting with IFS.
check 'default IFS splits blanks' 'x="  a  b	c
d  "; set -- $x; echo $#: $1 $2 $3 $4' '4: a b c d'
check 'custom IFS' 'x=a:b:c; IFS=:; set -- $x; echo $#; echo "$1 $2 $3"' '3
a b c'
check 'empty fields between non-blank IFS' 'x=a::b; IFS=:; set -- $x; echo $#' '3'
check 'leading IFS char makes an empty field' 'x=:a; IFS=:; set -- $x; echo $# "[$1]"' '2 []'
check 'trailing IFS char does not' 'x=a:; IFS=:; set -- $x; echo $#' '1'
check 'white space around a delimiter is one' 'x="a : b"; IFS=" :"; set -- $x; echo $#: $1 $2' '2: a b'
check 'white space then two delimiters' 'x="a :: b"; IFS=" :"; set -- $x; echo $#' '3'
check 'empty IFS does not split' 'x="a b"; IFS=; set -- $x; echo $#' '1'
check 'unset IFS is the default' 'x="a b	c"; unset IFS; set -- $x; echo $#' '3'
check 'literal text is not split' 'IFS=:; set -- a:b; echo $#' '1'
check 'quoted expansion is not split' 'x="a b"; set -- "$x"; echo $#' '1'
check 'empty expansion vanishes' 'x=; set -- $x; echo $#' '0'
check 'empty expansion with text stays' 'x=; set -- a$x; echo $#' '1'
check 'quoted empty expansion stays' 'x=; set -- "$x"; echo $#' '1'
check 'expansion joined to text' 'x="1 2"; set -- a${x}b; echo $#: $1 $2' '2: a1 2b'
check 'command substitution is split' 'IFS=,; set -- $(echo "a,b,c"); echo $#' '3'
check 'arithmetic result is split' 'IFS=1; set -- $((10101)); echo $#' '3'
check 'IFS only splits expansions in for' 'IFS=:; for i in a:b $(echo c:d); do echo "[$i]"; done' '[a:b]
[c]
[d]'
check 'assignment is not split' 'x="a b"; y=$x; echo "$y"' 'a b'
check 'splitting in read' 'echo " a  b  c d " | { read x y z; echo "[$x][$y][$z]"; }' '[a][b][c d]'
check 'IFS change takes effect at once' 'x="a:b"; IFS=:; set -- $x; IFS=" "; set -- $x $#; echo $#' '2'
