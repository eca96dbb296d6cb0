"""What every screen needs from the app, typed: the policy (what may be read, fetched and
written), the desk (the one door to storage), the analysis process, and the screens the reader
opens through the app (a screen module never imports one that imports it back). Screens ask
``context(self)`` instead of reaching into ``self.app``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analyzers.store.desk import Desk
from tui.restricted import Policy

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from analyzers.model import Document
    from tui.services.analysis import AnalysisService


@dataclass(frozen=True)
class Context:
    policy: Policy
    desk: Desk
    analysis_service: Callable[[], AnalysisService]      # started when first asked for
    open_where_else: Callable[[str, str, str | None, str | None], None]   # name, kind, model, exclude url
    open_versions: Callable[[Document, str | None], None]

    @property
    def restricted(self) -> bool:
        return self.policy.restricted


def context(node: DOMNode) -> Context:
    """The context of the app ``node`` runs in."""
    found = getattr(node.app, "context", None)
    if not isinstance(found, Context):
        raise RuntimeError("copydesk's screens run inside CopydeskApp")
    return found
