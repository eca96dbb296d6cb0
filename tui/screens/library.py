"""The library: folders (all, unread, each feed, each tag) on the left, the articles on the right
— outlet, date, title, quotes and sources, anonymous share, review progress, an unread dot, one
row each at any width; the same wire story from several feeds is one row with its outlets. Enter
reads, U updates (the network in a worker, the progress below), m toggles read, / filters titles
as you type and searches texts and quotes on Enter, S lists the sources, P profiles an outlet.
Reads of the library and review databases run off the screen's thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from analyzers.ingest.sanitize import display
from tui.actions import LIBRARY, bindings, offered
from tui.context import context
from tui.state.library_view import (
    Entry,
    Folder,
    entries_from,
    folders_from,
    in_folder,
    matches,
    row,
)
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from analyzers.io.fetch import FetchPolicy
    from analyzers.model import Analysis, Document
    from analyzers.store.library.store import ArticleRow, Feed


class Loaded(Message):
    def __init__(self, entries: list[Entry], folders: list[Folder], note: str) -> None:
        self.entries, self.folders, self.note = entries, folders, note
        super().__init__()


class Progressed(Message):
    def __init__(self, text: str, done: bool = False) -> None:
        self.text, self.done = text, done
        super().__init__()


class LibraryScreen(Screen[None]):
    ACTIONS = LIBRARY
    BINDINGS: ClassVar[list[BindingType]] = bindings(LIBRARY)
    DEFAULT_CSS = """
    LibraryScreen #lib-head { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    LibraryScreen #lib-body { height: 1fr; }
    LibraryScreen #folders { width: 26; border: none; border-right: vkey $primary 40%; }
    LibraryScreen.-narrow #folders { display: none; }
    LibraryScreen.-narrow.-folders #folders { display: block; width: 100%; }
    LibraryScreen.-narrow.-folders #articles { display: none; }
    LibraryScreen #articles { width: 1fr; border: none; }
    LibraryScreen #lib-filter { dock: bottom; display: none; }
    LibraryScreen #lib-filter.-open { display: block; }
    LibraryScreen #lib-status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, files: list[str], files_label: str, model: str | None, max_bytes: int) -> None:
        super().__init__()
        self.files = files
        self.files_label = files_label
        self.model = model
        self.max_bytes = max_bytes
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.folders: list[Folder] = []
        self.folder = "all"
        self.query_text = ""
        self.updating = False

    def compose(self) -> ComposeResult:
        yield Static(Text("copydesk — library"), id="lib-head")
        with Horizontal(id="lib-body"):
            yield OptionList(id="folders")
            yield OptionList(id="articles")
        yield Input(placeholder="search: titles filter as you type · enter searches texts and quotes · escape clears",
                    id="lib-filter")
        yield Static(id="lib-status")
        # restricted mode offers nothing it would refuse (U, m): not in the bar, palette or help
        self.ACTIONS = offered(LIBRARY, context(self).restricted)
        yield KeyBar(self.ACTIONS)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < 100, "-narrow")
        self.query_one("#articles").focus()
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
        self._fill_articles()

    def on_screen_resume(self) -> None:
        if self.entries:  # back from the reader: read state and review progress changed
            self.reload()

    # -- data (off the screen's thread) -----------------------------------------------------
    @work(thread=True, exclusive=True, group="library-load")
    def reload(self) -> None:
        from analyzers.store.desk import DeskError

        note = ""
        ctx = context(self)
        feeds: list[Feed] = []
        articles: list[ArticleRow] = []
        try:
            feeds, articles = ctx.desk.listing()
        except DeskError as exc:
            note = f"library unavailable: {exc}"
        reviewed = ctx.desk.review_progress()
        files = self.files if (not articles or ctx.restricted) else []
        entries = entries_from(articles, feeds, reviewed, [(p, self._title_of(p, n)) for n, p in enumerate(files)],
                               self.files_label)
        self.post_message(Loaded(entries, folders_from(entries, feeds, self.files_label), note))

    def _title_of(self, path: str, n: int) -> str:
        """A file's title for the list (the first 200 files; the rest show their names)."""
        from analyzers import LoadError
        from tui.restricted import RestrictedError

        if n >= 200:
            return ""
        try:
            return context(self).policy.load(path, self.max_bytes).title
        except (LoadError, RestrictedError):
            return ""

    def on_loaded(self, message: Loaded) -> None:
        self.entries, self.folders = message.entries, message.folders
        if self.folder not in {f.key for f in self.folders}:
            self.folder = "all"
        folders = self.query_one("#folders", OptionList)
        keep = folders.highlighted
        folders.set_options(Option(Text(f"{f.label} ({f.count})", no_wrap=True, overflow="ellipsis"), id=f.key)
                            for f in self.folders)
        folders.highlighted = keep if keep is not None and keep < len(self.folders) else 0
        self._fill_articles()
        if message.note:
            self._say(message.note)

    def _fill_articles(self) -> None:
        if not self.is_mounted:
            return
        lst = self.query_one("#articles", OptionList)
        keep = lst.highlighted
        self.shown = [e for e in self.entries if in_folder(e, self.folder) and matches(e, self.query_text)]
        width = max(30, (lst.scrollable_content_region.width or self.size.width) - 1)
        lst.set_options(Option(row(e, width)) for e in self.shown)
        if self.shown:
            lst.highlighted = min(keep or 0, len(self.shown) - 1)
        unread = sum(e.unread for e in self.entries)
        head = f"copydesk — library · {len(self.entries)} articles · {unread} unread"
        if self.query_text:
            head += f" · filter: {display(self.query_text)} ({len(self.shown)})"
        self.query_one("#lib-head", Static).update(Text(head))

    def _say(self, text: str) -> None:
        self.query_one("#lib-status", Static).update(Text(display(text)))

    def _current(self) -> Entry | None:
        i = self.query_one("#articles", OptionList).highlighted
        return self.shown[i] if i is not None and i < len(self.shown) else None

    # -- keys -----------------------------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "folders" and event.option.id and event.option.id != self.folder:
            self.folder = event.option.id
            self._fill_articles()
        elif event.option_list.id == "articles":
            entry = self._current()
            if entry is not None and entry.copies and not self.updating:
                self._say(f"one story, {len(entry.copies) + 1} copies: {entry.outlet}, {', '.join(entry.copies)}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "articles":
            self.action_open()
        else:
            self.remove_class("-folders")
            self.query_one("#articles").focus()

    def action_open(self) -> None:
        entry = self._current()
        if entry is None:
            return
        self._open(entry)

    @work(thread=True, exclusive=True, group="library-open")
    def _open(self, entry: Entry) -> None:
        """Read the document off the screen's thread, then show it (its analysis, when cached,
        shows at once: the reader reads the cache first thing)."""
        from analyzers import LoadError
        from analyzers.store.desk import DeskError
        from tui.restricted import RestrictedError

        ctx = context(self)
        try:
            if entry.path is not None:
                doc = ctx.policy.load(entry.path, self.max_bytes)
            else:
                assert entry.article is not None
                doc = ctx.desk.document(entry.article.version_id, mark_read=entry.article_ids if entry.unread else ())
        except (LoadError, RestrictedError, DeskError, KeyError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        from analyzers.limits import DEFAULT_MAX_CHARS
        from analyzers.store import cache

        analysed = cache.get(doc, self.model, DEFAULT_MAX_CHARS)  # analysed ahead: shown with the text
        self.app.call_from_thread(self._push_reader, doc, analysed)

    def _push_reader(self, doc: Document, analysis: Analysis | None) -> None:
        from tui.screens.reader import ReaderScreen

        self.app.push_screen(ReaderScreen(doc, self.model, can_go_back=True, analysis=analysis))

    def action_toggle_read(self) -> None:
        entry = self._current()
        if entry is None or entry.article is None:
            return
        if context(self).restricted:
            self._say("restricted mode: the library is read-only")
            return
        self._set_read(entry.article_ids, entry.unread)  # unread -> read, read -> unread

    @work(thread=True, group="library-write")
    def _set_read(self, article_ids: tuple[int, ...], read: bool) -> None:
        from analyzers.store.desk import DeskError

        try:
            context(self).desk.set_read(article_ids, read)
        except DeskError as exc:
            self.post_message(Progressed(f"not saved: {exc}", done=True))
            return
        self.app.call_from_thread(self.reload)

    def action_search(self) -> None:
        box = self.query_one("#lib-filter", Input)
        box.add_class("-open")
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._fill_articles()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#articles").focus()
        if event.value.strip():
            from tui.screens.search_results import SearchResultsScreen

            self.app.push_screen(SearchResultsScreen(event.value, model=self.model))

    def action_sources(self) -> None:
        from tui.screens.sources import SourcesScreen

        self.app.push_screen(SourcesScreen(self.model))

    def action_profile(self) -> None:
        """The folder's feed or tag; otherwise the outlet of the article under the cursor."""
        from tui.screens.outlet_profile import ProfileScreen, Target

        kind, _, value = self.folder.partition(":")
        label = next((f.label for f in self.folders if f.key == self.folder), value)
        if kind == "feed":
            target = Target(label, feed_id=int(value))
        elif kind == "tag":
            target = Target(label, tag=value)
        else:
            entry = self._current()
            if entry is None or entry.article is None:
                self._say("no article here: P profiles the outlet of the article under the cursor")
                return
            target = Target(entry.index_outlet or entry.outlet, outlet=entry.index_outlet or entry.outlet)
        outlets = sorted({e.index_outlet or e.outlet for e in self.entries if e.article is not None})
        self.app.push_screen(ProfileScreen(target, model=self.model, outlets=outlets))

    def action_back(self) -> None:
        box = self.query_one("#lib-filter", Input)
        if box.has_class("-open") or self.query_text:
            box.value = ""
            box.remove_class("-open")
            self.query_text = ""
            self._fill_articles()
            self.query_one("#articles").focus()
        elif self.has_class("-folders"):
            self.remove_class("-folders")

    def action_switch_pane(self) -> None:
        folders = self.query_one("#folders")
        if self.has_class("-narrow"):
            self.toggle_class("-folders")
        target = self.query_one("#articles") if folders.has_focus else folders
        target.focus()

    def action_cursor(self, step: int) -> None:
        lst = self.query_one("#articles", OptionList)
        lst.action_cursor_down() if step > 0 else lst.action_cursor_up()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ACTIONS))

    # -- update -----------------------------------------------------------------------------------
    def action_update(self) -> None:
        policy = context(self).policy
        refusal = policy.fetch_refusal()
        if refusal:
            self._say(refusal)
            return
        if self.updating:
            self._say("already updating…")
            return
        self.updating = True
        self._say("updating the feeds…")
        self._update(policy.fetch_policy())

    @work(thread=True, exclusive=True, group="library-update")
    def _update(self, policy: FetchPolicy) -> None:
        from analyzers.store.library.update import factchecks_said
        from tui.state.library_analysis import analyse_versions

        ctx = context(self)
        summary = "update failed"
        try:
            results = ctx.desk.update(policy, jobs=4,
                                      progress=lambda d, t, r: self.post_message(Progressed(f"updating: {d}/{t} feeds")))
            new = [v for r in results for v in r.new_versions]
            failed = [r for r in results if r.error]
            summary = (f"{len(results) - len(failed)} of {len(results)} feeds updated · {len(new)} new versions"
                       + factchecks_said(results, " · ")
                       + (f" · {len(failed)} failed: {failed[0].error}" if failed else ""))
            self.post_message(Progressed(summary))
            self.app.call_from_thread(self.reload)
            todo = ctx.desk.pending(new)
            if todo:
                analyse_versions(ctx.desk, todo, model=self.model, service=ctx.analysis_service(),
                                 progress=lambda d, t: self.post_message(Progressed(f"{summary} · analysed {d}/{t}")))
        except Exception as exc:  # whatever one update meets is a line here, never the reader's end
            summary = f"update failed: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        self.post_message(Progressed(summary, done=True))

    def on_progressed(self, message: Progressed) -> None:
        self._say(message.text)
        if message.done:
            self.updating = False
            self.reload()
