"""Key latency while the analysis streams: a 100,000-word article, 'j' every 0.4 s.

    python benchmarks/streaming_latency.py

Measures, in a pseudo-terminal, the time from each key to the first byte of the repaint.
Never fails: it measures.
"""

from __future__ import annotations

import os
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

import ptyprocess

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2155ca87d0d03760.txt"


def main() -> int:
    big = Path(tempfile.mkdtemp()) / "big.txt"
    big.write_text((SEED.read_text(encoding="utf-8").rstrip("\n") + "\n") * 150, encoding="utf-8")
    exe = str(Path(sys.executable).parent / "copydesk")
    p = ptyprocess.PtyProcess.spawn([exe, str(big)], dimensions=(40, 120),
                                    env=dict(os.environ, TERM="xterm-256color"))
    buf = b""
    end = time.monotonic() + 15
    while b"analysing" not in buf and time.monotonic() < end:
        r, _, _ = select.select([p.fd], [], [], 0.2)
        if r:
            buf += os.read(p.fd, 65536)
    lat = []
    for _ in range(40):
        while select.select([p.fd], [], [], 0.4)[0]:
            os.read(p.fd, 65536)
        t = time.monotonic()
        os.write(p.fd, b"j")
        r, _, _ = select.select([p.fd], [], [], 2.0)
        if r:
            os.read(p.fd, 65536)
            lat.append(time.monotonic() - t)
    p.terminate(force=True)
    lat.sort()
    print(f"'j' while analysing 100k words: median {statistics.median(lat) * 1000:.0f} ms, "
          f"p90 {lat[int(len(lat) * 0.9)] * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms over {len(lat)} keys")
    return 0


if __name__ == "__main__":
    sys.exit(main())
