"""The reader's state in plain Python (no Textual): what screens show and act on, testable
without an App."""
