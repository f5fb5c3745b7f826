# rm: files, -r trees, -d, -f, -i, -v, refusals and errors.
check 'removes files' 'touch a b && rm a b && ls' ''
check_err 'a directory needs -r' 'mkdir d && rm d' 'rm: d: Is a directory' 1
check '-d removes an empty directory' 'rm -d d && ls' ''
check_err '-d does not remove a full one' 'mkdir d && touch d/x && rm -d d' 'rm: d: Directory not empty' 1
check '-r removes a tree' 'mkdir -p t/a/b && touch t/a/b/f t/x && ln -s /nonexistent t/link && rm -r t && ls' 'd'
check '-R too' 'rm -R d && ls' ''
check 'a symbolic link is removed, not its target' 'mkdir keep && touch keep/f && ln -s keep l && rm -r l && ls keep' 'f'
check_err 'a missing file is reported' 'rm nope' 'rm: nope: No such file or directory' 1
check '-f ignores missing files' 'rm -f nope; printf %s $?' '0'
check '-f with no operand is fine' 'rm -f; printf %s $?' '0'
check_err '. is refused' 'rm -r .' "rm: .: refusing to remove '.' or '..'" 1
check_err '.. is refused' 'rm -rf keep/..' "rm: keep/..: refusing to remove '.' or '..'" 1
check_err '/ is refused' 'rm -rf /' 'rm: /: refusing to remove the root directory' 1
check 'the others are still removed, status 1' 'touch x && rm nope x 2>/dev/null; printf "%s " $?; ls' '1 keep'
check '-i asks, and "n" keeps the file' 'touch q && printf "n\n" | rm -i q 2>/dev/null; ls' 'keep
q'
check_err '-i asks on standard error' 'printf "y\n" | rm -i q' "rm: remove regular empty file 'q'? " 0
check '"y" removed it' 'ls' 'keep'
check '-i asks before entering a directory' 'mkdir -p i/j && printf "n\n" | rm -ri i 2>/dev/null; ls -d i' 'i'
check '-v says what was removed' 'rm -rv i' "removed directory 'i/j'
removed directory 'i'"
check_err 'no operand is a usage error' 'rm' "rm: missing operand
Try 'rm --help' for more information." 2
