#!/usr/bin/env python3
"""The REPL as a user meets it: `tscript` is driven through a pseudo-terminal with typed
keys (Enter, Tab, Ctrl-C, Ctrl-D, arrows) and the screen it draws is checked; the pipe
tests cover stdin that is not a terminal. Every wait has a timeout, so a broken REPL fails
instead of hanging.

usage: test_repl_pty.py --bin path/to/tscript [unittest options]
"""
import argparse
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unittest

BIN = None
TIMEOUT = 15  # seconds for any single expected output

# Terminal control sequences libedit draws with (cursor moves, clears, bells).
CONTROL = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHM]|[\r\x07\x08]")
ENTER, TAB, CTRL_C, CTRL_D, UP = "\r", "\t", "\x03", "\x04", "\x1b[A"


class Session:
    """One tscript process on a pseudo-terminal, with a cursor into its output."""

    def __init__(self, args=(), env=None):
        pid, fd = pty.fork()
        if pid == 0:  # the child: become tscript (never return into the test runner)
            try:
                os.execve(BIN, [BIN, *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
        self.raw = b""
        self.mark = 0  # expect() searches the screen text after this offset
        self.status = None

    def screen(self):
        return CONTROL.sub(b"", self.raw).decode("utf-8", "replace")

    def _pump(self, seconds):
        """Reads whatever arrives within `seconds`; False once the terminal is closed."""
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child exited and closed the terminal
            return False
        self.raw += data
        return bool(data)

    def send(self, keys):
        os.write(self.fd, keys.encode())

    def expect(self, pattern, timeout=TIMEOUT):
        """Waits for `pattern` (a regex) after the mark; moves the mark past it."""
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.screen(), self.mark)
            if m:
                self.mark = m.end()
                return m
            left = deadline - time.monotonic()
            if left <= 0 or not self._pump(min(left, 0.2)):
                m = rx.search(self.screen(), self.mark)
                if m:
                    self.mark = m.end()
                    return m
                raise AssertionError(f"timed out waiting for {pattern!r}; screen after mark:\n"
                                     f"{self.screen()[self.mark:]!r}")

    def quiet_for(self, seconds):
        """The screen text that arrived within `seconds` (used to see nothing arrives)."""
        deadline = time.monotonic() + seconds
        start = len(self.screen())
        while time.monotonic() < deadline and self._pump(deadline - time.monotonic()):
            pass
        return self.screen()[start:]

    def prompt(self):
        return self.expect(r">>> ")

    def line(self, text):
        """Types a line and presses Enter."""
        self.send(text + ENTER)

    def wait_exit(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                while self._pump(0.05):
                    pass
                return self.status
            self._pump(0.05)
        raise AssertionError("tscript did not exit; screen:\n" + self.screen())

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except ProcessLookupError:
                pass
        os.close(self.fd)


class ReplTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.history = os.path.join(self.tmp.name, "history")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.tmp.name,  # no ~/.editrc of the person running the tests
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "TSCRIPT_HISTORY": self.history,
        }
        self.sessions = []

    def tearDown(self):
        for s in self.sessions:
            s.close()
        self.tmp.cleanup()

    def start(self, *args):
        s = Session(args, self.env)
        self.sessions.append(s)
        return s

    def test_multiline_block_echo_and_underscore(self):
        s = self.start()
        s.expect(r"tscript \d")  # the banner
        s.prompt()
        s.line("def twice(x):")
        s.expect(r"\.\.\. ")
        s.line("    return x * 2")
        s.expect(r"\.\.\. ")
        s.line("")  # a blank line ends the block
        s.prompt()
        s.line("twice(21)")
        s.expect(r"\n42\n")
        s.prompt()
        s.line("_ + 1")  # `_` holds the last echoed value
        s.expect(r"\n43\n")
        s.prompt()
        s.line("None")  # None is not echoed, and does not replace `_`
        s.prompt()
        s.line("_")
        s.expect(r"\n43\n")
        s.prompt()
        s.line("for i in range(3):")
        s.expect(r"\.\.\. ")
        s.line("    print(i * 10)")
        s.expect(r"\.\.\. ")
        s.line("")
        s.expect(r"\n0\n10\n20\n")
        s.prompt()
        s.line("(1 +")  # an open bracket continues, even past a blank line
        s.expect(r"\.\.\. ")
        s.line("")
        s.expect(r"\.\.\. ")
        s.line("  2)")
        s.expect(r"\n3\n")
        s.prompt()

    def test_errors_keep_the_session(self):
        s = self.start()
        s.prompt()
        s.line("1 / 0")
        s.expect(r"Traceback \(most recent call last\):\n  File \"<stdin>\", line 1, in <module>\n"
                 r"ZeroDivisionError: division by zero\n")
        s.prompt()
        s.line("if True:")
        s.expect(r"\.\.\. ")
        s.line("")  # a block without a body is an error once a blank line ends it
        s.expect(r"IndentationError: expected an indented block")
        s.prompt()
        s.line("x = 5")
        s.prompt()
        s.line("x")
        s.expect(r"\n5\n")
        s.prompt()

    def test_completion(self):
        s = self.start()
        s.prompt()
        s.line("import torch")
        s.prompt()
        s.send("torch.nn.Lin" + TAB)
        s.expect(r"torch\.nn\.Linear")
        s.send(ENTER)  # the completed line runs: the buffer really holds the completion
        s.expect(r"Linear'>\n")
        s.prompt()
        s.line("alpha_one = 1; alpha_two = 2")
        s.prompt()
        s.send("alpha_" + TAB)  # no common extension: the candidates are listed
        s.expect(r"alpha_one +alpha_two\n")
        s.send("two" + ENTER)
        s.expect(r"\n2\n")
        s.prompt()
        s.send("whi" + TAB + "False:" + ENTER)  # keywords complete with their space
        s.expect(r"while False:")
        s.expect(r"\.\.\. ")
        s.send(ENTER)
        s.prompt()

    def test_ctrl_c_while_typing_clears_the_line(self):
        s = self.start()
        s.prompt()
        s.send("1 + 2")
        s.expect(r"1 \+ 2")
        s.send(CTRL_C)
        s.expect(r"\nKeyboardInterrupt\n")
        s.prompt()
        s.line("6 * 7")  # the interrupted text is gone
        s.expect(r"\n42\n")
        s.prompt()

    def _interrupt_running(self, s):
        # Ctrl-C must reach a running statement as SIGINT: give it time to start running.
        self.assertNotIn(">>> ", s.quiet_for(0.5))
        s.send(CTRL_C)
        s.expect(r"Traceback \(most recent call last\):\n(.*\n)*KeyboardInterrupt\n")
        s.prompt()

    def test_ctrl_c_interrupts_a_running_statement(self):
        s = self.start()
        s.prompt()
        s.line("n = 0")
        s.prompt()
        s.line("while True: n += 1")
        s.expect(r"\.\.\. ")
        s.line("")
        self._interrupt_running(s)
        s.line("n > 0")  # the session and its state survive
        s.expect(r"\nTrue\n")
        s.prompt()
        # Recursion without loops is interrupted too (the VM also polls on calls).
        s.line("def fib(k): return k if k < 2 else fib(k - 1) + fib(k - 2)")
        s.expect(r"\.\.\. ")
        s.line("")
        s.prompt()
        s.line("fib(80)")
        self._interrupt_running(s)
        s.line("'alive'")
        s.expect(r"\n'alive'\n")
        s.prompt()

    def test_ctrl_d_exits(self):
        s = self.start()
        s.prompt()
        s.send(CTRL_D)
        self.assertEqual(s.wait_exit(), 0)

    def test_exit_status_from_system_exit(self):
        s = self.start()
        s.prompt()
        s.line("import sys; sys.exit(3)")
        self.assertEqual(s.wait_exit(), 3)

    def test_history_is_recalled_in_a_new_session(self):
        first = self.start()
        first.prompt()
        first.line("remembered = 1234")
        first.prompt()
        first.send(CTRL_D)
        self.assertEqual(first.wait_exit(), 0)
        self.assertTrue(os.path.exists(self.history))
        self.assertEqual(os.stat(self.history).st_mode & 0o777, 0o600)

        second = self.start()
        second.prompt()
        second.send(UP)  # the previous session's line comes back
        second.expect(r"remembered = 1234")
        second.send(ENTER)
        second.prompt()
        second.line("remembered + 1")
        second.expect(r"\n1235\n")
        second.prompt()

    def test_history_file_is_size_limited(self):
        with open(self.history, "w") as f:  # libedit's history file format
            f.write("_HiStOrY_V2_\n" + "".join(f"old{i}\n" for i in range(1500)))
        s = self.start()
        s.prompt()
        s.line("newest = 1")
        s.prompt()
        s.send(CTRL_D)
        self.assertEqual(s.wait_exit(), 0)
        with open(self.history) as f:
            entries = f.read().splitlines()[1:]
        self.assertLessEqual(len(entries), 1000)
        self.assertEqual(entries[-1], r"newest\040=\0401")  # libedit escapes blanks

    def test_inspect_after_file(self):
        script = os.path.join(self.tmp.name, "setup.py")
        with open(script, "w") as f:
            f.write("base = 10\nprint('ran')\n")
        s = self.start("-i", script)
        s.expect(r"ran\n")
        s.prompt()
        s.line("base * 2")
        s.expect(r"\n20\n")
        s.prompt()
        self.assertNotIn("tscript 0", s.screen())  # no banner after a file, as CPython


class PipeTest(unittest.TestCase):
    def run_tscript(self, args, stdin):
        return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=TIMEOUT)

    def test_piped_script_runs_whole_without_prompts(self):
        r = self.run_tscript([], "total = 0\nfor i in range(4):\n    total += i\nprint(total)\ntotal\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "6\n")  # a script: bare expressions are not echoed
        self.assertNotIn(">>>", r.stderr)

    def test_inspect_reads_statements_from_a_pipe(self):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write("y = 10\n")
        try:
            r = self.run_tscript(["-i", f.name], "y * 2\nfor i in range(2):\n    print(i)\n\n1/0\nNone\ny\n")
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "20\n0\n1\n10\n")
        self.assertIn(">>> ", r.stderr)  # prompts go to stderr, as CPython's
        self.assertIn("... ", r.stderr)
        self.assertIn("ZeroDivisionError: division by zero", r.stderr)

    def test_inspect_exit_status(self):
        r = self.run_tscript(["-i", "-c", "x = 1"], "import sys\nsys.exit(x + 4)\nprint('not reached')\n")
        self.assertEqual(r.returncode, 5, r.stderr)
        self.assertEqual(r.stdout, "")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    args, rest = parser.parse_known_args()
    BIN = os.path.abspath(args.bin)
    unittest.main(argv=[sys.argv[0], *rest])
