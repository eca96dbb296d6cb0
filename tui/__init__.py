"""copydesk's terminal UI: renders what ``analyzers`` returns."""
