"""Messages the analysis worker posts; workers never touch widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the feed (and the analysis service) load when the analysis starts
    from tui.state.analysis_feed import Event


class AnalysisEvent(Message):
    """What the analysis feed yielded (a status, a notice, an update or a failure)."""

    def __init__(self, event: Event) -> None:
        self.event = event
        super().__init__()
