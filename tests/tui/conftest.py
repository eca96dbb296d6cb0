from __future__ import annotations

import asyncio

from tests.conftest import SEED
from tui.app import CopydeskApp
from tui.screens.reader import ReaderScreen


def fixed_app(doc, analysis, theme: str = "copydesk-dark") -> CopydeskApp:
    """The reader on a precomputed analysis: no worker, deterministic screens."""
    return CopydeskApp([str(SEED)], document=doc, analysis=analysis, theme=theme)


async def wait_analysed(pilot, timeout: float = 60.0) -> ReaderScreen:
    screen = pilot.app.screen
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, ReaderScreen) and screen.analysis is not None and screen.analysis.complete:
            return screen
    raise AssertionError("analysis did not finish")


async def ready(pilot) -> ReaderScreen:
    """Wait until the sidebar, search box and footer are mounted (just after first paint)."""
    for _ in range(200):
        screen = pilot.app.screen
        if isinstance(screen, ReaderScreen) and screen.chrome_ready:
            await pilot.pause()
            return screen
        await pilot.pause(0.01)
    raise AssertionError("reader chrome never mounted")
