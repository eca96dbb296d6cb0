"""The reader's movement keys: lines and pages, jumps between claims, quotes, mentions and
search matches (where they go is decided by tui/state/navigation.py), and the search box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.sections import jumps
from tui.state.navigation import Navigator, overlaps

if TYPE_CHECKING:
    from tui.screens.reader_parts import ReaderParts as _Host
    from tui.widgets.article_view import ArticleView
    from tui.widgets.search_bar import SearchBar
    from tui.widgets.section_rows import Item
else:
    _Host = object

# What a jump says: 'Claim 3/14'. The sections' jumps step through their items; mentions (of the
# entity or source selected) and search matches are the reader's own.
SECTION_JUMPS = {s.name: s for s in jumps()}
TITLES = {name: s.jump.word.capitalize() for name, s in SECTION_JUMPS.items() if s.jump} | {
    "mentions": "Mention", "matches": "Match"}


class JumpActions(_Host):
    """Mixed into ReaderScreen (see reader_parts for what it uses of it)."""

    def _init_jumps(self) -> None:
        self.nav = Navigator()
        self.spans = {"mentions": [], "matches": []}
        self.mention_target = None

    def action_line(self, n: int) -> None:
        self.article.scroll_to(y=self.article.scroll_y + n, animate=False)

    def action_page(self, n: int) -> None:
        h = max(1, self.article.scrollable_content_region.height - 1)
        self.article.scroll_to(y=self.article.scroll_y + n * h, animate=False)

    def action_top(self) -> None:
        self.article.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.article.finish_layout()  # a long article may still be laid out in the background
        self.article.scroll_to(y=self.article.max_scroll_y, animate=False)

    def on_article_view_scrolled(self, message: ArticleView.Scrolled) -> None:
        if self.chrome_ready and not self.has_class("-hide-sidebar"):
            self.sidebar.mark_visible(message.start, message.end)
        shown = self.status.item_kind
        if shown in TITLES:  # 'Claim 3/14' is said only while claim 3 is on screen
            here = self.nav.current(shown, self._spans(shown))
            if here is None or not overlaps(here, (message.start, message.end)):
                self.status.say("")
        self.update_status()

    def _spans(self, kind: str) -> list[tuple[int, int]]:
        if kind in SECTION_JUMPS:
            return [(s, e) for s, e, _ in SECTION_JUMPS[kind].located(self.analysis)]
        return self.spans[kind]

    def action_jump(self, kind: str, direction: int) -> None:
        spans = self._spans(kind)
        i = self.nav.step(kind, spans, direction, self.article.visible_range())
        if i is None:
            busy = self.analysis is None or not self.analysis.complete
            self.status.say(f"no {kind} yet" if busy and kind in SECTION_JUMPS else f"no {kind}")
            return
        self._show(kind, i)

    def _show(self, kind: str, i: int) -> None:
        """Go to item ``i`` of ``kind`` and say where we are: 'Claim 3/14'."""
        spans = self._spans(kind)
        start, end = spans[i]
        if kind in SECTION_JUMPS:
            item_id = SECTION_JUMPS[kind].located(self.analysis)[i][2]
            if SECTION_JUMPS[kind].review_kind is not None:  # what the review keys act on
                self.review_session.current = (kind, item_id)
            self.article.set_current((start, end))
            if self.chrome_ready:
                self.sidebar.select(kind, item_id)
        elif kind == "matches":
            self.article.set_matches(spans, i)
        else:
            self.article.set_current((start, end))
        self.article.scroll_to_offset(start)
        self.status.say(f"{TITLES[kind]} {i + 1}/{len(spans)}", kind)

    def _jump_to(self, kind: str, item_id: str) -> None:
        """Show the claim or quote ``item_id`` and make it the cursor for ] [ } {."""
        located = SECTION_JUMPS[kind].located(self.analysis)
        ids = [it[2] for it in located]
        i = ids.index(item_id) if item_id in ids else 0
        self.nav.set(kind, i, located[i][:2] if located else None)
        self._show(kind, i)

    def action_mention(self, direction: int) -> None:
        if self.mention_target is None and self.analysis is not None and self.analysis.entities:
            from tui.widgets.section_rows import entity_item

            top = max(self.analysis.entities, key=lambda e: len(e.mentions))
            self._target_mentions(entity_item(top))  # ) before any selection: the most mentioned
        self.action_jump("mentions", direction)

    def _target_mentions(self, item: Item) -> None:
        self.mention_target = item
        self.spans["mentions"] = sorted(set(item.spans))
        self.nav.forget("mentions")
        self.article.set_mentions(self.spans["mentions"])

    # -- search ---------------------------------------------------------------------------
    def action_search(self) -> None:
        def open_box() -> None:
            from tui.widgets.search_bar import SearchBar

            self.query_one("#search", SearchBar).open()

        self.when_chrome(open_box)

    def on_search_bar_found(self, message: SearchBar.Found) -> None:
        self.spans["matches"] = message.spans
        self.nav.forget("matches")
        if message.spans:
            self.action_jump("matches", 1)
        else:
            self.article.set_matches([], -1)
            self.status.say("no match" if message.query.strip() else "")

    def on_search_bar_closed(self) -> None:
        self.article.focus()

    def action_match(self, direction: int) -> None:
        if not self.spans["matches"]:
            self.status.say("no search (press /)")
            return
        self.action_jump("matches", direction)
