# mkdir: directories, -p, -m (octal and symbolic), errors.
umask 022
mode() { set -- $(ls -ld "$1"); printf %s "$1"; }
check 'makes a directory with 0777 less the umask' 'mkdir d && mode d' 'drwxr-xr-x'
check 'makes several' 'mkdir d1 d2 && ls -d d1 d2' 'd1
d2'
check_err 'an existing name is an error' 'mkdir d' 'mkdir: d: File exists' 1
check_err 'a missing parent is an error' 'mkdir no/such' 'mkdir: no/such: No such file or directory' 1
check 'the others are still made, status 1' 'mkdir d e 2>/dev/null; printf "%s " $?; ls -d e' '1 e'
check '-p makes the parents' 'mkdir -p p/q/r && ls -R p' 'p:
q

p/q:
r

p/q/r:'
check '-p accepts an existing directory' 'mkdir -p p/q && mkdir -p p/q/' ''
check '-p parents get u+wx whatever the umask' '(umask 777 && mkdir -p u/v) ; mode u' 'd-wx------'
check_err '-p refuses a file in the way' 'touch file && mkdir -p file/x' 'mkdir: file: Not a directory' 1
check_err '-p refuses an existing file as the last name' 'mkdir -p file' 'mkdir: file: File exists' 1
check '-m sets an octal mode exactly, umask aside' '(umask 077 && mkdir -m 755 m1); mode m1' 'drwxr-xr-x'
check '-m keeps setuid, setgid and sticky bits' 'mkdir -m 7777 m2 && mode m2' 'drwsrwsrwt'
check '-m takes symbolic modes relative to a=rwx' 'mkdir -m u=rwx,g=rx,o= m3 && mode m3' 'drwxr-x---'
check '-m go-w' 'mkdir -m go-w m4 && mode m4' 'drwxr-xr-x'
check '-m a+t' 'mkdir -m a+t m5 && mode m5' 'drwxrwxrwt'
check '-m with =, copying u' 'mkdir -m a=r,u+w,g=u m6 && mode m6' 'drw-rw-r--'
check '-m with -p applies to the last directory only' 'mkdir -p -m 700 mp/last && printf "%s %s" $(mode mp) $(mode mp/last)' \
	'drwxr-xr-x drwx------'
check_err 'a bad mode is a usage error' 'mkdir -m 999 bad' "mkdir: invalid mode '999'
Try 'mkdir --help' for more information." 2
check_err 'a bad symbolic mode is a usage error' 'mkdir -m u+q bad' "mkdir: invalid mode 'u+q'
Try 'mkdir --help' for more information." 2
check_err 'no operand is a usage error' 'mkdir' "mkdir: missing operand
Try 'mkdir --help' for more information." 2
