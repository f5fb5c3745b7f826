# set -e.
check 'failure exits' 'set -e; false; echo no' '' 1
check 'status is kept' 'set -e; (exit 3); echo no' '' 3
check 'if condition does not exit' 'set -e; if false; then :; fi; echo yes' 'yes'
check 'while condition does not exit' 'set -e; while false; do :; done; echo yes' 'yes'
check '&& left side does not exit' 'set -e; false && true; echo yes' 'yes'
check '|| left side does not exit' 'set -e; false || true; echo yes' 'yes'
check 'last of && exits' 'set -e; true && false; echo no' '' 1
check '! does not exit' 'set -e; ! true; echo yes' 'yes'
check 'pipeline status counts' 'set -e; false | true; echo yes' 'yes'
check 'pipeline failure exits' 'set -e; true | false; echo no' '' 1
check 'group failure exits' 'set -e; { false; echo no; }; echo no' '' 1
check 'function body failure exits' 'set -e; f() { false; echo no; }; f; echo no' '' 1
check 'function called in a condition' 'set -e; f() { false; echo in-f; }; if f; then echo then; fi; echo end' 'in-f
then
end'
check 'assignment from a failing substitution exits' 'set -e; x=$(false); echo no' '' 1
check 'subshell failure exits' 'set -e; (false); echo no' '' 1
check 'set +e turns it off' 'set -e; set +e; false; echo yes' 'yes'
check 'EXIT trap runs' 'trap "echo trapped" EXIT; set -e; false' 'trapped' 1
check 'sh -e' "\"\$SH\" -e -c 'false; echo no'; echo \$?" '1'
check 'compound with tested failure' 'set -e; if true; then false || true; fi; echo yes' 'yes'
check 'for loop body failure exits' 'set -e; for i in 1 2; do echo $i; false; done' '1' 1
check 'while body failure exits' 'set -e; while true; do false; done; echo no' '' 1
check 'not found exits' 'set -e; nope; echo no' '' 127 'sh: 1: nope: not found'
