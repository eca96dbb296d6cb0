"""The reader's review keys: marks, notes, the review queue and export, over a ReviewSession
(tui/state/review_session.py) whose writes run off the screen's thread. A mark shows as pending
until its commit returns, and as saved only then."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message

from analyzers.ingest.sanitize import display
from analyzers.store.review.marks import KIND_OF_SECTION, LABELS, SIGNS, ItemKind
from tui.context import context

if TYPE_CHECKING:
    from analyzers.store.review.session import ItemReview
    from tui.screens.reader_parts import ReaderParts as _Host
else:
    _Host = object


def export_directory() -> Path:
    """Where in-app exports go in restricted and served mode (and nowhere else)."""
    from analyzers.store.paths import exports_dir

    return exports_dir()


class RunOnScreen(Message):
    """A review result from the writer thread, to be applied on the screen's thread."""

    def __init__(self, fn: Callable[[], None]) -> None:
        self.fn = fn
        super().__init__()


class ReviewActions(_Host):
    """Mixed into ReaderScreen (see reader_parts for what it uses of it)."""

    def _init_review(self) -> None:
        from tui.state.review_session import ReviewSession

        self.review_session = ReviewSession(self.document, lambda fn: self.post_message(RunOnScreen(fn)),
                                            self._show_review)

    def on_run_on_screen(self, message: RunOnScreen) -> None:
        message.fn()

    def _open_review(self) -> None:
        self.review_session.open(context(self).desk.open_review)
        self.set_interval(2.0, self.review_session.poll)  # another copydesk's marks

    def _stray_rows(self) -> list[tuple[str, Text]]:
        """Marks whose item is gone, each atop the list of its kind: (section, row)."""
        review = self.review_session.review
        if review is None:
            return []
        rows = []
        for p in review.orphaned() + review.unmatched():
            m = p.mark
            why = "orphaned: text gone" if p.orphaned else "no longer a " + m.kind
            t = Text(f"⚠ {SIGNS[m.status]} {LABELS[m.status]} ({why}): ", style="bold")
            t.append(display(" ".join(m.anchor.exact.split()), limit=90), style="italic")
            if m.note:
                t.append(f"\n  ✎ {display(' '.join(m.note.split()), limit=100)}", style="italic")
            rows.append((ItemKind(m.kind).section, t))
        return rows

    def action_was(self) -> None:
        """What the current claim or quote said when it was marked (it has been reworded since)."""
        current = self.review_session.current
        if current is None:
            self.notify("no current claim or quote: jump to one first ( ] or } )")
            return
        section, item_id = current
        was = self.review_session.of(KIND_OF_SECTION[section], item_id).was
        if was is None:
            self.notify("its words are the ones it had when it was marked")
            return
        self.notify(f"when it was marked it said: “{display(' '.join(was.split()), limit=600)}”", timeout=20)

    def _show_review(self) -> None:
        session = self.review_session
        if session.problem is not None and not getattr(self, "_said_problem", False):
            self._said_problem = True
            self.notify(f"review marks unavailable: {session.problem}", severity="error", timeout=10)
        if not self.is_mounted:
            return
        self.article.set_review_marks(session.spans())
        if self.chrome_ready and self.analysis is not None:
            self.sidebar.update_review(self.analysis, session.of, self._stray_rows())

    def _target(self) -> tuple[str, str] | None:
        """The claim or quote a review key acts on: the sidebar's highlighted one when the
        sidebar has focus, else the one last jumped to."""
        from tui.widgets.section_list import SectionList

        if self.chrome_ready and isinstance(self.focused, SectionList):  # only the sidebar has them
            item = self.sidebar.highlighted_item()
            if item is not None and item.section in KIND_OF_SECTION:
                return item.section, item.ref
        return self.review_session.current

    def _target_or_say(self) -> tuple[str, str] | None:
        target = self._target()
        if target is None:
            self.status.say("no claim or quote selected (] or } first)")
        return target

    def _position(self, section: str, item_id: str) -> str:
        ids = [it[2] for it in self.review_session.items(section)]
        i = ids.index(item_id) if item_id in ids else 0
        return f"{KIND_OF_SECTION[section].capitalize()} {i + 1}/{len(ids)}"

    def _not_saved(self, problem: str) -> None:
        self.notify(f"not saved: {problem}", severity="error", timeout=10)
        self.status.say(f"not saved: {problem}")

    def action_review(self, status: str) -> None:
        target = self._target_or_say()
        if target is None:
            return
        where = self._position(*target)

        def done(result: ItemReview) -> None:
            verdict = f"{SIGNS[result.status]} {LABELS[result.status]}" if result.status != "unreviewed" \
                else "mark cleared"
            self.status.say(f"{where} · {verdict}", target[0])

        if self.review_session.set(*target, status=status, done=done, failed=self._not_saved):
            self.status.say(f"{where} · saving…", target[0])

    def edit_note(self, section: str, item_id: str, saved: Callable[[str], None] | None = None) -> None:
        """The note editor on an item; it stays open (with the text) until the note is stored."""
        from tui.screens.note_editor import NoteEditor

        session = self.review_session
        item = session.find(section, item_id)
        if item is None:
            return

        def save(note: str, done: Callable[[], None], failed: Callable[[str], None]) -> None:
            def stored(_: ItemReview) -> None:
                done()
                if saved is not None:
                    saved(note)

            session.set(section, item_id, note=note, set_note=True, done=stored, failed=failed)

        current = session.of(KIND_OF_SECTION[section], item_id).note
        self.app.push_screen(NoteEditor(self.document.text[item[0]:item[1]], current, save))

    def action_assign(self) -> None:
        from analyzers.io.account import account
        from tui.screens.assign_dialog import AssignDialog

        target = self._target_or_say()
        item = self.review_session.find(*target) if target is not None else None
        if target is None or item is None:
            return
        where = self._position(*target)
        current = self.review_session.of(KIND_OF_SECTION[target[0]], target[1]).assigned_to

        def chosen(name: str | None) -> None:
            if name is None or target is None:
                return

            def done(result: ItemReview) -> None:
                self.status.say(f"{where} · " + (f"assigned to {result.assigned_to}" if result.assigned_to
                                                  else "unassigned"), target[0])

            if self.review_session.set(*target, assign=name, done=done, failed=self._not_saved):
                self.status.say(f"{where} · saving…", target[0])

        self.app.push_screen(AssignDialog(self.document.text[item[0]:item[1]], current, account()), chosen)

    def action_history(self) -> None:
        from tui.screens.history_view import HistoryView

        target = self._target_or_say()
        item = self.review_session.find(*target) if target is not None else None
        if target is None or item is None:
            return
        review = self.review_session.of(KIND_OF_SECTION[target[0]], target[1])
        self.app.push_screen(HistoryView(self.document.text[item[0]:item[1]], review.history))

    def action_note(self) -> None:
        target = self._target_or_say()
        if target is not None:
            self.edit_note(*target, lambda note: self.status.say("note saved" if note.strip() else "note removed"))

    def action_queue(self) -> None:
        from tui.screens.review_queue import ReviewQueueScreen

        if self.analysis is None:
            self.notify("the analysis is still running; the queue opens when claims arrive")
            return

        def done(claim_id: str | None) -> None:
            self._show_review()
            if claim_id is not None:
                self._jump_to(ItemKind.CLAIM.section, claim_id)

        self.app.push_screen(ReviewQueueScreen(self.review_session, self.edit_note, lambda: self.claim_checks), done)

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        if self.analysis is None or not self.analysis.complete:
            self.notify("wait for the analysis to finish before exporting")
            return
        if self.review_session.review is None:
            self.notify("review marks are unavailable: nothing to export", severity="error")
            return
        policy = context(self).policy
        directory = export_directory() if policy.fixed_writes else Path.cwd()
        stem = re.sub(r"[^\w.-]+", "-", Path(self.document.source).stem if self.document.source != "-"
                      else self.document.title)[:60].strip("-.") or "article"
        self.app.push_screen(ExportDialog(directory, stem, fixed_directory=policy.fixed_writes), self._export)

    def _export(self, choice: tuple[str, Path] | None) -> None:
        from analyzers.io.atomic import write_atomically
        from analyzers.store.review.export import render

        review = self.review_session.review
        if choice is None or self.analysis is None or review is None:
            return
        fmt, path = choice
        try:
            if context(self).policy.fixed_writes:
                path = export_directory() / path.name
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomically(path, render(self.analysis, review, fmt, factchecks=self.claim_checks.by_claim))
        except OSError as exc:
            self.notify(f"export failed: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"review exported to {path}", timeout=8)
