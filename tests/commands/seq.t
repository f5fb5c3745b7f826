# seq: counts up and down, steps, fractions, -w -s -f, errors.
check 'from 1 to LAST' 'seq 3' '1
2
3'
check 'FIRST LAST' 'seq 4 6' '4
5
6'
check 'an increment' 'seq 1 3 10' '1
4
7
10'
check 'counting down' 'seq 3 -1 1' '3
2
1'
check 'negative numbers are not options' 'seq -2 0' '-2
-1
0'
check 'nothing when LAST is passed already' 'seq 5 1' ''
check 'fractions keep their decimals' 'seq 0 0.25 1' '0.00
0.25
0.50
0.75
1.00'
check 'the last step survives rounding' 'seq 0 0.1 0.3 | tail -n 1' '0.3'
check '-w pads with zeros' 'seq -w 8 10' '08
09
10'
check '-w with negatives' 'seq -w -1 1' '-1
00
01'
check '-s separates' 'seq -s , 3' '1,2,3'
check '-f formats' 'seq -f "n%03g" 2' 'n001
n002'
check '-f with %e' 'seq -f "%.1e" 1 1' '1.0e+00'
check 'a long sequence' 'seq 100000 | tail -n 1' '100000'
check_err 'no operand' 'seq' "seq: missing operand
Try 'seq --help' for more information." 2
check_err 'not a number' 'seq x' "seq: invalid floating point argument: 'x'
Try 'seq --help' for more information." 2
check_err 'a zero increment' 'seq 1 0 2' "seq: invalid Zero increment value: '0'
Try 'seq --help' for more information." 2
check_err 'a format without a conversion' 'seq -f abc 1' "seq: format 'abc' must have exactly one % conversion
Try 'seq --help' for more information." 2
check_err 'a format with a bad conversion' 'seq -f %d 1' "seq: format '%d' has an invalid or missing conversion
Try 'seq --help' for more information." 2
check '--help describes it' 'seq --help | head -n 2' 'NAME
    seq - print a sequence of numbers'
