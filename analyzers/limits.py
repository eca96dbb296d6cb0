"""How much text one analysis takes on: plain numbers, importable before the first paint
without loading the analysis rules (and numpy) behind them."""

PIECE_CHARS = 20_000
PIECE_TOKENS = 4_000         # spaCy's tokenizer and parser on one piece: a run of marks is all tokens
MAX_TOKEN_CHARS = 200
DEFAULT_MAX_CHARS = 250_000  # ~40,000 words: a book chapter, under half a minute on one core
MAX_TOKENS = 45_000          # about what that many characters of prose hold; marks hold 5x more
