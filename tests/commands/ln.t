# ln: hard links, -s, into directories, -f, -L/-P, errors.
printf 'data\n' > f
check 'makes a hard link' 'ln f h && cat h && stat -c %h f' 'data
2'
check 'the link is the same file' 'test f -ef h && printf same' 'same'
check '-s makes a symbolic link holding the text given' 'ln -s f s && set -- $(ls -l s); printf "%s %s" "$1" "${11}"' \
	'lrwxrwxrwx f'
check '-s may point nowhere' 'ln -s nowhere dang && set -- $(ls -l dang); printf %s "${11}"' 'nowhere'
check 'links into a directory under the same name' 'mkdir d && ln f d && ln -s ../f d/s2 && ls d && cat d/s2' 'f
s2
data'
check 'several sources into a directory' 'touch a b && mkdir e && ln a b e && ls e' 'a
b'
check_err 'an existing target is an error' 'ln f h' 'ln: h: File exists' 1
check '-f replaces it' 'printf other > o && ln -f o h && cat h' 'other'
check '-sf replaces a symbolic link' 'ln -sf o s && set -- $(ls -l s); printf %s "${11}"' 'o'
check_err '-f will not link a file to itself' 'ln -f o h' "ln: 'o' and 'h' are the same file" 1
check_err 'a missing source is reported' 'ln nope x' 'ln: nope: No such file or directory' 1
check_err 'a directory cannot be hard linked' 'ln d dl' 'ln: d: hard link not allowed for directory' 1
check '-P (default) links a symbolic link itself' 'ln s hp && set -- $(ls -l hp); printf %s "$1"' 'lrwxrwxrwx'
check '-L links its target' 'ln -L s hl && test hl -ef o && printf target' 'target'
check_err 'several sources need a directory' 'ln a b c' 'ln: c: Not a directory' 1
check_err 'no operand is a usage error' 'ln' "ln: missing file operand
Try 'ln --help' for more information." 2
