"""The headline read as a headline: 'X says/claims/blasts/presses for Y' attributes Y to X even
when the parser, lost in Title Case, found no clause; planned or performed actions ('X planning
to enter race', 'X accepts nomination'), vocatives and column labels ('Wow: ...') are not quotes,
and neither is a bare noun phrase or pronoun the parser took for an object."""

from __future__ import annotations

import re
from dataclasses import replace

from analyzers.model import Document, Span
from analyzers.rules.candidates import QuoteCandidate
from analyzers.rules.claims import ClaimCandidate
from analyzers.rules.lexicon import NOUN_CUES

MAX_HEADLINE = 200          # characters: longer first paragraphs are a lead, not a headline
MAX_WITH_SUBHEAD = 320

# Cues a headline uses for what a source said, claimed, asked for or believes (present tense).
_CUE_WORDS = ["says", "say", "tells", "tell", "claims", "claim", "calls", "call", "blasts", "blast", "slams", "slam", "rejects", "reject", "seeks", "seek", "mocks", "mock", "warns", "warn", "urges", "urge", "denies", "deny", "vows", "vow", "pledges", "pledge", "promises", "promise", "accuses", "accuse", "rips", "rip", "knocks", "knock", "assails", "assail", "defends", "defend", "opposes", "oppose", "questions", "question", "praises", "praise", "attacks", "attack", "criticizes", "criticize", "criticises", "criticise", "condemns", "condemn", "dismisses", "dismiss", "rebuts", "rebut", "disputes", "dispute", "insists", "insist", "argues", "argue", "admits", "admit", "predicts", "predict", "demands", "demand", "touts", "tout", "senses", "sense", "fears", "fear", "hopes", "hope", "believes", "believe", "thinks", "think", "doubts", "doubt", "announces", "announce", "reveals", "reveal", "confirms", "confirm", "suggests", "suggest", "acknowledges", "acknowledge", "concedes", "concede", "brags", "boasts", "jokes", "rebukes", "rebuke", "scolds", "scold", "decries", "decry", "derides", "deride", "hails", "hail", "lauds", "laud", "applauds", "applaud", "lambastes", "lambaste", "endorses", "endorse", "denounces", "denounce", "trashes", "trash", "chides", "chide", "compares", "compare"]
_CUE_PHRASES = ["presses for", "press for", "pushes for", "push for", "swipes at", "swipe at", "lashes out at",
                "lash out at", "hits back at", "takes aim at", "calls for", "call for", "calls on", "call on",
                "rails against",
                "warns of", "warns against", "goes after", "go after", "comes out against", "come out against"]
_CUE = "|".join([re.escape(p) for p in _CUE_PHRASES] + _CUE_WORDS)
# The source is the shortest run of words before a cue: 'Putin chides Turkey and praises Trump'
# is Putin's twice, not 'Putin chides Turkey and''s.
_ATTRIBUTION = re.compile(r"(?P<src>(?:[A-Z][\w.’'&-]*|of|the|and|for)(?:[ ](?:[A-Z0-9][\w.’'&/-]*|of|the|and|for|"
                          r"[a-z]+s)){0,6}?)[ ](?P<cue>%s)[ ](?P<content>[^;\n]{3,})" % _CUE, re.IGNORECASE)
# 'Guns Are ‘A Public Health Crisis,’ Howard Dean Tells Convention', 'Talks stalled, officials say':
# what was said first, then its source and a cue closing the line.
# (verbs only: 'Suspect Faces Charges', 'Awaits Jobs Report', 'Homeowners File Claims' end in nouns)
_TRAILING_CUES = ["says", "say", "said", "tells", "tell", "told", "warns", "warn", "insists", "insist", "argues",
                  "argue", "admits", "predicts", "writes", "wrote", "suggests", "concludes", "contends", "declares",
                  "alleges", "finds"]
_TRAILING = re.compile(r"(?P<content>\S.{10,}?)(?:,[’”'\"]?|[’”'\"],)[ ]+(?P<src>(?:[\w.’'&-]+[ ]){0,4}?[\w.’'&-]+)[ ]+"
                       r"(?P<cue>(?i:%s))(?:[ ]+[A-Z][\w.’'&-]*(?:[ ]+[A-Z][\w.’'&-]*){0,3})?[ .]*$"
                       % "|".join(_TRAILING_CUES))
# Where a headline's reported content ends: the next clause.
# ('… Attacks Media And Critics Say He Is Wrong': another source's statement starts after 'and')
_CONTENT_END = re.compile(r",?\s+(?:but|as|despite|amid|while|after|before|with)\s|;|\n|(?:,|\s+and)\s+(?=(?:%s)\s)"
                          r"|\s+and\s+(?=(?:[\w.’'-]+\s+){1,3}?(?:%s)\s)" % (_CUE, _CUE), re.IGNORECASE)
# Cues aimed at someone: their content is whom they are aimed at, which a headline follows with why
# or where.
_AT_SOMEONE = frozenset(["blasts", "blast", "slams", "slam", "mocks", "mock", "rips", "rip", "knocks", "knock", "assails",
                         "assail", "praises", "praise", "attacks", "attack", "criticizes", "criticize", "criticises",
                         "criticise", "condemns", "condemn", "rebukes", "rebuke", "scolds", "scold", "derides", "deride",
                         "hails", "hail", "lauds", "laud", "applauds", "applaud", "lambastes", "lambaste", "denounces",
                         "denounce", "trashes", "trash", "chides", "chide", "swipes at", "swipe at", "lashes out at",
                         "lash out at", "hits back at", "takes aim at", "rails against", "goes after", "go after",
                         "comes out against", "come out against"])
_TARGET = re.compile(r"[A-Z][\w.’'-]*(?:[ ][A-Z][\w.’'-]*){0,3}?(?=[ ](?:over|for|on|at|after|during|amid)[ ])")
# What a 'calls' headline quotes at its end ('… Yazidis ‘Genocide.’'), not a scare-quoted word
# inside ('… Reject ‘Radical’ Agenda').
_CALLED = re.compile(r"[ ][‘“'\"][^‘“'\"\s][^‘“\"]*[’”'\"][.,!?]*\s*$")
# 'Biden, stumping for Clinton, trashes Trump': a name, an aside, the cue.
_ASIDE = re.compile(r"(?P<src>[A-Z][\w.’'&-]*(?:[ ][A-Z][\w.’'&-]*){0,3}),[ ][a-z][^,;\n]{2,60},[ ]"
                    r"(?P<cue>(?i:%s))[ ](?P<content>[^;\n]{3,})" % _CUE)
# A scene set before the source: 'Amid discord, …', 'After Iowa loss, …'.
_INTRO = re.compile(r"(?:Amid|After|Before|Despite|In|With|Without|Following|Facing|Under|Ahead of)[ ][^,;\n]{2,50},[ ]+")
# after a content's end, what may come before the next attribution (the same words as _CONTENT_END's)
_BETWEEN = re.compile(r"[\s,]*(?:but|as|despite|amid|while|after|before|with|and)?\s*", re.IGNORECASE)
_SMALL_WORDS = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "for", "over", "and", "or", "by", "with",
                          "from", "as", "after", "during", "amid", "vs.", "v."])
# A source never opens with these: 'As Trump demands wall, smugglers build tunnels' is the scene.
_SUBORDINATORS = frozenset(["as", "when", "while", "if", "after", "before", "because", "since", "until", "though",
                            "although", "once", "unless", "whether"])
# Words of a colon label that name no speaker ('Wow: ...', 'EXCLUSIVE – X: ...').
_LABELS = frozenset(["wow", "whoa", "boom", "oops", "yikes", "ouch", "watch", "listen", "look", "see", "video", "videos", "photos", "photo", "exclusive", "breaking", "update", "updated", "analysis", "opinion", "editorial", "commentary", "review", "explainer", "live", "quiz", "fact", "check", "here", "byline", "by", "revealed"])
# ...and words that open a kicker ('Bombshell: …', 'Just Leaked: …'), but not a speaker's description
# ('Woman Steps Forward With Bombshell Claim: …')
_OPENS_NO_SPEAKER = _LABELS | {"bombshell", "leaked", "just", "shocking", "huge"}
_NAME_ENDS = frozenset(["watch", "review"])  # label words that also end names: 'Judicial Watch', 'National Review'
# A column's or a newsletter's name ends with one of these ('Breitbart News Daily: ...', not 'NY Daily News: ...').
_COLUMNS = frozenset(["daily", "email", "newsletter", "digest", "roundup", "podcast", "nerdcast", "notice", "update",
                      "updates", "briefing", "recap", "explainer", "quiz"])
_PREFIX = re.compile(r"(?:EXCLUSIVE|BREAKING|WATCH|UPDATE|UPDATED|VIDEO|REPORT|LIVE)\s*[–—:-]+\s*", re.IGNORECASE)
# 'Judicial Watch: …', 'Mukasey at RNC: …', 'Clinton to Planned Parenthood: …' (who speaks, then where or to whom)
_COLON = re.compile(r"(?P<who>[A-Z][\w.’'-]*(?:[ ][A-Z][\w.’'-]*){0,3})"
                    r"(?P<scene>[ ](?:[Aa]t|[Ii]n|[Oo]n|[Tt]o)(?:[ ][A-Z0-9][\w.’'-]*){1,4})?:[ ]+(?P<content>[^\n]{8,})")
# Verbs of planned or performed actions: what follows them is not a statement.
_ACTIONS = frozenset(["plan", "plans", "planning", "planned", "expect", "expects", "expecting", "accept", "accepts", "accepting", "pivot", "pivots", "pivoting", "back", "backs", "backing", "file", "files", "filing", "end", "ends", "ending", "escalate", "escalates", "enter", "enters", "prepare", "prepares", "brace", "braces", "set", "sets", "fail", "fails", "consider", "considers", "meet", "meets", "take", "takes", "make", "makes", "get", "gets", "face", "faces", "win", "wins", "lose", "loses", "lead", "leads", "run", "runs", "join", "joins", "launch", "launches", "release", "releases", "unveil", "unveils", "approve", "approves", "sign", "signs", "pass", "passes", "vote", "votes", "delay", "delays", "decide", "decides", "try", "tries", "tackle", "tackling", "give", "gives", "named", "name", "names", "respond", "responds", "responded", "responding"])
_LEAD = re.compile(r"\b(?:said|told|added|wrote|announced|reported|asked|explained|noted|declared|insisted|"
                   r"argued|warned|claimed)\b|(?<!\b[A-Za-z])[.!?][\"”’]?\s+[A-Z]")  # 'U.S. Election', 'Roe v. Wade': one sentence
_PLURAL_SUBJECTS = frozenset(["most", "many", "some", "few", "all", "both", "they", "we", "majority", "voters",
                              "people", "police", "staff"])
_HEARSAY = frozenset(["seems", "appears", "seem", "appear"])
# Copulas and modals: no source holds one ('could blunt Republican claims')...
_VERBAL = frozenset(["are", "is", "was", "were", "be", "been", "have", "has", "had", "will", "would", "could", "can",
                     "may", "might", "must", "should"])
# after a source's name and before its cue: 'Clinton Will Now Call For'
_AUXILIARIES = _VERBAL | {"now", "just", "also", "still", "not", "never", "finally", "again"}
# ...and with these prepositions nothing a cue reports opens with one: after them the 'cue' was a
# plural noun.
_NOT_CONTENT = _VERBAL | {"as", "from", "in", "at", "by", "with", "of"}
# Cues that are also plural nouns ('Trump Says Will Not Attend' keeps its cue).
_NOUNISH = frozenset(["claims", "calls", "blasts", "slams", "mocks", "vows", "pledges", "promises", "rips", "knocks",
                      "questions", "praises", "attacks", "disputes", "demands", "senses", "fears", "hopes", "doubts",
                      "rebukes", "hails", "warns", "denies", "defends", "challenges"])
# Of those, the ones that are nouns more often than verbs: only these does the parser's noun
# reading overrule ('Obama rips rhetoric', which it tags as a noun and a verb, stays an attribution).
_NOUNS_FIRST = frozenset(["attacks", "claims", "calls", "questions", "fears", "hopes", "doubts", "demands",
                          "pledges", "promises"])
_TITLE_PREPOSITIONS = frozenset(["At", "To", "In", "On", "Over", "About", "With", "Against", "After", "Amid"])
_ADDRESSED = frozenset(["tells", "tell"])  # what follows starts with whom it was told
_OPENING = "‘“'\""
_PRONOUNS = frozenset(["him", "her", "them", "it", "us", "me", "you", "himself", "herself", "themselves"])


def headline_span(doc: Document) -> tuple[int, int] | None:
    """The headline: the first prose block when it is a heading or short with more to follow,
    with a subhead on the very next line."""
    prose = doc.analysable_blocks()
    if len(prose) < 2:
        return None
    first = prose[0]
    if first.kind != "heading" and (first.end - first.start > MAX_HEADLINE or
                                    _LEAD.search(doc.text, first.start, first.end)):
        return None  # a short first paragraph in the past tense is the lead, not a headline
    end = first.end
    nxt = prose[1]
    if first.kind == "heading" and doc.text[end:nxt.start].count("\n") == 1 and nxt.end - first.start <= MAX_WITH_SUBHEAD \
            and nxt.kind != "heading":
        end = nxt.end
    return first.start, end


def _keep(c: QuoteCandidate, text: str) -> bool:
    content = text[c.start:c.end].strip(" .,'\"‘’“”")
    if content.lower() in _PRONOUNS or not content:
        return False
    if c.rule == "colon" and c.speaker is not None:
        return not _label(c.speaker.text)
    if c.cue is None or (c.speaker is None and c.cue.text.lower() in _HEARSAY):
        return c.kind == "direct" and c.speaker is not None
    cue = c.cue.text.lower().split()
    if cue and cue[0] in _ACTIONS:
        return False
    if c.kind != "direct" and len(content.split()) <= 2 and cue and cue[-1] in NOUN_CUES:
        return False  # 'criticism on overcapacity', 'claim for clients': a noun's complement
    return not (c.kind == "direct" and c.speaker is None and len(content.split()) <= 2)


def _label(who: str) -> bool:
    """'Wow', 'EXCLUSIVE – Watch', 'CNN Fact Check', 'Monday's Morning Email', 'Bombshell', 'FIX IS
    IN', 'HUFFPOLLSTER': a label, a kicker or a column before a colon, no speaker ('Judicial
    Watch' and 'National Review' are names)."""
    words = who.lower().replace("–", " ").replace("—", " ").split()
    if not words:
        return False
    if len(words) == 1 and who.isupper() and len(who) >= 11:
        return True  # a column's name; an outlet's or an agency's ('PENTAGON') is shorter
    labels = set(words) - ({words[-1]} & _NAME_ENDS if len(words) > 1 else set())
    return bool(labels & _LABELS) or words[0] in _OPENS_NO_SPEAKER or words[-1] in _COLUMNS or \
        bool(set(words) & _VERBAL)


def _teaser(text: str, a: int, pos: int) -> bool:
    """After 'Wow:' or 'WATCH:' comes a teaser, not somebody's statement."""
    line = text.rfind("\n", a, pos) + 1 or a
    m = re.match(r"\s*([\w’'-]+)\s*:", text[line:pos])
    return bool(m and m.group(1).lower() in _LABELS)


def _found(text: str, a: int, b: int, src_a: int, src_b: int, cue_a: int, cue_b: int,
           rule: str) -> QuoteCandidate | None:
    while b > a and text[b - 1] in " .,;:":
        b -= 1
    if b - a < 3:
        return None
    first = text[a:b].split()[0].lower()
    if rule == "headline" and first in _NOT_CONTENT and text[cue_a:cue_b].lower() in _NOUNISH:
        return None  # 'Nomination questions are likely', 'Cruz fields most attacks from rivals': a noun
    who = text[src_a:src_b]
    return QuoteCandidate("indirect", a, b, Span(cue_a, cue_b, text[cue_a:cue_b]), Span(src_a, src_b, who),
                          who.split()[-1].lower(), "NNP" if who[:1].isupper() else "NN", 0.6, rule)


def _attributions(text: str, a: int, b: int) -> list[QuoteCandidate]:
    """'X Says Y, Calls Z W' -> (X, says, Y) and (X, calls, Z W); 'EXCLUSIVE – X: Y' -> (X, :, Y)."""
    out: list[QuoteCandidate] = []
    for line in re.finditer(r"[^;\n]+", text[a:b]):
        la, lb = a + line.start(), a + line.end()
        pre = _PREFIX.match(text, la, lb)
        colon = _COLON.match(text, pre.end() if pre else la, lb)
        if colon and colon.group("who").startswith(("The ", "A ", "An ")) and text[colon.start("content")] not in _OPENING:
            colon = None  # 'The Ninth Circle: …', 'A Curious Plan to Fight …: …': a column's or a topic's name
        if colon and not _label(colon.group("who")):
            mark = text.rfind(":", colon.start(), colon.start("content"))
            c = _found(text, colon.start("content"), lb, colon.start("who"), colon.end("who"), mark, mark + 1,
                       "headline_colon")
            out += [c] if c else []
            continue
        trailing = _TRAILING.match(text, pre.end() if pre else la, lb)
        src_words = trailing.group("src").lower().split() if trailing else []
        if trailing and src_words[0] not in ("and", "but", "or", "if", "when") and not set(src_words) & _VERBAL:
            c = _found(text, trailing.start("content"), trailing.end("content"), trailing.start("src"),
                       trailing.end("src"), trailing.start("cue"), trailing.end("cue"), "headline_trailing")
            if c is not None:
                tail = re.match(r",?[’”'\"]", text[c.end:c.end + 2])  # a quotation keeps its closing mark
                end = c.end + (tail.end() if tail else 0)
                out.append(replace(c, end=end))
                continue
        # the first attribution opens the line; another may follow its content's end
        # ('Republicans blast Obama after North Korea claims nuclear test')
        start = pre.end() if pre else la
        intro = _INTRO.match(text, start, lb)  # 'Amid discord, Trump claims nomination'
        start = intro.end() if intro else start
        m = _ASIDE.match(text, start, lb) or _ATTRIBUTION.search(text, start, lb)
        m = m if m is not None and m.start() <= start + 2 else None
        while m is not None:
            end = _attribution(text, m, lb, out)
            gap = _BETWEEN.match(text, end, lb)
            m = _ATTRIBUTION.match(text, gap.end(), lb) if gap and end < lb else None
    return out


def _attribution(text: str, m: re.Match[str], lb: int, out: list[QuoteCandidate]) -> int:
    """One 'X cue Y' with its coordinated cues; returns where it ends."""
    src = (m.start("src"), m.end("src"))
    cue = (m.start("cue"), m.end("cue"))
    pos = m.start("content")
    names = list(re.finditer(r"\S+", m.group("src")))
    modal = False
    bare = not m.group("cue").lower().split()[0].endswith("s")
    # 'Clinton Will Now Call For': before a bare cue, a modal and adverbs are not the source's name
    # ('Theresa May Blasts' keeps hers)
    while bare and len(names) > 1 and names[-1].group().lower() in _AUXILIARIES:
        word = names.pop().group().lower()
        modal = modal or word in _VERBAL
        src = (src[0], src[0] + names[-1].end())
    lower = [w.group().lower() for w in names]
    if lower[0] in _SUBORDINATORS or set(lower[1:-1]) & _VERBAL:
        return m.end()  # 'Rubio is tested as rivals sense …': a clause, not a source ('Will Hurd' is a name)
    last = lower[-1]
    if last.endswith(("’s", "'s")) and len(names) > 1:  # 'Moody’s Warns': a name
        if m.group("cue").lower() not in NOUN_CUES:
            return m.end()  # 'Why Hillary Clinton’s Attacks On …': the possessor's noun, not a cue
        # 'Media Growls In Response To Kaine’s Claim …': the source is the possessor
        after = [w.end() for w in names[:-1] if w.group() in _TITLE_PREPOSITIONS]
        src = (src[0] + after[-1] + 1, src[1]) if after else src
    if not modal and bare and not last.endswith("s") and last not in _PLURAL_SUBJECTS:
        return m.end()  # 'death claim for clients': a bare verb form wants a plural subject
    if m.group("cue").lower() in _ADDRESSED:
        if re.match(r"(?:the[ ]|a[ ]|an[ ]|his[ ]|her[ ]|their[ ])?(?:story|stories|tale|tales|truth|all)\b",
                    text[pos:lb], re.IGNORECASE):
            return m.end()  # 'New Film Tells Story Of …': a story told, not a statement
        told = re.match(r"(?:[\w’'.-]+[ ]){1,4}?(?=(?:He|She|They|It|We|I|You)[ ’'])", text[pos:lb])
        pos += told.end() if told else 0  # 'Trump Tells Reporters He Will Not Resign'
    while True:
        stop = _content_end(text, pos, lb)
        begin = pos
        end = stop.start() if stop else lb
        said = _CALLED.search(text, pos, end)
        if said and text[cue[0]:cue[1]].lower() in ("calls", "call"):
            begin = said.start() + 1  # 'Calls ISIS Violence Against Yazidis ‘Genocide’': what she called it
        target = _TARGET.match(text, begin, end)
        if target and text[cue[0]:cue[1]].lower() in _AT_SOMEONE and _sentence_case(text[m.start():end]):
            end = target.end()  # 'Clinton blasts Trump over …', 'mocks Trump on Twitter': whom, not why or where
        c = _found(text, begin, end, *src, *cue, "headline")
        out += [c] if c else []
        if stop is None:
            return lb
        # "..., Calls Trump's Remarks 'Troubling'": the same source, another cue
        nxt = re.match(r"(?:,|\s+and)\s+(%s)\s+" % _CUE, text[stop.start():lb], re.IGNORECASE)
        if not nxt:
            return stop.start()
        cue = (stop.start() + nxt.start(1), stop.start() + nxt.end(1))
        pos = stop.start() + nxt.end()


def _content_end(text: str, pos: int, lb: int) -> re.Match[str] | None:
    """The next clause boundary that is not inside a quotation ('Doesn’t ‘Fit With What I …’')."""
    for stop in _CONTENT_END.finditer(text, pos, lb):
        if not _open_quote(text[pos:stop.start()]):
            return stop
    return None


def _open_quote(s: str) -> bool:
    closing = len(re.findall(r"’(?![A-Za-z])|”", s))  # an apostrophe has a letter after it
    opening = len(re.findall(r"[‘“](?!\d)", s))  # '‘90s' is an apostrophe curled the wrong way
    return opening > closing or s.count('"') % 2 == 1


def _sentence_case(s: str) -> bool:
    """'Clinton blasts Trump over deportation idea', not 'Mayor Rips Budget At Town Hall': only in
    sentence case does a capital tell a name from a common noun."""
    return any(w[:1].islower() and w not in _SMALL_WORDS for w in s.split())


def revise(doc: Document, cands: list[QuoteCandidate], tags: dict[int, str] | None = None) -> list[QuoteCandidate]:
    """The attribution rules' candidates with the headline's read as a headline; ``tags``: the
    parser's tag of each token by its offset, where it has one."""
    span = headline_span(doc)
    if span is None:
        return cands
    a, b = span
    text = doc.text
    inside = [c for c in cands if a <= c.start < b]
    found = [c for c in _attributions(text, a, b) if not _noun_then_verb(c, tags or {})]
    if not inside and not found:
        return cands
    kept = [c for c in inside if _keep(c, text) and not _teaser(text, a, c.start)]
    # one headline statement, not also the pieces of it the parser read as statements of their own
    kept = [c for c in kept if not any(k is not c and k.start <= c.start and c.end <= k.end and
                                       k.end - k.start > c.end - c.start for k in kept)]
    for c in found:
        # the parser's reading of the same cue ('blasts Ortiz over stadium deal': its 'stadium deal')
        same = [k for k in kept if k.cue is not None and c.cue is not None and k.cue.start == c.cue.start]
        if same and c.cue is not None and c.cue.text.lower() in _ADDRESSED:
            continue  # 'Prager Tells #NeverTrump Conservatives They Need …': the parser knows the addressee
        if same and _replaces(c, same, text):
            kept = [k for k in kept if k not in same] + [c]
        elif not any(min(k.end, c.end) - max(k.start, c.start) > (c.end - c.start) / 2 for k in kept):
            kept.append(c)
    # 'Obama To Asians Worried About U.S. Election: …': nothing before the colon is a statement
    named = [c.speaker for c in kept if c.cue is not None and c.cue.text == ":" and c.speaker is not None]
    kept = [_addresser(c, text) for c in kept if not any(s.start <= c.start and c.end <= s.end for s in named)]
    return [c for c in cands if not a <= c.start < b] + kept


def _replaces(c: QuoteCandidate, same: list[QuoteCandidate], text: str) -> bool:
    """Whether the headline reading ``c`` replaces the parser's readings of the same cue: they
    are a piece of its statement, or what was called a name, or the same statement with the
    parser's speaker ('Trump Attacks Media And Critics' Say …), or why somebody was blasted
    where ``c`` has whom."""
    return all(k.end - k.start < c.end - c.start for k in same) or text[c.start] in _OPENING \
        or all((k.start, k.end) == (c.start, c.end) for k in same) \
        or (c.cue is not None and c.cue.text.lower() in _AT_SOMEONE and all(k.start >= c.start for k in same))


def _addresser(c: QuoteCandidate, text: str) -> QuoteCandidate:
    """'Clinton To Planned Parenthood: …', 'Obama in Hiroshima: …': the speaker is who speaks, not
    whom or where."""
    if c.speaker is None or c.cue is None or c.cue.text != ":":
        return c
    to = re.search(r"\S[ ](?i:to|at|in|on)[ ]", c.speaker.text)
    if to is None:
        return c
    end = c.speaker.start + to.start() + 1
    return replace(c, speaker=Span(c.speaker.start, end, text[c.speaker.start:end]))


def _noun_then_verb(c: QuoteCandidate, tags: dict[int, str]) -> bool:
    """'Blistering attacks upend Trump's pivot', 'Paris attacks test Clinton's strategy': the
    parser read the 'cue' as a plural noun and the word after it as the verb (a Title Case
    headline, which it cannot tag, keeps its reading)."""
    if not (c.rule == "headline" and c.cue is not None and c.cue.text.lower() in _NOUNS_FIRST
            and tags.get(c.cue.start) == "NNS" and tags.get(c.start) in ("VBP", "VBD", "VB")):
        return False
    after = min((pos for pos in tags if pos > c.start), default=None)
    return after is None or tags[after] not in ("TO", "IN")  # 'Trump attacks plan to cut Medicare': a noun



CHECKABLE = ("statistic", "comparison", "causal", "prediction", "quote_claim")


def claims_outside(doc: Document, claims: list[ClaimCandidate],
                   quotes: list[tuple[int, int]]) -> list[ClaimCandidate]:
    """A headline is listed as a claim only when it carries one (a figure, a comparison, a cause,
    a prediction or a source's claim, ``quotes`` being the quote spans): 'Council delays vote on
    stadium' is news, not a claim."""
    span = headline_span(doc)
    if span is None:
        return claims
    a, b = span
    said = [(s, e) for s, e in quotes if a <= s < b]
    return [c for c in claims if not a <= c.start < b or c.kind in CHECKABLE
            or any(s < c.end and c.start < e for s, e in said)]
