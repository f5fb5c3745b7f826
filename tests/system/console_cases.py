# SPDX-License-Identifier: MIT
"""Console scenarios: a person at Tessera's serial console, played by the
host through tools/console.py.

Each scenario is a function of a Console (see tools/console.py) that is
logged in at the harness's prompt; it fails by raising AssertionError
(the helpers below) or ConsoleError (a wait that timed out). Scenarios
marked boot="shared" run one after another in one booted machine — the
harness checks the shell still answers before each and reboots if not;
boot="own" gets a fresh boot, and boot="host" starts QEMU itself (the
acceptance line, which feeds QEMU's standard input from a pipe as
`printf ... | make run` does). ends_session marks the one that powers
the shared machine off; it runs after the other shared ones.

What is checked follows POSIX sh and the usual terminal behaviour, since
Tessera's shell follows POSIX where they overlap: output is compared as
the screen shows it (tools/console.py: render), and markers are spelled
with quotes (MARK''ER) so that the echo of a command never looks like its
output. Every wait is generous (TCG, CPUs shared with other tests) and
nothing asserts speed; "promptly" below means well before a `sleep 100`
would have ended.
"""
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Callable

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@dataclass
class Scenario:
    name: str
    fn: Callable
    boot: str = "shared"        # "shared", "own" or "host"
    ends_session: bool = False
    doc: str = ""


SCENARIOS = []


def scenario(name, boot="shared", ends_session=False):
    def register(fn):
        doc = (fn.__doc__ or "").strip().split("\n")[0]
        SCENARIOS.append(Scenario(name, fn, boot, ends_session, doc))
        return fn
    return register


# --- checks -------------------------------------------------------------

def same(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: got {got!r}, want {want!r}")


def matches(got, regex, what):
    if not re.search(regex, got, re.M):
        raise AssertionError(f"{what}: {got!r} does not match /{regex}/")


def lacks(got, regex, what):
    m = re.search(regex, got, re.M)
    if m:
        raise AssertionError(f"{what}: {got!r} has {m.group(0)!r}")


def settle(c, quiet=1.5):
    """Lets a command that was just started get going (it prints nothing)."""
    c.wait_quiet(quiet, timeout=60)


# --- the shell at work ------------------------------------------------------

@scenario("boot_to_prompt")
def boot_to_prompt(c):
    """The machine boots to a shell on the serial console that answers."""
    same(c.run("echo $((6 * 7))"), "42", "arithmetic at the first prompt")


@scenario("pipelines")
def pipelines(c):
    """Pipelines of several commands."""
    same(c.run("echo a b c | tr ' ' '\\n' | sort -r | head -n 2"), "c\nb",
         "echo | tr | sort -r | head")
    same(c.run("echo one two three | wc -w").strip(), "3", "echo | wc -w")
    same(c.run("ls / | grep -c '^bin$'").strip(), "1", "ls | grep -c")
    same(c.run("echo x | cat | cat | cat"), "x", "a chain of cats")


@scenario("redirections")
def redirections(c):
    """> >> < 2> 2>&1 into /tmp files and back."""
    same(c.run("echo one > /tmp/con_r1; echo two >> /tmp/con_r1; cat < /tmp/con_r1"),
         "one\ntwo", "> then >> then <")
    same(c.run("echo over > /tmp/con_r1; cat /tmp/con_r1"), "over", "> truncates")
    same(c.run("ls /no/such 2> /tmp/con_r2"), "", "2> keeps errors off the screen")
    same(c.run("cat /tmp/con_r2"), "ls: /no/such: No such file or directory",
         "the error went to the file")
    same(c.run("ls /no/such > /tmp/con_r3 2>&1"), "", "2>&1 after > sends both to the file")
    matches(c.run("cat /tmp/con_r3"), r"^ls: /no/such: No such file or directory$",
            "the file has the error")
    same(c.run("echo out; echo err 1>&2"), "out\nerr", "both streams reach the terminal")
    same(c.run("(echo out; ls /no/such) 2>&1 > /tmp/con_r4 | wc -l").strip(), "1",
         "2>&1 before > keeps errors on the pipe")
    matches(c.run("cat < /no/such; echo status $?"), r"No such file or directory\n"
            r"status [1-9]\d*$", "< from a missing file fails")


@scenario("quoting")
def quoting(c):
    """'single', "double $HOME", backslash escapes."""
    home = c.run('echo "$HOME"')
    if not home.startswith("/"):
        raise AssertionError(f"HOME is {home!r}")
    same(c.run("echo 'single  $HOME' \"double  $HOME\" \\$escaped a\\ \\ b \"q\\\"uote\" 'it''s'"),
         f"single  $HOME double  {home} $escaped a  b q\"uote its", "the three quotings")
    same(c.run("echo a   b"), "a b", "unquoted blanks separate words")
    same(c.run("echo \"a   b\""), "a   b", "quoted blanks stay")
    same(c.run("echo '\"' \"'\""), "\" '", "each quote inside the other")
    same(c.run("echo \\\\"), "\\", "an escaped backslash")


@scenario("variables")
def variables(c):
    """Variables, export, $? $$ $!."""
    same(c.run("X=hello; echo $X ${X}world"), "hello helloworld", "assignment and ${}")
    same(c.run("export CON_V=exported; sh -c 'echo $CON_V'"), "exported",
         "export reaches a child")
    same(c.run("CON_U=local; sh -c 'echo x${CON_U}x'"), "xx", "unexported stays in the shell")
    same(c.run("CON_W=once sh -c 'echo $CON_W'; echo x${CON_W}x"), "once\nxx",
         "an assignment before a command is for it alone")
    same(c.run("false; echo $?"), "1", "$? after false")
    same(c.run("true; echo $?"), "0", "$? after true")
    same(c.run("sh -c 'exit 7'; echo $?"), "7", "$? of a child's exit status")
    pid = c.run("echo $$")
    matches(pid, r"^\d+$", "$$")
    same(c.run("echo $$"), pid, "$$ again")
    child = c.run("sh -c 'echo $$'")
    matches(child, r"^\d+$", "a child's $$")
    if child == pid:
        raise AssertionError("a child shell has the same $$")
    out = c.run("sleep 1 & echo bg $!")
    m = re.search(r"bg (\d+)$", out)
    if not m:
        raise AssertionError(f"$! after &: {out!r}")
    notice = re.search(r"^\[1\] (\d+)$", out, re.M)
    if notice and notice.group(1) != m.group(1):
        raise AssertionError(f"$! is {m.group(1)}, the job notice says {notice.group(1)}")
    c.run("wait")
    same(c.run("unset X; echo x${X}x"), "xx", "unset")


@scenario("globbing")
def globbing(c):
    """* ? [...] patterns, unmatched and quoted patterns."""
    same(c.run("mkdir -p /tmp/con_glob && cd /tmp/con_glob && touch a1 a2 b1 .hidden"), "",
         "making the files")
    try:
        same(c.run("echo a*"), "a1 a2", "a*")
        same(c.run("echo ?1"), "a1 b1", "?1")
        same(c.run("echo [ab]2"), "a2", "[ab]2")
        same(c.run("echo [!a]*"), "b1", "[!a]*")
        same(c.run("echo *"), "a1 a2 b1", "* leaves out dot files")
        same(c.run("echo .h*"), ".hidden", ".h*")
        same(c.run("echo z*"), "z*", "no match: the pattern stays")
        same(c.run("echo 'a*' \"a*\" a\\*"), "a* a* a*", "quoted patterns are not expanded")
        same(c.run("echo /tmp/con_glob/b*"), "/tmp/con_glob/b1", "a pattern in a path")
    finally:
        c.run("cd /")


@scenario("lists")
def lists(c):
    """; && || and their exit statuses."""
    same(c.run("true && echo A1; false && echo A2; false || echo O1; true || echo O2; "
               "echo S1; echo S2"), "A1\nO1\nS1\nS2", "&& || ;")
    same(c.run("false && echo no || echo yes"), "yes", "&& then ||")
    same(c.run("true || false && echo both"), "both", "left to right")
    same(c.run("false; true && false; echo $?"), "1", "the status of a list")


@scenario("control_flow")
def control_flow(c):
    """if, while, for, case and functions typed at the prompt."""
    same(c.run("for i in 1 2 3; do echo n$i; done"), "n1\nn2\nn3", "for")
    same(c.run("if false; then echo yes; else echo no; fi"), "no", "if/else")
    same(c.run("i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo $i"), "3", "while")
    same(c.run("case abc in a*) echo A ;; *) echo B ;; esac"), "A", "case")
    same(c.run("greet() { echo \"hi $1\"; return 4; }; greet you; echo $?"), "hi you\n4",
         "a function and its return status")


@scenario("script_printf")
def script_printf(c):
    """A script written with printf, run with sh and as ./script (#!/bin/sh)."""
    same(c.run("printf '#!/bin/sh\\necho script $# $1\\nfor w in x y; do echo word $w; "
               "done\\nexit 3\\n' > /tmp/con_s1.sh"), "", "writing the script")
    same(c.run("sh /tmp/con_s1.sh one two; echo status $?"),
         "script 2 one\nword x\nword y\nstatus 3", "sh script")
    # The issue has no chmod: an executable copy keeps its mode when its
    # contents are replaced through >.
    same(c.run("cp /bin/true /tmp/con_s1x && cat /tmp/con_s1.sh > /tmp/con_s1x"), "",
         "an executable file with the script in it")
    try:
        same(c.run("cd /tmp && ./con_s1x a; echo status $?"),
             "script 1 a\nword x\nword y\nstatus 3", "./script runs through #!/bin/sh")
    finally:
        c.run("cd /")
    same(c.run("/tmp/con_s1x b c d; echo status $?"),
         "script 3 b\nword x\nword y\nstatus 3", "by absolute path")


@scenario("script_cat")
def script_cat(c):
    """A script typed into cat > file, ended by Ctrl-D, then run."""
    c.consume()
    c.sendline("cat > /tmp/con_s3.sh")
    settle(c)
    for line in ("#!/bin/sh", 'echo "from cat: $0 $1"', 'f() { echo "in f $1"; }',
                 "f arg"):
        c.sendline(line)
    c.ctrl("d")
    c.wait_prompt()
    same(c.run("sh /tmp/con_s3.sh A"), "from cat: /tmp/con_s3.sh A\nin f arg",
         "the typed script runs")


@scenario("jobs")
def jobs(c):
    """sleep 100 &, jobs, kill %1, wait."""
    c.run("sleep 100 &")
    matches(c.run("jobs"), r"^\[1\].*[Rr]unning.*sleep 100", "jobs lists the background job")
    c.run("kill %1")
    out = c.run("wait; echo waited $?", timeout=90)
    matches(out, r"waited 0$", "wait returns once the job was killed")
    lacks(c.run("jobs"), r"[Rr]unning", "no job runs any more")
    same(c.run("sleep 1 & wait $!; echo $?").split("\n")[-1], "0",
         "wait for a pid gives its status")


@scenario("ctrl_c")
def ctrl_c(c):
    """Ctrl-C interrupts the foreground job, not the shell; $? is 130."""
    c.consume()
    c.sendline("cat")
    settle(c)
    c.sendline("ALIVE1")
    c.wait_for("ALIVE1")                # the terminal's echo
    c.wait_for("ALIVE1")                # cat's copy
    c.ctrl("c")
    c.wait_prompt(60)
    same(c.run("echo $?"), "130", "$? after Ctrl-C")
    c.sendline("echo SLEEP''ING; sleep 100")
    c.wait_for("SLEEPING")
    settle(c)
    c.ctrl("c")
    c.wait_prompt(90)                   # before sleep 100 could have ended
    same(c.run("echo $?"), "130", "$? after Ctrl-C of sleep")
    same(c.run("echo still here"), "still here", "the shell works on")
    c.send("echo half a line")
    c.ctrl("c")
    c.wait_prompt(60)
    same(c.run("echo next"), "next", "Ctrl-C drops a half-typed line")


@scenario("ctrl_z")
def ctrl_z(c):
    """Ctrl-Z stops the foreground job, fg resumes it, Ctrl-C ends it."""
    c.consume()
    c.sendline("cat")
    settle(c)
    c.sendline("ZED1")
    c.wait_for("ZED1")
    c.wait_for("ZED1")
    c.ctrl("z")
    c.wait_prompt(60)
    matches(c.run("jobs"), r"^\[1\].*[Ss]topped.*cat", "jobs shows the stopped cat")
    c.consume()
    c.sendline("fg")
    c.wait_for(r"cat\r?\n")             # fg names the job it resumes
    settle(c)
    c.sendline("ZED2")
    c.wait_for("ZED2")
    c.wait_for("ZED2")
    c.ctrl("c")
    c.wait_prompt(60)
    same(c.run("echo $?"), "130", "$? after Ctrl-C of the resumed job")
    lacks(c.run("jobs"), r"cat", "no job left")


@scenario("ctrl_d_logout")
def ctrl_d_logout(c):
    """Ctrl-D at an empty prompt logs out; getty starts a new shell."""
    before = c.run("echo $$")
    c.consume()
    mark = len(c.out)
    c.ctrl("d")
    c.login(since=mark)
    after = c.run("echo $$")
    matches(after, r"^\d+$", "$$ of the new shell")
    if after == before:
        raise AssertionError("the same shell answered after Ctrl-D")


@scenario("line_editing")
def line_editing(c):
    """Tab completes commands and paths, up-arrow recalls, backspace edits."""
    same(c.run_keys("ech\t TAB''OK\r"), "TABOK", "ech + Tab completes to echo")
    same(c.run_keys("echo /tm\t\r"), "/tmp/", "/tm + Tab completes to /tmp/")
    same(c.run("echo UP''ONE"), "UPONE", "the first command")
    same(c.run_keys("\x1b[A\r"), "UPONE", "up-arrow recalls the last command")
    same(c.run("echo UP''TWO"), "UPTWO", "another command")
    same(c.run_keys("\x1b[A\x1b[A\r"), "UPONE", "up twice goes one further back")
    same(c.run("echo UP''THREE"), "UPTHREE", "a third command")
    same(c.run_keys("\x1b[A\x1b[A\x1b[B\r"), "UPTHREE", "down comes back")
    same(c.run_keys("echo abX\x7fc\r"), "abc", "backspace (DEL) erases")
    same(c.run_keys("echo ac\x1b[Db\r"), "abc", "left-arrow then typing inserts")


# --- commands at the terminal -----------------------------------------------

@scenario("ls_l")
def ls_l(c):
    """ls -l / shows directories with permissions."""
    out = c.run("ls -l /")
    for d in ("bin", "etc", "tmp"):
        matches(out, rf"^d[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-].*\s{d}$", f"ls -l / has {d}")


@scenario("ps")
def ps(c):
    """ps lists the shell and itself."""
    out = c.run("ps")
    lines = out.split("\n")
    same(lines[0].split(), ["PID", "PPID", "STAT", "TIME", "CMD"], "ps headings")
    matches(out, r"^\s*\d+\s+\d+\s+\S+\s+\d\d:\d\d:\d\d sh$", "ps shows sh")
    matches(out, r"^\s*\d+\s+\d+\s+R\s+\d\d:\d\d:\d\d ps$", "ps shows itself running")
    pid = c.run("echo $$")
    matches(c.run("ps -o pid= -o comm= -p $$"), rf"^\s*{pid} sh$", "ps -p $$")


@scenario("uname")
def uname(c):
    """uname -a names the system."""
    matches(c.run("uname -a"), r"^Tessera \S+ \S+ \S+ x86_64$", "uname -a")
    same(c.run("uname"), "Tessera", "uname")


@scenario("top")
def top(c):
    """top draws full screen, q quits, Ctrl-C too, and the terminal is restored."""
    c.consume()
    c.sendline("top -d 1")
    c.wait_for(r"top - up")
    c.wait_for(r"PID\s+PPID")
    c.wait_for(r"top - up")             # a second frame: it refreshes
    c.send("q")
    c.wait_prompt(60)
    same(c.run("echo $?"), "0", "q quits with status 0")
    same(c.run("echo after''top"), "aftertop", "the shell works after top")
    if "echo after''top" not in c.last_echo:
        raise AssertionError(f"no echo after top: {c.last_echo!r}")
    c.consume()
    c.sendline("top -d 1")
    c.wait_for(r"top - up")
    c.ctrl("c")
    c.wait_prompt(60)
    same(c.run("echo $?"), "130", "Ctrl-C ends top with SIGINT")
    same(c.run("echo typed''back"), "typedback", "input is cooked again")
    if "echo typed''back" not in c.last_echo:
        raise AssertionError(f"no echo after top: {c.last_echo!r}")


@scenario("not_found")
def not_found(c):
    """PATH lookup: an unknown command is 127, a known one is found."""
    matches(c.run("no_such_cmd_x"), r"no_such_cmd_x.*not found", "the message")
    same(c.run("echo $?"), "127", "status 127")
    same(c.run("(PATH=/nowhere; ls /) >/dev/null 2>&1; echo $?"), "127",
         "nothing found without PATH")
    same(c.run("cd /tmp && pwd; cd /"), "/tmp", "cd and pwd")


@scenario("poweroff", ends_session=True)
def poweroff(c):
    """poweroff shuts down cleanly: QEMU exits with status 0."""
    same(c.poweroff(), 0, "QEMU's exit status after poweroff")


# --- the acceptance line ------------------------------------------------------

@scenario("make_run_pipe", boot="host")
def make_run_pipe(ctx):
    """printf 'ls /\\nuname -a\\npoweroff\\n' | make run: listing, name, status 0."""
    # As make run does it: the root on a copy of the disk image.
    disk = os.path.join(os.path.dirname(os.path.abspath(ctx.iso)), "disk.img")
    run_disk = ctx.log_path + ".img"
    if os.path.exists(disk):
        shutil.copyfile(disk, run_disk)
    env = dict(os.environ, CMDLINE="root=tessera-root" if os.path.exists(disk) else "",
               DISK=run_disk if os.path.exists(disk) else "", SMP="1", MEM="512M",
               FIRMWARE="bios", ACCEL=ctx.accel)
    cmd = [sys.executable, os.path.join(ROOT, "tools", "qemu.py"), "--iso", ctx.iso]
    started = time.monotonic()
    try:
        proc = subprocess.run(cmd, input=b"ls /\nuname -a\npoweroff\n", env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=1200)
        out, status = proc.stdout.decode(errors="replace"), proc.returncode
    except subprocess.TimeoutExpired as e:
        out, status = (e.stdout or b"").decode(errors="replace"), None
    with open(ctx.log_path, "w") as f:
        f.write(" ".join(cmd) + f"\n\n{out}\n\nstatus {status} after "
                f"{time.monotonic() - started:.0f}s\n")
    import console
    lines = console.render(out)
    user = [l for l in lines if not re.match(r"^\[\s*\d+\.\d+\]", l)]
    words = {w for l in user for w in l.split()}
    seen = "\n".join(l for l in user if l.strip())
    for d in ("bin", "etc"):
        if d not in words:
            raise AssertionError(f"no '{d}' from ls / in the output; it was:\n{seen}")
    if not any(re.search(r"Tessera \S+ \S+ \S+ x86_64$", l) for l in user):
        raise AssertionError("no uname -a line (Tessera NODE RELEASE VERSION x86_64); "
                             f"the output was:\n{seen}")
    same(status, 0, "the exit status of qemu.py (QEMU's own after poweroff)")
    if os.path.exists(disk):
        os.unlink(run_disk)
        if "rootfs: root file system tessera-root is disk." not in out:
            raise AssertionError("the root file system was not the disk")
