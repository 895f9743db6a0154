"""A Python child process for kill -9 tests: its stdout lines arrive on a queue (no polling,
no sleeps), and it can be killed with SIGKILL like a crash or a power cut."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
from collections.abc import Mapping, Sequence


class Child:
    def __init__(self, args: Sequence[str], env: Mapping[str, str], timeout: float = 60) -> None:
        self.timeout = timeout
        self.proc = subprocess.Popen(
            list(args),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("<eof>")

    def next_line(self) -> str:
        """The next line printed; raises ``queue.Empty`` after ``timeout`` seconds."""
        line = self.lines.get(timeout=self.timeout)
        assert line != "<eof>", f"the child exited with {self.proc.wait()}"
        return line

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=self.timeout)
