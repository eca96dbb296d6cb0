"""The vocabulary of review marks, shared by the store, the reader and the exports."""

STATUSES = ("verified", "disputed", "needs_source", "unreviewed")
SIGNS = {"verified": "✓", "disputed": "✗", "needs_source": "?", "unreviewed": "✎"}  # ✎: a note, no verdict
LABELS = {"verified": "verified", "disputed": "disputed", "needs_source": "needs a source",
          "unreviewed": "unreviewed"}
KIND_OF_SECTION = {"claims": "claim", "quotes": "quote"}
