"""The operating system and the network: ``atomic`` (files written whole or not at all),
``safe_open`` (opening beneath a directory without following links), ``child`` (child
processes that import nothing from the working directory), ``fetch`` (the one HTTP client)."""
