"""The export formats, a vocabulary the CLI and the export dialog share with the exporter."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    MD = "md"
    JSON = "json"
    CSV = "csv"

    @property
    def description(self) -> str:
        return {"md": "Markdown report", "json": "JSON: analysis + review", "csv": "CSV: one row per item"}[self.value]


FORMATS = tuple(f.value for f in ExportFormat)
