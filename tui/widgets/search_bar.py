"""The reader's incremental search box: finds as you type (tui/state/search_index.py) and
posts what it found; Enter or Escape closes it."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input

from tui.state.search_index import SearchIndex


class SearchBar(Input):
    DEFAULT_CSS = """
    SearchBar { dock: bottom; height: 3; display: none; }
    SearchBar.-open { display: block; }
    """

    class Found(Message):
        def __init__(self, query: str, spans: list[tuple[int, int]]) -> None:
            self.query = query
            self.spans = spans
            super().__init__()

    class Closed(Message):
        pass

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(placeholder="search the article (Enter closes, n/N move)", id=id)
        self._text = text
        self._index: SearchIndex | None = None

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        self.add_class("-open")
        self.focus()

    def close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._index is None:
            self._index = SearchIndex(self._text)  # built on the first key, not at mount
        self.post_message(self.Found(event.value, self._index.find(event.value)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
