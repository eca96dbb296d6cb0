"""Restricted mode for shared reading servers: only files inside one library directory (the
read half lives with loading: analyzers/ingest/read_policy.py), and nothing that reaches the
host (no shell, $EDITOR, suspend, URLs, or writes to chosen paths). Served sessions
(``copydesk serve``) write only to the data directory too."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from analyzers.ingest.read_policy import ReadPolicy, RestrictedError
from analyzers.io.urls import FetchPolicy
from analyzers.settings import settings


@dataclass(frozen=True)
class Policy(ReadPolicy):
    """The read policy (analyzers/ingest/read_policy.py) and what the UI may do beyond reading:
    fetching, and writing to chosen paths."""

    served: bool = False
    fetch_hosts: frozenset[str] = frozenset()   # served: hosts visitors may fetch from
    allow_private: bool = False                 # --allow-private: every fetch of this run may

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Policy:
        env = settings()
        restricted = bool(getattr(args, "restricted", False)) or env.restricted
        library = getattr(args, "library", None) or env.library
        hosts = frozenset(h for h in (getattr(args, "fetch_hosts", None) or "").split(",") if h)
        return cls(restricted, Path(library) if library else None, bool(getattr(args, "served", False)), hosts,
                   bool(getattr(args, "allow_private", False)))

    def fetch_refusal(self) -> str | None:
        """Why nothing may be fetched here (URLs, feed updates), or None."""
        if self.restricted:
            return "restricted mode: fetching and feed changes are disabled (the library's owner updates it)"
        if self.served and not self.fetch_hosts:
            return "this server fetches nothing (its owner can allow hosts with 'copydesk serve --allow-fetch HOST')"
        return None

    def fetch_policy(self, allow_private: bool | None = None) -> FetchPolicy:
        """What fetching may do: a served reader only the owner's hosts (never private ones)."""
        from analyzers.io.fetch import FetchPolicy

        if self.served:
            return FetchPolicy(allow_private=False, allowed_hosts=self.fetch_hosts)
        return FetchPolicy.from_settings(True if allow_private or self.allow_private else None)

    @property
    def fixed_writes(self) -> bool:
        """Exports and screenshots go only to the data directory, never to a chosen path."""
        return self.restricted or self.served

    def check_write(self, path: str) -> None:
        if self.fixed_writes:
            raise RestrictedError("restricted: writing files to a chosen path is disabled")


__all__ = ["Policy", "RestrictedError"]
