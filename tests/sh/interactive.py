# SPDX-License-Identifier: MIT
"""The shell's interactive side, driven through a real pseudo-terminal.

    python3 tests/sh/interactive.py SH [RESULTS]

Starts SH (the shell under test) on a new pty as a session leader, the way
a terminal would, and types at it: the prompt, Ctrl-C at the prompt and in
a foreground job, Ctrl-Z and fg/bg, background jobs and their "Done"
reports, continuation prompts, errors that must not end the shell, input
typed ahead, Ctrl-D. Prints "ok   interactive: NAME" or "FAIL ..." per
case in the format of tests/sh/run.sh (which runs this on the host when
python3 is there) and, with RESULTS, appends "pass"/"fail" lines to it.
Timeouts are generous; nothing asserts speed.
"""

import os
import pty
import re
import select
import signal
import sys
import tempfile
import time

TIMEOUT = 20.0


class Session:
    """One shell on a pty, with expect-style helpers."""

    def __init__(self, sh, home, ps1='P$ ', args=()):
        env = {'PATH': os.environ.get('PATH', '/bin:/usr/bin'), 'HOME': home,
               'TERM': 'vt100', 'LC_ALL': 'C'}
        if ps1 is not None:
            env['PS1'] = ps1
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(sh, [sh] + list(args), env)
            finally:
                os._exit(127)
        self.buf = b''
        self.status = None

    def send(self, text):
        os.write(self.fd, text.encode())

    def expect(self, pattern, timeout=TIMEOUT):
        """Waits for pattern (a regex) in the output; returns the match.

        The text up to the end of the match is consumed."""
        rx = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        end = time.time() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = end - time.time()
            if left <= 0:
                raise AssertionError('timed out waiting for %r; output so far: %r'
                                     % (pattern, self.buf[-400:]))
            r, _, _ = select.select([self.fd], [], [], min(left, 0.2))
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    data = b''
                if not data:
                    raise AssertionError('shell gone waiting for %r; output: %r'
                                         % (pattern, self.buf[-400:]))
                self.buf += data

    def settle(self, t=0.3):
        """Reads what comes in during t seconds (to see nothing more arrives)."""
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                self.buf += data
        return self.buf

    def wait_exit(self, timeout=TIMEOUT):
        end = time.time() + timeout
        while time.time() < end:
            self.settle(0.1)
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
        raise AssertionError('shell did not exit')

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


PROMPT = r'P\$ '


def case_prompt_and_command(s):
    s.expect(PROMPT)
    s.send('echo hello\n')
    s.expect(r'\nhello\r\n' + PROMPT)


def case_default_prompt(s):
    pass  # run with ps1=None, see CASES


def case_ctrl_c_at_prompt(s):
    s.expect(PROMPT)
    s.send('echo never')
    s.send('\x03')
    s.expect(PROMPT)
    s.send('echo $?\n')
    s.expect(r'130\r\n' + PROMPT)


def case_ctrl_c_foreground(s):
    s.expect(PROMPT)
    s.send('sleep 100\n')
    time.sleep(0.5)
    s.send('\x03')
    s.expect(PROMPT, timeout=10)
    s.send('echo status=$?\n')
    s.expect(r'status=130\r\n' + PROMPT)


def case_ctrl_c_cat(s):
    s.expect(PROMPT)
    s.send('cat\n')
    time.sleep(0.3)
    s.send('typed\n')
    s.expect(r'typed\r*\ntyped\r\n')
    s.send('\x03')
    s.expect(PROMPT)
    s.send('echo alive\n')
    s.expect(r'alive\r\n' + PROMPT)


def case_ctrl_c_loop(s):
    s.expect(PROMPT)
    s.send('while :; do :; done\n')
    time.sleep(0.5)
    s.send('\x03')
    s.expect(PROMPT)
    s.send('echo back\n')
    s.expect(r'back\r\n' + PROMPT)


def case_ctrl_c_loop_with_job(s):
    s.expect(PROMPT)
    s.send('while :; do sleep 1; done\n')
    time.sleep(0.5)
    s.send('\x03')
    s.expect(PROMPT)
    s.send('echo out\n')
    s.expect(r'out\r\n' + PROMPT)


def case_ctrl_z_fg(s):
    s.expect(PROMPT)
    s.send('sleep 100\n')
    time.sleep(0.5)
    s.send('\x1a')
    s.expect(r'\[1\]\+  Stopped +sleep 100\r\n' + PROMPT)
    s.send('echo $?\n')
    s.expect(r'148\r\n' + PROMPT)
    s.send('jobs\n')
    s.expect(r'\[1\]\+  Stopped +sleep 100\r\n' + PROMPT)
    s.send('fg\n')
    s.expect(r'fg\r*\nsleep 100\r\n')
    time.sleep(0.3)
    s.send('\x03')
    s.expect(PROMPT)
    s.send('jobs; echo none\n')
    s.expect(r'\nnone\r\n' + PROMPT)


def case_ctrl_z_bg(s):
    s.expect(PROMPT)
    s.send('sleep 100\n')
    time.sleep(0.5)
    s.send('\x1a')
    s.expect(r'Stopped +sleep 100\r\n' + PROMPT)
    s.send('bg\n')
    s.expect(r'\[1\]\+ sleep 100 &\r\n' + PROMPT)
    s.send('jobs\n')
    s.expect(r'\[1\]\+  Running +sleep 100 &\r\n' + PROMPT)
    s.send('kill %1\n')
    time.sleep(1)
    s.send('\n')   # reported before this prompt or the one before
    s.expect(r'\[1\]\+  Terminated +sleep 100\r\n')
    s.expect(PROMPT)


def case_background_job(s):
    s.expect(PROMPT)
    s.send('sleep 1 &\n')
    s.expect(r'\[1\] \d+\r\n' + PROMPT)
    time.sleep(2)
    s.send('\n')
    s.expect(r'\[1\]\+  Done +sleep 1\r\n' + PROMPT)
    s.send('jobs; echo empty\n')
    s.expect(r'jobs; echo empty\r*\nempty\r\n')


def case_jobs_kill_wait(s):
    s.expect(PROMPT)
    s.send('sleep 100 &\n')
    s.expect(r'\[1\] \d+\r\n' + PROMPT)
    s.send('sleep 200 &\n')
    s.expect(r'\[2\] \d+\r\n' + PROMPT)
    s.send('jobs\n')
    s.expect(r'\[1\]-  Running +sleep 100 &\r\n\[2\]\+  Running +sleep 200 &\r\n' + PROMPT)
    s.send('kill %1 %2; wait; echo waited\n')
    s.expect(r'waited\r\n' + PROMPT)


def case_fg_job_number(s):
    s.expect(PROMPT)
    s.send('sleep 100 &\n')
    s.expect(PROMPT)
    s.send('fg %1\n')
    s.expect(r'sleep 100\r\n')
    time.sleep(0.3)
    s.send('\x03')
    s.expect(PROMPT)
    s.send('echo $?\n')
    s.expect(r'130\r\n' + PROMPT)


def case_continuation_prompt(s):
    s.expect(PROMPT)
    s.send('if true\n')
    s.expect(r'> ')
    s.send('then echo cont\n')
    s.expect(r'> ')
    s.send('fi\n')
    s.expect(r'cont\r\n' + PROMPT)


def case_errors_keep_the_shell(s):
    s.expect(PROMPT)
    s.send('fi\n')
    s.expect(r'sh: syntax error: "fi" unexpected\r\n' + PROMPT)
    s.send('echo ${x?unset}\n')
    s.expect(r'sh: x: unset\r\n' + PROMPT)
    s.send('nope\n')
    s.expect(r'sh: nope: not found\r\n' + PROMPT)
    s.send('cd /nope\n')
    s.expect(r'sh: cd: /nope: No such file or directory\r\n' + PROMPT)
    s.send('echo $?\n')
    s.expect(r'1\r\n' + PROMPT)


def case_typed_ahead(s):
    s.expect(PROMPT)
    s.send('echo one; sleep 1\necho two\necho three\n')
    s.expect(r'one\r\n')
    s.expect(r'two\r\n')
    s.expect(r'three\r\n')


def case_ignores_term_and_quit(s):
    s.expect(PROMPT)
    s.send('kill -TERM $$; kill -QUIT $$; echo survived\n')
    s.expect(r'survived\r\n' + PROMPT)


def case_ctrl_d_exits(s):
    s.expect(PROMPT)
    s.send('false\n')
    s.expect(PROMPT)
    s.send('\x04')
    status = s.wait_exit()
    if status != 1:
        raise AssertionError('exit status %r, not 1' % status)


def case_exit_status(s):
    s.expect(PROMPT)
    s.send('exit 3\n')
    status = s.wait_exit()
    if status != 3:
        raise AssertionError('exit status %r, not 3' % status)


def case_pipeline_in_foreground(s):
    s.expect(PROMPT)
    s.send('echo abc | tr a-z A-Z\n')
    s.expect(r'ABC\r\n' + PROMPT)
    s.send('sleep 100 | cat\n')
    time.sleep(0.5)
    s.send('\x03')
    s.expect(PROMPT)
    s.send('echo $?\n')
    s.expect(r'130\r\n' + PROMPT)


def case_children_get_default_signals(s):
    s.expect(PROMPT)
    s.send('sh -c \'kill -INT $$; echo no\'\n')
    s.expect(PROMPT)
    s.send('echo st=$?\n')
    s.expect(r'st=130\r\n' + PROMPT)


CASES = [
    ('a command and its output', case_prompt_and_command, {}),
    ('Ctrl-C at the prompt', case_ctrl_c_at_prompt, {}),
    ('Ctrl-C interrupts the foreground job', case_ctrl_c_foreground, {}),
    ('Ctrl-C in cat', case_ctrl_c_cat, {}),
    ('Ctrl-C stops a builtin loop', case_ctrl_c_loop, {}),
    ('Ctrl-C stops a loop running jobs', case_ctrl_c_loop_with_job, {}),
    ('Ctrl-Z, jobs and fg', case_ctrl_z_fg, {}),
    ('Ctrl-Z and bg', case_ctrl_z_bg, {}),
    ('background job and Done', case_background_job, {}),
    ('jobs, kill %N and wait', case_jobs_kill_wait, {}),
    ('fg %1 of a background job', case_fg_job_number, {}),
    ('continuation prompt', case_continuation_prompt, {}),
    ('errors do not end the shell', case_errors_keep_the_shell, {}),
    ('input typed ahead', case_typed_ahead, {}),
    ('SIGTERM and SIGQUIT are ignored', case_ignores_term_and_quit, {}),
    ('Ctrl-D leaves with the last status', case_ctrl_d_exits, {}),
    ('exit N', case_exit_status, {}),
    ('pipelines in the foreground', case_pipeline_in_foreground, {}),
    ('children get default signals', case_children_get_default_signals, {}),
]


def default_prompt_case(sh, home):
    s = Session(sh, home, ps1=None)
    try:
        mark = '#' if os.getuid() == 0 else r'\$'
        s.expect(re.escape(os.getcwd()).encode() + (' %s ' % mark).encode())
        s.send('cd /\n')
        s.expect('\n/ %s ' % mark)
    finally:
        s.close()


def main():
    sh = os.path.abspath(sys.argv[1])
    results = sys.argv[2] if len(sys.argv) > 2 else None
    home = tempfile.mkdtemp(prefix='sh-interactive.')
    passed = failed = 0
    cases = [(name, fn, kw) for name, fn, kw in CASES]
    cases.append(('the default prompt is "$PWD # "', None, {}))
    for name, fn, kw in cases:
        try:
            if fn is None:
                default_prompt_case(sh, home)
            else:
                s = Session(sh, home, **kw)
                try:
                    fn(s)
                finally:
                    s.close()
            print('ok   interactive: %s' % name)
            verdict = 'pass'
            passed += 1
        except AssertionError as e:
            print('FAIL interactive: %s\n    %s' % (name, e))
            verdict = 'fail'
            failed += 1
        sys.stdout.flush()
        if results:
            with open(results, 'a') as f:
                f.write(verdict + '\n')
    if not results:
        print('interactive: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
