# case.
check 'first match wins' 'case b in a) echo A;; b) echo B;; *) echo star;; esac' 'B'
check 'default' 'case z in a) echo A;; *) echo default;; esac' 'default'
check 'no match' 'case z in a) echo A;; esac; echo $?' '0'
check 'alternatives' 'case y in x|y|z) echo xyz;; esac' 'xyz'
check 'globs' 'case file.c in *.h) echo h;; *.c) echo c;; esac' 'c'
check 'bracket' 'case 5 in [0-9]) echo digit;; esac' 'digit'
check 'quoted pattern is literal' 'case "*" in "*") echo star;; esac; case x in "*") echo no;; esac' 'star'
check 'pattern from a variable' 'p="a*"; case abc in $p) echo yes;; esac' 'yes'
check 'quoted variable pattern is literal' 'p="a*"; case abc in "$p") echo no;; *) echo literal;; esac' 'literal'
check 'subject is expanded' 'x=hello; case $x in hel*) echo ok;; esac' 'ok'
check 'subject is not split' 'x="a b"; case $x in "a b") echo whole;; esac' 'whole'
check 'optional open paren' 'case a in (a) echo paren;; esac' 'paren'
check 'last item without ;;' 'case a in a) echo last
esac' 'last'
check 'empty item' 'case a in a) ;; b) echo b;; esac; echo $?' '0'
check 'fallthrough ;&' 'case a in a) echo one;& b) echo two;; c) echo three;; esac' 'one
two'
check 'status is the item''s' 'case a in a) false;; esac; echo $?' '1'
check 'multi-line' 'case x in
  x)
    echo multi
    ;;
  *)
    echo no
    ;;
esac' 'multi'
check 'keyword as a pattern' 'case in in in) echo in;; esac' 'in'
check 'backslash in a pattern' 'case "a*" in a\*) echo escaped;; esac' 'escaped'
check 'missing esac' 'case a in a) echo' '' 2 'sh: 1: syntax error: end of file unexpected (expecting "esac")'
check 'case in a pipeline' 'echo x | case y in y) cat;; esac' 'x'
