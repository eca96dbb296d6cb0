"""New library versions analysed ahead of reading: in the low-priority analysis process, one
after another; each result goes to the analysis cache (so the article opens with its sidebar at
once) and its counts to the library (so the list shows them)."""

from __future__ import annotations

from collections.abc import Callable

from analyzers.store.library.store import LibraryStore
from tui.services.analysis import AnalysisService
from tui.state.analysis_feed import AnalysisFeed, Failed, Update


def to_analyse(store: LibraryStore, new: list[int]) -> list[int]:
    """The new versions, then every version still unanalysed (an update that was killed, or one
    run with --no-analyze), then those analysed before the cross-article index existed (their
    analyses are usually cached: indexing them is quick)."""
    return list(dict.fromkeys([*new, *store.unanalysed(limit=100_000), *store.unindexed()]))


def analyse_versions(store: LibraryStore, version_ids: list[int], *, model: str | None = None,
                     service: AnalysisService | None = None, progress: Callable[[int, int], object] | None = None,
                     cancelled: Callable[[], bool] = lambda: False) -> list[str]:
    """Analyse ``version_ids``; returns the one-line reasons of those that failed."""
    own = service is None
    service = service or AnalysisService(model)
    feed = AnalysisFeed(lambda: service, model)
    problems: list[str] = []
    try:
        for n, vid in enumerate(version_ids, 1):
            if cancelled():
                break
            try:
                doc = store.document(vid)
                final = None
                for event in feed.run(doc, cancelled):
                    if isinstance(event, Update) and event.analysis.complete:
                        final = event.analysis
                    elif isinstance(event, Failed):
                        problems.append(f"{doc.source}: {event.reason}")
                if final is not None:
                    store.analysed(vid, final)
            except Exception as exc:  # one damaged version is that version's problem
                problems.append(f"version {vid}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
            if progress is not None:
                progress(n, len(version_ids))
    finally:
        if own:
            service.close()
    return problems
