"""New library versions analysed ahead of reading: in the low-priority analysis process, one
after another; each result goes to the analysis cache (so the article opens with its sidebar at
once) and its counts to the library (so the list shows them)."""

from __future__ import annotations

from collections.abc import Callable

from analyzers.store.desk import Desk
from tui.services.analysis import AnalysisService
from tui.state.analysis_feed import AnalysisFeed, Failed, Update


def analyse_versions(desk: Desk, version_ids: list[int], *, model: str | None = None,
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
                doc = desk.document(vid)
                final = None
                for event in feed.run(doc, cancelled):
                    if isinstance(event, Update) and event.analysis.complete:
                        final = event.analysis
                    elif isinstance(event, Failed):
                        problems.append(f"{doc.source}: {event.reason}")
                if final is not None:
                    desk.analysed(vid, final)
            except Exception as exc:  # one damaged version is that version's problem
                problems.append(f"version {vid}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
            if progress is not None:
                progress(n, len(version_ids))
    finally:
        if own:
            service.close()
    return problems
