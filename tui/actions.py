"""Every key of every screen, in one list: the screens' bindings, the command palette, the help
screen, the key bar and the README's key table are all generated from it.

``bar`` is the key's rank in the key bar (1 = shown first and dropped last; None = not shown):
at any width the bar keeps ``? help`` and ``q quit`` and drops the least important keys first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from tui.sections import SECTIONS, Section, jumps

KEY_NAMES = {"right_square_bracket": "]", "left_square_bracket": "[", "right_curly_bracket": "}",
             "left_curly_bracket": "{", "right_parenthesis": ")", "left_parenthesis": "(",
             "slash": "/", "question_mark": "?", "space": "space", "pagedown": "PgDn", "pageup": "PgUp",
             "down": "↓", "up": "↑", "home": "Home", "end": "End", "escape": "escape", "enter": "enter"}


@dataclass(frozen=True)
class Action:
    keys: str                 # Textual key names, comma-separated
    action: str               # the screen's action, with arguments
    description: str          # help screen and README
    palette: str | None = None  # the command palette's name for it
    bar: int | None = None    # rank in the key bar
    short: str | None = None  # the key bar's word for it (default: description)
    changes: bool = False     # fetches or changes the library: not offered in restricted mode

    @property
    def display(self) -> str:
        return " ".join(KEY_NAMES.get(k, k) for k in self.keys.split(","))

    @property
    def first_key(self) -> str:
        k = self.keys.split(",")[0]
        return KEY_NAMES.get(k, k)


def jump_actions(sections: Sequence[Section] = SECTIONS) -> tuple[Action, ...]:
    """The keys that step through each section's items in the article: ] [ for claims."""
    out: list[Action] = []
    for s in jumps(sections):
        j = s.jump
        assert j is not None  # jumps() keeps only sections with jump keys
        said = f"next {j.word}" + (f" ({j.note})" if j.note else "")
        out += [Action(j.next_key, f"jump('{s.name}', 1)", said, f"Next {j.word}", bar=j.bar, short=j.word),
                Action(j.previous_key, f"jump('{s.name}', -1)", f"previous {j.word}", f"Previous {j.word}")]
    return tuple(out)


def section_actions(sections: Sequence[Section] = SECTIONS) -> tuple[Action, ...]:
    """A key per sidebar tab: 1 entities … 4 claims."""
    return tuple(Action(s.key, f"section('{s.name}')", f"sidebar: {s.name}", f"Show {s.name}") for s in sections)


def reader_actions(sections: Sequence[Section] = SECTIONS) -> tuple[Action, ...]:
    """The reader's keys, with those of ``sections`` (the registry, or another in a test)."""
    return (
        Action("question_mark", "help", "help: every key", "Help: keys", bar=1, short="help"),
        Action("q", "app.quit", "quit", bar=1),
        *jump_actions(sections),
        *_READER_MOVES,
        *section_actions(sections),
        *_READER_REST,
    )


_READER_MOVES: tuple[Action, ...] = (
    Action("right_parenthesis", "mention(1)", "next mention of the entity or source selected in the sidebar",
           "Next mention", bar=7, short="mention"),
    Action("left_parenthesis", "mention(-1)", "previous mention", "Previous mention"),
    Action("slash", "search", "search the article", "Search", bar=4, short="search"),
    Action("n", "match(1)", "next match", "Next match"),
    Action("N", "match(-1)", "previous match", "Previous match"),
    Action("j,down", "line(1)", "line down"),
    Action("k,up", "line(-1)", "line up"),
    Action("space,pagedown", "page(1)", "page down"),
    Action("b,pageup", "page(-1)", "page up"),
    Action("g,home", "top", "top of the article", "Top of article"),
    Action("G,end", "bottom", "bottom of the article", "Bottom of article"),
)
_READER_REST: tuple[Action, ...] = (
    Action("s", "toggle_sidebar", "show or hide the sidebar", "Toggle sidebar", bar=6, short="sidebar"),
    Action("v", "review('verified')", "mark the current claim or quote verified", "Mark verified"),
    Action("x", "review('disputed')", "mark it disputed", "Mark disputed"),
    Action("u", "review('needs_source')", "mark it as needing a source", "Mark needs a source"),
    Action("c", "review('unreviewed')", "clear its mark", "Clear the mark"),
    Action("a", "note", "a note on the current claim or quote", "Note on the current item"),
    Action("w", "was", "what the current claim or quote said when it was marked (reworded since)",
           "Its words when it was marked"),
    Action("A", "assign", "assign the current claim or quote to you or another reviewer (a shared desk)",
           "Assign the current item"),
    Action("h", "history", "who decided what on the current claim or quote, and when", "History of the current item"),
    Action("r", "queue", "review queue: claims by score", "Review queue", bar=5, short="review"),
    Action("e", "export", "export the review (Markdown, JSON, CSV)", "Export the review"),
    Action("o", "where_else", "where else the selected source or entity is quoted or mentioned (library)",
           "Where else is this source quoted", bar=8, short="where else"),
    Action("V", "versions", "what changed between this article's versions (library)", "Versions of this article"),
    Action("F", "factchecks", "earlier fact-checks of the current claim: checked before? (library)",
           "Fact-checks of this claim"),
    Action("escape", "back", "close search / sidebar overlay / back to the list"),
)
READER = reader_actions()

QUEUE: tuple[Action, ...] = (
    Action("question_mark", "help", "help: every key", bar=1, short="help"),
    Action("v", "mark('verified')", "verified, then the next unreviewed claim", bar=2, short="verified"),
    Action("x", "mark('disputed')", "disputed, then the next", bar=2, short="disputed"),
    Action("u", "mark('needs_source')", "needs a source, then the next", bar=3, short="source?"),
    Action("c", "mark('unreviewed')", "clear the mark", bar=5, short="clear"),
    Action("a", "note", "note on this claim", bar=4, short="note"),
    Action("f", "filter", "show all claims, those assigned to you, or those assigned to nobody", bar=6,
           short="filter"),
    Action("j,down,n", "move(1)", "next claim", bar=3, short="next"),
    Action("k,up,p", "move(-1)", "previous claim", bar=6, short="prev"),
    Action("enter", "open", "show it in the article", bar=4, short="show"),
    Action("F", "factchecks", "earlier fact-checks of this claim"),
    Action("b", "checked_before", "only the claims checked before (again: all claims)"),
    Action("escape,r,q", "close", "back to the reader", bar=1, short="back"),
)

# F: a claim's earlier fact-checks
FACTCHECKS: tuple[Action, ...] = (
    Action("question_mark", "help", "help: every key", bar=2, short="help"),
    Action("j,down", "line(1)", "scroll down", bar=3, short="down"),
    Action("k,up", "line(-1)", "scroll up", bar=4, short="up"),
    Action("escape,q,F", "close", "back", bar=1, short="back"),
)

LIBRARY: tuple[Action, ...] = (
    Action("question_mark", "help", "help: every key", "Help: keys", bar=1, short="help"),
    Action("q", "app.quit", "quit", bar=1),
    Action("enter", "open", "read the article (escape comes back)", bar=2, short="read"),
    Action("slash", "search", "search: titles filter as you type, enter searches titles, text and quotes",
           "Search the library", bar=3, short="search"),
    Action("S", "sources", "every source in the library: articles, quotes, outlets", "Sources", bar=5,
           short="sources"),
    Action("P", "profile", "how the article's outlet (or the folder's feed or tag) sources its stories",
           "Outlet sourcing profile", bar=6, short="profile"),
    Action("U", "update", "update the feeds now (progress below)", "Update the feeds", bar=4, short="update",
           changes=True),
    Action("m", "toggle_read", "mark the article read / unread", "Mark read or unread", bar=7, short="read/unread",
           changes=True),
    Action("tab", "switch_pane", "between the folders and the articles", bar=8, short="folders"),
    Action("j,down", "cursor(1)", "next article"),
    Action("k,up", "cursor(-1)", "previous article"),
    Action("escape", "back", "close the search box / clear the filter"),
)

# The lists opened from the reader and the library: where else, sources, search results.
LISTING: tuple[Action, ...] = (
    Action("question_mark", "help", "help: every key", bar=1, short="help"),
    Action("enter", "open", "read that article, at the quote or match", bar=2, short="read"),
    Action("slash", "filter", "filter the list", bar=3, short="filter"),
    Action("j,down", "cursor(1)", "next row"),
    Action("k,up", "cursor(-1)", "previous row"),
    Action("escape,q", "close", "back (or clear the filter)", bar=1, short="back"),
)

PROFILE: tuple[Action, ...] = (
    Action("question_mark", "help", "help: every key", bar=1, short="help"),
    Action("r", "range", "date range: all time, last 7, 30, 90, 365 days", bar=2, short="range"),
    Action("right_square_bracket", "outlet(1)", "next outlet", bar=3, short="next outlet"),
    Action("left_square_bracket", "outlet(-1)", "previous outlet", bar=4, short="prev"),
    Action("o", "where_else", "where else the top source is quoted", bar=5, short="top source"),
    Action("escape,q", "close", "back", bar=1, short="back"),
)

VERSIONS: tuple[Action, ...] = (
    Action("question_mark", "help", "help: every key", bar=1, short="help"),
    Action("left_square_bracket", "pair(-1)", "the changes one version earlier", bar=2, short="earlier"),
    Action("right_square_bracket", "pair(1)", "the changes one version later", bar=3, short="later"),
    Action("j,down", "line(1)", "scroll down"),
    Action("k,up", "line(-1)", "scroll up"),
    Action("escape,q", "close", "back to the article", bar=1, short="back"),
)

# Keys handled by widgets or the app rather than a screen binding, listed for help and README.
EXTRA_HELP = (
    ("tab / shift+tab", "move focus between article and sidebar"),
    ("enter", "on a sidebar item: jump to it in the article"),
    ("f", "in the Claims list: show one kind (all → statistic → comparison → causal → prediction → "
          "quote claim → fact)"),
)
APP_HELP = (  # on every screen
    ("t", "next theme (remembered; ctrl+p → Theme lists them all)"),
    ("ctrl+p", "command palette with the same actions"),
)


def offered(actions: tuple[Action, ...], restricted: bool) -> tuple[Action, ...]:
    """The actions a screen offers (key bar, palette, help): in restricted mode not those it
    would refuse."""
    return tuple(a for a in actions if not (restricted and a.changes))


def bindings(actions: tuple[Action, ...]) -> list[BindingType]:
    """Screen bindings (never shown by Textual's Footer: the KeyBar draws them)."""
    return [Binding(a.keys, a.action, a.description, show=False, key_display=a.first_key) for a in actions]


def palette(actions: tuple[Action, ...]) -> list[tuple[str, str]]:
    return [(a.palette, a.action) for a in actions if a.palette]


def help_rows(actions: tuple[Action, ...]) -> list[tuple[str, str]]:
    return [(" / ".join(KEY_NAMES.get(k, k) for k in a.keys.split(",")), a.description) for a in actions] \
        + (list(EXTRA_HELP) if actions is READER else []) + list(APP_HELP)


def bar_items(actions: tuple[Action, ...], width: int) -> list[tuple[str, str]]:
    """(key, word) pairs for a bar ``width`` cells wide: in list order, the least important
    dropped first until the rest fit."""
    shown = [a for a in actions if a.bar is not None]
    cost = {id(a): len(a.first_key) + 1 + len(a.short or a.description) + 2 for a in shown}
    keep = list(shown)
    while keep and sum(cost[id(a)] for a in keep) > width:
        worst = max(range(len(keep)), key=lambda i: (keep[i].bar or 0, i))
        if keep[worst].bar == 1:
            break  # help and quit stay whatever the width
        keep.pop(worst)
    return [(a.first_key, a.short or a.description) for a in keep]


def markdown_table() -> str:
    """The README's key table."""
    lines = ["| key | does |", "|---|---|"]
    for keys, does in help_rows(READER):
        lines.append(f"| `{keys}` | {does} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
