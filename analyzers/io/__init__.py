"""The operating system and the network: ``atomic`` (files written whole or not at all),
``safe_open`` (opening beneath a directory without following links), ``child`` (child
processes that import nothing from the working directory), ``account`` (who is at the
keyboard), and the one HTTP client: ``fetch`` (requests, redirects, the body), ``urls`` (what a
URL may lead to) and ``transfer`` (the deadline on every socket operation; bounded decoding)."""
