"""Render the README's screenshot (and any other reader state) to PNG.

    python docs/make_screens.py [--out docs/screenshot.png]

Drives the real reader (Pilot, real analysis) on the seed: jumps to a claim, marks one, opens
the Claims list. Textual saves an SVG; rsvg-convert (Debian's librsvg2-bin) rasterises it with
DejaVu Sans Mono, whose metrics match a terminal's cells, and with spaces preserved (by default
SVG collapses them, which drew "toldThe" where the terminal shows "told The").
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FONT = '"DejaVu Sans Mono", monospace'


def svg_to_png(svg: str, out: Path, width: int = 1600) -> None:
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    svg = re.sub(r"font-family:\s*[^;\"]*(?:\"[^\"]*\"[^;\"]*)*;", f"font-family: {FONT};", svg)
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False, encoding="utf-8") as f:
        f.write(svg)
    subprocess.run(["rsvg-convert", "-w", str(width), "-o", str(out), f.name], check=True)
    Path(f.name).unlink()


async def reader_screenshot(out: Path, size: tuple[int, int]) -> None:
    from analyzers import load
    from analyzers.rules.pipeline import analyze
    from analyzers.rules.spacy_model import load_model
    from tests.conftest import SEED
    from tests.tui.conftest import fixed_app, ready, saved

    doc = load(SEED)
    app = fixed_app(doc, analyze(doc, load_model()))
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("]", "v", "]", "]")
        await saved(pilot, screen)
        await pilot.press("4")
        await pilot.pause(0.3)
        svg = app.export_screenshot(title="copydesk")
    svg_to_png(svg, out)


async def library_screenshot(out: Path, size: tuple[int, int]) -> None:
    """The library with the bundled articles stored as an update would store them."""
    from tests.tui.test_library_screen import app, fill_library, loaded

    fill_library()
    screen_app = app()
    async with screen_app.run_test(size=size) as pilot:
        await loaded(pilot)
        await pilot.pause(0.3)
        svg = screen_app.export_screenshot(title="copydesk — library")
    svg_to_png(svg, out, width=14 * size[0])


def use_scratch_dirs() -> Path:
    """Every file the screens write (marks, the library, the cache, the theme choice) goes to a
    scratch directory, never the user's own, whatever XDG_* or COPYDESK_* say."""
    import os

    scratch = Path(tempfile.mkdtemp(prefix="copydesk-screens-"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(scratch / name.lower())
    for name in ("COPYDESK_DB", "COPYDESK_LIBRARY_DB", "COPYDESK_DESK"):
        os.environ.pop(name, None)
    return scratch


def main() -> int:
    use_scratch_dirs()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    ap.add_argument("--size", default="130x40")
    ap.add_argument("--library", action="store_true", help="the library screen instead of the reader")
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    asyncio.run((library_screenshot if args.library else reader_screenshot)(args.out, (w, h)))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
