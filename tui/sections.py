"""The sidebar's sections, in one table. Each names its tab, the key that opens it, the rows it
lists, the keys that step through its items in the article, and the review marks its items take.

Derived from it: the sidebar's tabs and lists (tui/widgets/sidebar.py), the number keys and the
jump keys with their help, palette and key-bar entries (tui/actions.py), what Enter and a
highlight do in the reader and the jump's 'Claim 3/14' (tui/screens/reader*.py). The reviewable
kinds themselves are analyzers' data (analyzers/store/review/marks.py: the store, the review
session and the JSON export take them from there); a section names one of them.

A new tab: a row builder (tui/widgets/section_rows.py) and an entry in SECTIONS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from analyzers.model import Analysis
from analyzers.store.review.marks import ItemKind, Located
from tui.widgets.section_rows import (
    CLAIM_KINDS,
    Context,
    Row,
    claim_rows,
    entity_rows,
    quote_rows,
    source_rows,
)

Rows = Callable[[Context], list[Row]]


@dataclass(frozen=True, slots=True)
class Jump:
    """Keys that step through a section's items in the article: '] next claim'."""

    word: str                   # "claim": 'Claim 3/14' in the status line, 'next claim' in help
    next_key: str               # Textual key names
    previous_key: str
    bar: int | None = None      # the next key's rank in the key bar (it orders the jumps in help too)
    note: str = ""              # said in help after 'next claim'


@dataclass(frozen=True, slots=True)
class Section:
    name: str                   # the tab's id, its Items' section, its jumps' kind
    title: str                  # the tab's label, after its key
    key: str                    # opens the tab
    rows: Rows                  # what the list shows
    jump: Jump | None = None    # None: its items are things mentioned; Enter steps through the mentions
    review_kind: ItemKind | None = None  # its items take review marks (v x u c a)
    filters: tuple[str, ...] = ()        # f cycles the list through these kinds
    # what the jumps step through, when that is not the review kind's items
    items: Callable[[Analysis], Sequence[Located]] | None = None

    def located(self, a: Analysis | None) -> list[tuple[int, int, str]]:
        """(start, end, id) of the items jumps step through, in text order."""
        if a is None:
            return []
        if self.items is not None:
            found = self.items(a)
        elif self.review_kind is not None:
            found = self.review_kind.items(a)
        else:
            return []
        return [(x.start, x.end, x.id) for x in found]


ENTITIES = Section("entities", "Entities", "1", entity_rows)
QUOTES = Section("quotes", "Quotes", "2", quote_rows, review_kind=ItemKind.QUOTE,
                 jump=Jump("quote", "right_curly_bracket", "left_curly_bracket", bar=3))
SOURCES = Section("sources", "Sources", "3", source_rows)
CLAIMS = Section("claims", "Claims", "4", claim_rows, review_kind=ItemKind.CLAIM, filters=CLAIM_KINDS,
                 jump=Jump("claim", "right_square_bracket", "left_square_bracket", bar=2,
                           note="from the top of the page once you scrolled away"))
# The tabs in order. Code with a section's own behaviour (where else: a quote's source, an
# entity) names the entry above, never its string.
SECTIONS: tuple[Section, ...] = (ENTITIES, QUOTES, SOURCES, CLAIMS)


def jumps(sections: Sequence[Section] = SECTIONS) -> list[Section]:
    """The sections with jump keys, the most important (by key-bar rank) first."""
    def rank(s: Section) -> int:
        return s.jump.bar if s.jump is not None and s.jump.bar is not None else 99

    return sorted((s for s in sections if s.jump is not None), key=rank)
