"""The reader's review actions: marks, notes, the review queue and export.

Mixed into ReaderScreen; every write is committed to the review store before it is shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from analyzers.review.marks import KIND_OF_SECTION, LABELS, SIGNS

if TYPE_CHECKING:
    from analyzers.review.session import ItemReview, Review


def export_directory() -> Path:
    """Where in-app exports go in restricted and served mode (and nowhere else)."""
    from analyzers.review.store import data_dir

    return data_dir() / "exports"



class ReviewActions:
    """Needs the host screen's ``document``, ``analysis``, ``article``, ``sidebar``, ``item_text``,
    ``chrome_ready``, ``_items``, ``_position``, ``_jump_to`` and ``update_status``."""

    review: Review | None
    current_item: tuple[str, str] | None

    def _open_review(self) -> None:
        import sqlite3

        from analyzers.review.session import Review
        from analyzers.review.store import ReviewStoreError

        store = self.app.review_store()  # type: ignore[attr-defined]
        if store is None:
            return
        try:
            self.review = Review(store, self.document)
        except (ReviewStoreError, OSError, sqlite3.Error) as exc:
            self.notify(f"review marks unavailable: {' '.join(str(exc).split())}", severity="error",
                        markup=False)
            return
        self.article.set_review_marks(self.review.spans())
        self.set_interval(2.0, self._poll_review)

    def _poll_review(self) -> None:
        """Another copydesk on the same database marked something: show it."""
        import sqlite3

        if self.review is not None:
            try:
                if self.review.changed_elsewhere():
                    self._show_review()
            except sqlite3.Error:
                pass

    def _review_of(self, kind: str, item_id: str) -> ItemReview:
        from analyzers.review.session import UNREVIEWED

        return self.review.of(kind, item_id) if self.review is not None else UNREVIEWED

    def _stray_rows(self) -> list[Text]:
        if self.review is None:
            return []
        rows = []
        for p in self.review.orphaned() + self.review.unmatched():
            m = p.mark
            why = "orphaned: text gone" if p.orphaned else "no longer a " + m.kind
            t = Text(f"⚠ {SIGNS[m.status]} {LABELS[m.status]} ({why}): ", style="bold")
            t.append(" ".join(m.anchor.exact.split())[:90], style="italic")
            if m.note:
                t.append(f"\n  ✎ {' '.join(m.note.split())[:100]}", style="italic")
            rows.append(t)
        return rows

    def _show_review(self) -> None:
        if self.review is None:
            return
        self.article.set_review_marks(self.review.spans())
        if self.chrome_ready and self.analysis is not None:
            self.sidebar.update_review(self.analysis, self._review_of, self._stray_rows())

    def _target(self) -> tuple[str, str] | None:
        """The claim or quote a review key acts on: the sidebar's highlighted one when the
        sidebar has focus, else the one last jumped to."""
        if self.chrome_ready and self.focused is not None and self.focused in self.sidebar.query("Section"):
            item = self.sidebar.highlighted_item()
            if item is not None and item.section in KIND_OF_SECTION:
                return item.section, item.ref
        return self.current_item

    def _find_item(self, section: str, item_id: str) -> tuple[int, int, str] | None:
        return next((it for it in self._items(section) if it[2] == item_id), None)

    def apply_review(self, section: str, item_id: str, *, status: str | None = None,
                     note: str | None = None, set_note: bool = False) -> ItemReview | None:
        """Store a verdict or note (durably) and only then show it."""
        import sqlite3

        from analyzers.review.store import ReviewStoreError

        if self.review is None:
            self.notify("review marks are unavailable (see the earlier message)", severity="error", markup=False)
            return None
        item = self._find_item(section, item_id)
        if item is None:
            return None
        try:
            result = self.review.set(KIND_OF_SECTION[section], item_id, item[0], item[1], status=status,
                                     note=note, set_note=set_note)
        except (ReviewStoreError, OSError, sqlite3.Error) as exc:
            self.notify(f"not saved: {' '.join(str(exc).split())}", severity="error", markup=False)
            return None
        self._show_review()
        return result

    def _target_or_say(self) -> tuple[str, str] | None:
        target = self._target()
        if target is None:
            self.item_text = "no claim or quote selected (] or } first)"
            self.update_status()
        return target

    def action_review(self, status: str) -> None:
        target = self._target_or_say()
        if target is None:
            return
        result = self.apply_review(*target, status=status)
        if result is not None:
            items = self._items(target[0])
            i = next((k for k, it in enumerate(items) if it[2] == target[1]), 0)
            verdict = f"{SIGNS[result.status]} {LABELS[result.status]}" if result.status != "unreviewed" else "mark cleared"
            self.item_text = f"{self._position(target[0], items, i)} · {verdict}"
            self.update_status()

    def edit_note(self, section: str, item_id: str, done: Callable[[str | None], None]) -> None:
        from tui.screens.note_editor import NoteEditor

        item = self._find_item(section, item_id)
        if item is None:
            return
        current = self._review_of(KIND_OF_SECTION[section], item_id).note
        self.app.push_screen(NoteEditor(self.document.text[item[0]:item[1]], current), done)

    def action_note(self) -> None:
        target = self._target_or_say()
        if target is None:
            return

        def done(note: str | None) -> None:
            if note is not None and self.apply_review(*target, note=note, set_note=True) is not None:
                self.item_text = "note saved" if note.strip() else "note removed"
                self.update_status()

        self.edit_note(*target, done)

    def action_queue(self) -> None:
        from tui.screens.review_queue import ReviewQueueScreen

        if self.analysis is None:
            self.notify("the analysis is still running; the queue opens when claims arrive", markup=False)
            return

        def done(claim_id: str | None) -> None:
            self._show_review()
            if claim_id is not None:
                self._jump_to("claims", claim_id)
                if self.chrome_ready:
                    self.sidebar.select("claims", claim_id)

        self.app.push_screen(ReviewQueueScreen(self), done)

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog

        if self.analysis is None or not self.analysis.complete:
            self.notify("wait for the analysis to finish before exporting", markup=False)
            return
        policy = self.app.policy  # type: ignore[attr-defined]
        directory = export_directory() if policy.fixed_writes else Path.cwd()
        stem = re.sub(r"[^\w.-]+", "-", Path(self.document.source).stem if self.document.source != "-"
                      else self.document.title)[:60].strip("-.") or "article"
        self.app.push_screen(ExportDialog(directory, stem, fixed_directory=policy.fixed_writes), self._export)

    def _export(self, choice: tuple[str, Path] | None) -> None:
        from analyzers.io.atomic import write_atomically
        from analyzers.review.export import render

        if choice is None or self.analysis is None or self.review is None:
            return
        fmt, path = choice
        try:
            if self.app.policy.fixed_writes:  # type: ignore[attr-defined]
                path = export_directory() / path.name
                path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, render(self.analysis, self.review, fmt))
        except OSError as exc:
            self.notify(f"export failed: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify(f"review exported to {path}", markup=False, timeout=8)
