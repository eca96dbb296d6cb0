"""One sidebar list: an OptionList of prebuilt rows that remembers the item behind each option
and marks the items that are on screen."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.hang import hang
from tui.widgets.section_rows import Item, Row

VISIBLE_MARK = "▍"


class SectionList(OptionList):
    """``items[i]`` is the item behind option ``i`` (None for headers)."""

    def __init__(self, section: str) -> None:
        super().__init__(id=f"list-{section}")
        self.section = section
        self.items: list[Item | None] = []
        self.prompts: list[Text] = []
        self.on_screen: set[int] = set()
        self.kind: str | None = None  # the filter a FilteredSectionList cycles; None: everything
        self.mark_style: Style | str = "bold"

    def fill(self, rows: list[Row]) -> None:
        keep = self.highlighted
        self.items = [item for _, item in rows]
        self.prompts = [prompt for prompt, _ in rows]
        self.on_screen = set()
        self.set_options(Option(self._decorate(i), disabled=item is None) for i, (_, item) in enumerate(rows))
        if keep is not None and keep < len(rows) and rows[keep][1] is not None:
            self.highlighted = keep

    def _decorate(self, i: int) -> Text:
        mark = Text(VISIBLE_MARK if i in self.on_screen else " ", style=self.mark_style)
        return Text.assemble(mark, hang(self.prompts[i], self._wrap_width()))

    def _wrap_width(self) -> int:
        """Cells left for an option's text (the mark column takes one): the sidebar's width,
        or a guess before it is laid out."""
        width = self.scrollable_content_region.width or 40
        return max(20, width - 2)

    def on_resize(self) -> None:
        if self.prompts:  # wrapping depends on the width: redo it
            self.set_options(Option(self._decorate(i), disabled=item is None) for i, item in enumerate(self.items))

    def mark_visible(self, start: int, end: int) -> None:
        now = {i for i, item in enumerate(self.items)
               if item is not None and any(a < end and b > start for a, b in item.spans)}
        changed = now ^ self.on_screen
        self.on_screen = now
        for i in changed:
            if i < self.option_count:
                self._remark(i)

    def _remark(self, i: int) -> None:
        """Swap the mark of one option and repaint only its lines: the mark never changes an
        option's height, so the line cache stays (a full refresh costs kilobytes over SSH)."""
        self.get_option_at_index(i)._set_prompt(self._decorate(i))
        self._option_render_cache.clear()
        line = self._index_to_line.get(i)
        if line is None:
            return
        top = line - int(self.scroll_y)
        height = self._heights.get(i, 1)
        if top + height > 0 and top < self.size.height:
            self.refresh(Region(0, max(0, top), self.size.width, height))

    def index_of(self, ref: str) -> int | None:
        for i, item in enumerate(self.items):
            if item is not None and item.ref == ref:
                return i
        return None


class FilteredSectionList(SectionList):
    """A list with a filter: ``f`` cycles its kind, all → each of ``kinds`` → all."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f", "cycle_kind", "filter by kind")]

    class KindChanged(Message):
        """The filter moved on: the sidebar refills the list."""

        def __init__(self, section_list: FilteredSectionList) -> None:
            self.section_list = section_list
            super().__init__()

        @property
        def control(self) -> FilteredSectionList:
            return self.section_list

    def __init__(self, section: str, kinds: tuple[str, ...]) -> None:
        super().__init__(section)
        self.kinds = kinds

    def action_cycle_kind(self) -> None:
        order = (None, *self.kinds)
        self.kind = order[(order.index(self.kind) + 1) % len(order)]
        self.highlighted = None
        self.post_message(self.KindChanged(self))
