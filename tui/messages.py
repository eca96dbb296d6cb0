"""Messages the analysis worker posts; workers never touch widgets."""

from __future__ import annotations

from textual.message import Message

from analyzers.model import Analysis


class AnalysisUpdated(Message):
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        super().__init__()


class AnalysisFailed(Message):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__()


class AnalysisStatus(Message):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()
