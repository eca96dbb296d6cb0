"""Articles for the cross-article index: the same people under different name forms in different
outlets, two different people who share a surname, one wire story carried by two feeds, and an
article corrected after publication. Analysed for real (the spaCy model), stored in a real
library database."""

from __future__ import annotations

from dataclasses import dataclass

from analyzers.ingest.load import load_bytes
from analyzers.model import Analysis, Document
from analyzers.store.library.store import LibraryStore

BASE = "https://news.test"


@dataclass(frozen=True)
class Article:
    slug: str
    outlet: str
    day: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"{BASE}/{self.slug}"

    def document(self) -> Document:
        text = f"# {self.title}\n\n" + "\n\n".join(self.paragraphs)
        return load_bytes(text.encode(), self.url, "markdown")


STORM = (
    "A tropical storm strengthened over the Gulf of Mexico on Sunday and was expected to reach the coast by Tuesday.",
    '"This is a storm that will test every levee we have," Louisiana Governor Jeff Landry said at a briefing in Baton Rouge.',
    "The National Hurricane Center said the storm's winds had reached 65 miles per hour and could grow stronger over warm water.",
    "Landry said shelters in four parishes would open on Monday morning and urged residents to leave low-lying areas.",
    "Forecasters said rainfall of up to 12 inches was possible in parts of southern Louisiana and Mississippi.",
)

ARTICLES = (
    Article("water-deal", "Gulf Coast Wire", "2026-11-02", "Mexico weighs a new water deal", (
        "Mexico's government is weighing a new water-sharing agreement with the United States, officials said on Tuesday.",
        '"We will not accept a deal that leaves our farmers without water," Claudia Sheinbaum said at her morning news conference.',
        "Sheinbaum added that negotiators from both countries would meet again in Monterrey next week.",
        "According to two people familiar with the talks, the draft would release 400 million cubic meters before October.",
    )),
    Article("treaty", "Border Ledger", "2026-11-04", "Water plan defended in Mexico City", (
        "The Mexican president on Wednesday defended her government's plan to deliver more water to Texas.",
        '"The treaty has to be honoured by both sides, and we will honour it," President Sheinbaum told reporters in Mexico City.',
        "Texas Governor Greg Abbott said the deliveries were overdue and that farmers in the Rio Grande Valley had waited long enough.",
        "A senior official who was not authorized to speak publicly said the deal could be signed within weeks.",
    )),
    Article("sheinbaum-lone", "Capital Review", "2026-11-05", "Water talks resume", (
        "Talks over water deliveries resumed in Monterrey on Thursday.",
        '"We came to find an agreement, not to win an argument," Ms. Sheinbaum said as the talks opened.',
    )),
    Article("trade", "Capital Review", "2026-11-06", "A former president on trade", (
        "Former President Bill Clinton said on Monday that tariffs would hurt the workers they were meant to protect.",
        '"Trade is not a zero-sum game, and it never was," Bill Clinton said at a forum in Little Rock.',
    )),
    Article("alliances", "Capital Review", "2026-11-07", "A warning on alliances", (
        "Former Secretary of State Hillary Clinton warned on Thursday that alliances take decades to build and days to break.",
        '"Our friends are watching what we do, not what we say," Hillary Clinton said in a speech at Georgetown University.',
    )),
    Article("storm", "Gulf Coast Wire", "2026-11-08", "Storm strengthens in the Gulf", STORM),
    Article("storm-copy", "Border Ledger", "2026-11-08", "Louisiana braces for a strengthening storm",
            (*STORM[:4], "Schools in New Orleans will close on Tuesday, the city said.")),
)

# 'treaty', corrected: a quote reworded, one re-attributed, a paragraph added, one removed
TREATY_CORRECTED = Article("treaty", "Border Ledger", "2026-11-04", "Water plan defended in Mexico City", (
    "The Mexican president on Wednesday defended her government's plan to deliver more water to Texas.",
    '"The treaty has to be honoured by both sides, and Mexico will honour it," President Sheinbaum told reporters in Mexico City.',
    "Texas Agriculture Commissioner Sid Miller said the deliveries were overdue and that farmers in the Rio Grande Valley had waited long enough.",
    "The next round of talks is scheduled for December in Washington.",
))


def store_articles(store: LibraryStore, analyses: dict[str, Analysis], articles: tuple[Article, ...] = ARTICLES,
                   *, docs: dict[str, Document] | None = None) -> dict[str, int]:
    """Each article in its outlet's feed, analysed and indexed; slug -> version id."""
    feeds = {}
    out = {}
    for art in articles:
        if art.outlet not in feeds:
            feeds[art.outlet] = store.add_feed(f"{BASE}/{art.outlet.replace(' ', '-').lower()}.xml", art.outlet)
        doc = (docs or {}).get(art.slug) or art.document()
        _, vid, _ = store.add_version(art.url, doc, feed_id=feeds[art.outlet].id, published=art.day)
        store.analysed(vid, analyses[art.slug])
        out[art.slug] = vid
    return out
