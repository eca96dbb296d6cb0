"""The terminal driver: Textual's own, with each frame's styles sent as differences (tui/sgr.py)."""

from __future__ import annotations

import threading
from typing import Any

from textual.drivers.linux_driver import LinuxDriver

from tui.sgr import SgrDiff


class TerseDriver(LinuxDriver):
    """LinuxDriver, writing fewer bytes for the same screen: what a keystroke costs over SSH."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sgr = SgrDiff()
        self._sgr_lock = threading.Lock()  # frames come from the app's loop, a bell from anywhere

    def write(self, data: str) -> None:
        with self._sgr_lock:
            super().write(self._sgr.feed(data))

    def start_application_mode(self) -> None:
        self._sgr.forget()  # back from a suspend: the shell may have left any style behind
        super().start_application_mode()

    def stop_application_mode(self) -> None:
        super().stop_application_mode()
        self._sgr.forget()
