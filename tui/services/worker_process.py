"""Starting the analysis process: light enough to run before anything else is imported
(tui/launch.py starts it first thing when the command reads an article)."""

from __future__ import annotations

import subprocess

from analyzers.io.child import child_environment, python_command


def start_worker(model: str | None) -> subprocess.Popen[bytes]:
    """``python -I -m tui.services.analysis_worker [MODEL]`` with framed pickles on its pipes."""
    cmd = python_command("tui.services.analysis_worker", *([model] if model else []))
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            bufsize=0, env=child_environment())
