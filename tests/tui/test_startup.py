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
