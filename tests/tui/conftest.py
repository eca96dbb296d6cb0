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
    """Wait until the sidebar, search box and key bar are mounted (just after first paint) and
    the review marks are loaded."""
    for _ in range(500):
        screen = pilot.app.screen
        if isinstance(screen, ReaderScreen) and screen.chrome_ready and screen.review_session.idle() \
                and (screen.review_session.review is not None or screen.review_session.problem):
            await pilot.pause()
            return screen
        await pilot.pause(0.01)
    raise AssertionError("reader chrome never mounted")


async def saved(pilot, reader: ReaderScreen) -> None:
    """Wait until every review write queued so far is committed and shown."""
    for _ in range(1000):
        await pilot.pause(0.01)
        if reader.review_session.idle():
            await pilot.pause()
            return
    raise AssertionError("review writes never finished")
