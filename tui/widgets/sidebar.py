"""The sidebar: a tab per section of tui/sections.py (entities, quotes, sources, claims), each a
SectionList of rows built from plain Text.

Every item remembers the document span(s) it stands for, so the screen can jump to it and the
sidebar can mark the items that are on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, TabbedContent, TabPane

from analyzers.model import Analysis, Notice
from analyzers.store.review.marks import ItemKind
from tui.sections import SECTIONS, Section
from tui.widgets.section_list import FilteredSectionList, SectionList
from tui.widgets.section_rows import (
    DEFAULT_LOOK,
    ROLES,
    Context,
    Item,
    Look,
    ReviewOf,
    no_badge,
    no_review,
    partial_rows,
)

__all__ = ["Item", "Sidebar"]


class Sidebar(Vertical):
    # The rows' styles by role (section_rows.Look); a theme or stylesheet restyles them here.
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"sidebar--{role}" for role in ROLES}
    DEFAULT_CSS = """
    Sidebar { width: 100%; height: 100%; }
    Sidebar OptionList { height: 1fr; border: none; padding: 0; }
    Sidebar TabbedContent { height: 1fr; }
    Sidebar TabPane { padding: 0; }
    Sidebar > .sidebar--heading { text-style: bold underline; }
    Sidebar > .sidebar--summary { text-style: bold; }
    Sidebar > .sidebar--warning { text-style: bold; }
    Sidebar > .sidebar--name { text-style: bold; }
    Sidebar > .sidebar--score { text-style: bold; }
    Sidebar > .sidebar--meta { text-style: dim; }
    Sidebar > .sidebar--hint { text-style: dim; }
    Sidebar > .sidebar--aside { text-style: italic; }
    Sidebar > .sidebar--verdict { text-style: bold reverse; }
    Sidebar > .sidebar--note { text-style: italic; }
    Sidebar > .sidebar--more { text-style: italic dim; }
    Sidebar > .sidebar--visible { text-style: bold; }
    """

    class Selected(Message):
        """Enter on an item: jump to it."""

        def __init__(self, item: Item) -> None:
            self.item = item
            super().__init__()

    class Focused(Message):
        """An item was highlighted (the selected entity/source for mention jumps)."""

        def __init__(self, item: Item) -> None:
            self.item = item
            super().__init__()

    def __init__(self, document_warnings: tuple[Notice, ...] = (), document_length: int = 0, *,
                 sections: Sequence[Section] = SECTIONS, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document_warnings = document_warnings
        self.document_length = document_length
        self.sections = tuple(sections)
        self._names = {s.name: s for s in self.sections}
        self._pending: dict[str, Context] = {}  # lists to build when next shown
        self._built: dict[str, Context] = {}    # what each list shows (its filter rebuilds from it)
        self._look: Look | None = None
        self._visible_range: tuple[int, int] | None = None
        self._checked: Callable[[str], str | None] = no_badge   # claims' "checked before" badges

    def compose(self) -> ComposeResult:
        with TabbedContent(id="sections"):
            for s in self.sections:
                with TabPane(f"{s.key} {s.title}", id=f"tab-{s.name}"):
                    yield FilteredSectionList(s.name, s.filters) if s.filters else SectionList(s.name)

    def section(self, name: str) -> SectionList:
        """The list for ``name``, filled first if new results arrived while it was hidden."""
        lst = self.query_one(f"#list-{name}", SectionList)
        context = self._pending.pop(name, None)
        if context is not None:
            self._fill(lst, context)
        return lst

    def _fill(self, lst: SectionList, context: Context) -> None:
        look = self.look()
        lst.mark_style = look.visible
        c = replace(context, section=lst.section, kind=lst.kind, look=look)
        lst.fill(partial_rows(c) + self._names[lst.section].rows(c))

    def look(self) -> Look:
        """The rows' styles, from the component classes (the defaults until they are styled)."""
        if self._look is None:
            self._look = self._styled_look()
        return self._look or DEFAULT_LOOK

    def _styled_look(self) -> Look | None:
        try:
            return Look(**{role: self.get_component_rich_style(f"sidebar--{role}", partial=True)
                           for role in ROLES})
        except KeyError:  # not styled yet
            return None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._look is not None:  # rows were built: see whether a new theme restyled them
            self.call_after_refresh(self._restyle)  # (the component styles change after this call)

    def _restyle(self) -> None:
        """Lists built in the old styles are built again: the open one now, the others when opened."""
        fresh = self._styled_look()
        if fresh is not None and fresh != self._look:
            self._look = fresh
            self._pending.update(self._built)
            self._reapply_visible()

    def _active(self) -> str:
        """The open section's name; "" while the tabs are not composed yet."""
        tabs = self.query(TabbedContent)
        return tabs.first().active.removeprefix("tab-") if tabs else ""

    def on_mount(self) -> None:
        # results that arrived before the lists existed are shown once they do
        self.call_after_refresh(self._reapply_visible)

    def show(self, name: str, focus: bool = True) -> None:
        self.query_one(TabbedContent).active = f"tab-{name}"
        if focus:
            self.section(name).focus()

    def select(self, section: str, ref: str) -> None:
        lst = self.section(section)
        i = lst.index_of(ref)
        if i is not None:
            self.query_one(TabbedContent).active = f"tab-{section}"
            lst.highlighted = i

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        lst = event.option_list
        item = lst.items[event.option_index] if isinstance(lst, SectionList) else None
        if item is not None:
            self.post_message(self.Selected(item))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        lst = event.option_list
        if isinstance(lst, SectionList) and event.option_index < len(lst.items):
            item = lst.items[event.option_index]
            if item is not None:
                self.post_message(self.Focused(item))

    def update_analysis(self, a: Analysis, review: ReviewOf = no_review, orphans: list[tuple[str, Text]] | None = None) -> None:
        """New results: only the open list is rebuilt now (a list of hundreds of items costs tens
        of milliseconds, and keys wait meanwhile); the others when they are opened."""
        self._queue(self.sections, self._new_context(a, review, orphans or []))
        self._reapply_visible()

    def update_review(self, a: Analysis, review: ReviewOf, orphans: list[tuple[str, Text]]) -> None:
        """Marks or notes changed: only the lists that show them."""
        self._queue([s for s in self.sections if s.review_kind is not None], self._new_context(a, review, orphans))
        self._reapply_visible()

    def update_factchecks(self, checked: Callable[[str], str | None]) -> None:
        """Claims' earlier fact-checks arrived: the lists that show claims are built again."""
        self._checked = checked
        for s in self.sections:
            if s.review_kind is ItemKind.CLAIM and s.name in self._built:
                self._pending[s.name] = self._built[s.name] = replace(self._built[s.name], checked=checked)
        self._reapply_visible()

    def _new_context(self, a: Analysis, review: ReviewOf, orphans: list[tuple[str, Text]]) -> Context:
        from analyzers.store.paths import desk_dir

        return Context(a, review=review, orphans=tuple(orphans), warnings=self.document_warnings,
                       team=desk_dir() is not None, length=self.document_length, checked=self._checked)

    def _queue(self, sections: Iterable[Section], context: Context) -> None:
        """Nothing is queried here: the lists may not be composed yet (a cached analysis arrives
        at once)."""
        for s in sections:
            self._pending[s.name] = self._built[s.name] = context

    def on_filtered_section_list_kind_changed(self, event: FilteredSectionList.KindChanged) -> None:
        event.stop()
        lst = event.section_list
        built = self._built.get(lst.section)
        if built is not None:
            self._pending.pop(lst.section, None)
            self._fill(lst, built)

    def _reapply_visible(self) -> None:
        active = self._active()
        if self._visible_range is not None:
            self.mark_visible(*self._visible_range)
        elif active in self._names:
            self.section(active)

    def highlighted_item(self) -> Item | None:
        """The item under the cursor of the open section."""
        active = self._active()
        if active not in self._names:
            return None
        lst = self.section(active)
        i = lst.highlighted
        return lst.items[i] if i is not None and i < len(lst.items) else None

    def mark_visible(self, start: int, end: int) -> None:
        """Only the open section is repainted; the others catch up when opened."""
        self._visible_range = (start, end)
        active = self._active()
        if active in self._names:
            self.section(active).mark_visible(start, end)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = (event.pane.id or "").removeprefix("tab-")
        if name in self._names:
            lst = self.section(name)
            if self._visible_range is not None:
                lst.mark_visible(*self._visible_range)
