"""``P`` in the library: how an outlet (or a feed, or a tag) sources its stories over a date range
— named, official and anonymous shares, direct quotes, top sources with the words quoted, and
the reporting verbs it uses. ``r`` changes the range, ``[`` ``]`` the outlet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from analyzers.ingest.sanitize import display
from analyzers.store.library.queries import Profile
from tui.actions import PROFILE, bindings
from tui.context import context
from tui.state.words import plural
from tui.widgets.key_bar import KeyBar

RANGES: tuple[int | None, ...] = (None, 7, 30, 90, 365)   # days; None: all time


@dataclass(frozen=True)
class Target:
    """What a profile is of: one outlet, one feed or one tag."""

    label: str
    outlet: str | None = None
    feed_id: int | None = None
    tag: str | None = None


class _Shown(Message):
    def __init__(self, profile: Profile | None, note: str, target: Target | None = None,
                 days: int | None = None) -> None:
        self.profile, self.note, self.target, self.days = profile, note, target, days
        super().__init__()


def _bar(share: float, width: int = 20) -> str:
    full = round(share * width)
    return "█" * full + "·" * (width - full)


def profile_view(p: Profile, days: int | None) -> Table:
    """The profile as a table of plain cells (every name sanitised)."""
    t = Table(box=None, show_header=False, expand=False, padding=(0, 1))
    t.add_column(style="bold", no_wrap=True)
    t.add_column()
    span = "all time" if days is None else f"the last {days} days ({p.since} to {p.until})"
    t.add_row("range", Text(f"{span} · {plural(p.articles, 'article')} · {plural(p.quotes, 'quote')}"))
    if not p.quotes:
        t.add_row("", Text("no analysed quotes in this range", style="dim"))
        return t
    for label, share in (("named", p.named), ("officials", p.official), ("anonymous", p.anonymous),
                         ("other unnamed", p.unnamed), ("unattributed", p.unattributed), ("direct quotes", p.direct)):
        t.add_row(label, Text(f"{_bar(share)} {round(100 * share):>3}%"))
    t.add_row("per source", Text(f"{p.words_per_source:g} words quoted on average"))
    t.add_row("", Text(""))
    for i, (name, quotes, words) in enumerate(p.top_sources):
        t.add_row("top sources" if i == 0 else "", Text(f"{display(name, limit=40)} — {plural(quotes, 'quote')}, {plural(words, 'word')}"))
    t.add_row("", Text(""))
    total = sum(n for _, n in p.verbs) or 1
    for i, (verb, n) in enumerate(p.verbs):
        t.add_row("verbs" if i == 0 else "", Text(f"{display(verb, limit=30):<14} {n:>4}  {round(100 * n / total):>3}%"))
    return t


class ProfileScreen(Screen[None]):
    ACTIONS = PROFILE
    BINDINGS: ClassVar[list[BindingType]] = bindings(PROFILE)
    DEFAULT_CSS = """
    ProfileScreen #profile-head { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ProfileScreen #profile-body { height: 1fr; padding: 0 1; }
    """

    def __init__(self, target: Target, *, model: str | None, outlets: list[str] | None = None) -> None:
        super().__init__()
        self.target = target
        self.model = model
        self.outlets = outlets or []
        self.days_index = 0
        self.profile: Profile | None = None

    @property
    def days(self) -> int | None:
        return RANGES[self.days_index]

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Sourcing: {display(self.target.label)}"), id="profile-head")
        with VerticalScroll(id="profile-body"):
            yield Static(Text("reading the library…"), id="profile")
        yield KeyBar(PROFILE)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="profile")
    def _load(self) -> None:
        from analyzers.store.desk import DeskError
        from analyzers.store.library.queries import date_range

        target, days = self.target, self.days
        since, until = date_range(days)
        desk = context(self).desk
        try:
            if not desk.has_library():
                self.post_message(_Shown(None, "the library is empty", target, days))
                return
            p = desk.profile(outlet=target.outlet, feed_id=target.feed_id, tag=target.tag,
                             since=since, until=until, label=target.label)
        except DeskError as exc:
            self.post_message(_Shown(None, f"library unavailable: {exc}", target, days))
            return
        self.post_message(_Shown(p, "", target, days))

    def on__shown(self, message: _Shown) -> None:
        if message.target is not None and (message.target, message.days) != (self.target, self.days):
            return  # the answer to an earlier question ([ ] and r pressed meanwhile)
        self.profile = message.profile
        self.query_one("#profile-head", Static).update(Text(f"Sourcing: {display(self.target.label)}"))
        body = self.query_one("#profile", Static)
        if message.profile is None:
            body.update(Text(display(message.note)))
        else:
            body.update(profile_view(message.profile, self.days))

    def action_range(self) -> None:
        self.days_index = (self.days_index + 1) % len(RANGES)
        self._load()

    def action_outlet(self, step: int) -> None:
        if not self.outlets:
            return
        here = self.outlets.index(self.target.outlet) if self.target.outlet in self.outlets else -1
        name = self.outlets[(here + step) % len(self.outlets)]
        self.target = Target(name, outlet=name)
        self._load()

    def action_where_else(self) -> None:
        if self.profile is None or not self.profile.top_sources:
            return
        from tui.screens.where_else import WhereElseScreen

        self.app.push_screen(WhereElseScreen(self.profile.top_sources[0][0], "person", model=self.model))

    def action_close(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(PROFILE))
