"""What the reader does for its first frame and undoes after it."""

from __future__ import annotations

import gc

from tests.tui.conftest import fixed_app


async def test_the_collector_comes_back_after_the_first_frame(seed_doc, fixed_analysis):
    """'copydesk read' starts with the cycle collector off (tui/cli); the app turns it back on
    once the first frame is out."""
    gc.disable()
    try:
        app = fixed_app(seed_doc, fixed_analysis)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_keys_pressed_before_the_sidebar_is_mounted_are_kept(seed_doc, fixed_analysis):
    """A cached analysis is on screen in the first frame, before the sidebar is mounted: '4'
    (the Claims tab) and '/' (search) pressed at once still happen once it is."""
    from tui.screens.reader import ReaderScreen
    from tui.widgets.search_bar import SearchBar
    from tui.widgets.sidebar import Sidebar

    app = fixed_app(seed_doc, fixed_analysis)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and not screen.chrome_ready
        await pilot.press("4")
        await pilot.press("slash")
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.chrome_ready:
                break
        await pilot.pause()
        assert screen.query_one(Sidebar)._active() == "claims"
        assert screen.query_one("#search", SearchBar).is_open
