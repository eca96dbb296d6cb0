"""Word lists for sources: what kind of thing a speaker phrase names, and the cues that make an
unnamed source deliberately anonymous. Data, not code (issue 24's definitions)."""

from __future__ import annotations

import re

# Deliberate anonymity: said of the source in its phrase or its sentence. Plain namelessness
# ("officials said", "a spokesman said") is not.
ANONYMITY_CUES = re.compile(
    r"anonymity|anonymously|not authori[sz]ed to (?:speak|discuss|comment|talk|release|disclose|be)|not be (?:named|identified|quoted)|not to be (?:named|identified)|"
    r"declined to be (?:named|identified)|without being (?:named|identified)|did not want to be (?:named|identified)|"
    r"familiar with|briefed on|with (?:direct )?knowledge of|close to the|people close to|privy to|on background|"
    r"not permitted to|requested that (?:he|she|they) not be|insisted on not being",
    re.IGNORECASE)
# Heads that are deliberately unnamed by themselves ("a source", "insiders").
SOURCE_HEADS = frozenset(["source", "sources", "insider", "insiders"])
# Heads that are anonymous only with a cue ("people familiar with", "a person in the room").
PEOPLE_HEADS = frozenset(["person", "people", "individual", "individuals", "someone", "somebody", "one", "two",
                          "three", "several", "others", "those", "attendee", "attendees", "participant",
                          "participants", "witness", "witnesses"])

# Holders of an office or post in an institution (issue 24's "official").
OFFICIAL_HEADS = frozenset(["official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "staffer", "staffers", "staff", "employee", "employees", "executive", "executives", "lawmaker", "lawmakers", "legislator", "legislators", "senator", "senators", "congressman", "congresswoman", "congressmen", "representative", "representatives", "delegate", "delegates", "prosecutor", "prosecutors", "investigator", "investigators", "agent", "agents", "officer", "officers", "diplomat", "diplomats", "negotiator", "negotiators", "ambassador", "envoy", "minister", "ministers", "strategist", "strategists", "manager", "managers", "director", "directors", "administrator", "administrators", "inspector", "commissioner", "commissioners", "regulator", "regulators", "authorities", "enforcement", "detective", "detectives", "trooper", "troopers", "secretary", "chairman", "chairwoman", "chair", "head", "chief", "president", "members", "member", "operative", "operatives", "organizers", "organizer", "lawyer", "lawyers", "attorney", "attorneys", "counsel", "auditor", "auditors", "clerk", "clerks"])
# Of those, the ones that name a profession at large when nothing ties them to an institution
# ("Democratic strategists", "tech executives"): a group, unless the article's institution owns them.
PROFESSION_PLURALS = frozenset(["strategists", "operatives", "executives", "lawyers", "attorneys", "organizers",
                                "managers", "directors"])

# Unnamed collectives (issue 24's "group").
GROUP_HEADS = frozenset(["democrats", "republicans", "conservatives", "liberals", "progressives", "moderates", "independents", "partisans", "voters", "electorate", "supporters", "backers", "critics", "opponents", "detractors", "allies", "friends", "donors", "contributors", "protesters", "protestors", "demonstrators", "activists", "advocates", "crowd", "audience", "base", "public", "residents", "citizens", "people", "americans", "europeans", "analysts", "experts", "economists", "scholars", "researchers", "scientists", "observers", "pundits", "commentators", "politicians", "candidates", "leaders", "members", "parents", "students", "teachers", "workers", "families", "victims", "fans", "followers", "delegates", "respondents", "participants", "attendees", "neighbors", "neighbours", "locals", "officials-at-large", "media", "press", "groups", "organizations", "organisations", "unions", "companies", "firms", "states", "nations", "countries", "governments", "members", "many", "most", "some", "few", "others", "several", "all", "both", "majority", "minority", "percent", "half", "third", "quarter", "none", "everyone", "hackers", "admirers", "skeptics", "sceptics", "rivals", "colleagues", "peers", "insiders-at-large", "conservationists", "environmentalists", "farmers", "businesses", "owners", "investors", "traders", "bankers", "doctors", "nurses", "scholars", "historians"])
QUANTIFIERS = frozenset(["some", "many", "most", "few", "several", "others", "all", "both", "majority", "half",
                         "percent", "%", "none", "each", "those", "these", "much", "plenty", "dozens", "hundreds",
                         "thousands", "millions"])

# Things that say something in writing or on record (issue 24's "document").
DOCUMENT_HEADS = frozenset(["report", "reports", "poll", "polls", "polling", "survey", "surveys", "study", "studies", "research", "findings", "analysis", "analyses", "filing", "filings", "records", "record", "data", "projections", "projection", "estimates", "estimate", "figures", "numbers", "statistics", "results", "statement", "statements", "letter", "letters", "memo", "memos", "memorandum", "email", "emails", "e-mail", "e-mails", "tweet", "tweets", "post", "posts", "message", "messages", "texts", "calls", "transcript", "transcripts", "law", "laws", "bill", "bills", "legislation", "ruling", "rulings", "decision", "opinion", "precedents", "precedent", "book", "books", "memoir", "op-ed", "column", "editorial", "article", "articles", "ad", "ads", "advertisement", "spot", "commercial", "video", "videos", "footage", "graphics", "graphic", "chart", "summary", "summaries", "readout", "document", "documents", "documentation", "complaint", "indictment", "lawsuit", "suit", "affidavit", "testimony", "notes", "minutes", "cables", "cable", "audit", "review", "assessment", "index", "tally", "count", "census", "platform", "manifesto", "resolution", "order", "guidance", "guidelines", "website", "blog", "petition", "brief", "motion", "verdict", "narrator", "voiceover", "voice-over", "photo", "photos", "tape", "tapes", "recording", "recordings", "release", "probe", "inquiry", "investigation", "pitch", "brochure", "manual", "plan", "proposal", "paper", "audit", "essay", "blog", "biography", "documentary", "film", "advertisement", "average", "averages"])

# Organisations by their common noun: with a named possessor ("Clinton's campaign", "the Koch
# operation") an organisation of its own, never the person.
ORG_HEADS = frozenset(["administration", "government", "ministry", "department", "agency", "committee", "council", "court", "campaign", "party", "company", "firm", "office", "commission", "board", "military", "army", "navy", "union", "group", "coalition", "bank", "foundation", "institute", "university", "congress", "senate", "house", "parliament", "team", "operation", "organization", "organisation", "association", "network", "pac", "super-pac", "corporation", "embassy", "regime", "cabinet", "legislature", "assembly", "city", "town", "county", "state", "bureau", "service", "authority", "staff", "police"])
OUTLET_HEADS = frozenset(["newspaper", "paper", "network", "magazine", "broadcaster", "channel", "station",
                          "tabloid", "daily", "outlet", "website"])

# Nouns for a person (an epithet or title standing for someone the article names).
PERSON_NOUNS = frozenset(["senator", "congressman", "congresswoman", "representative", "governor", "mayor", "president", "candidate", "nominee", "frontrunner", "front-runner", "contender", "challenger", "incumbent", "businessman", "businesswoman", "mogul", "billionaire", "developer", "tycoon", "magnate", "executive", "chairman", "chairwoman", "host", "anchor", "correspondent", "reporter", "columnist", "author", "writer", "commentator", "comedian", "actor", "actress", "singer", "star", "neurosurgeon", "surgeon", "doctor", "physician", "professor", "economist", "lawyer", "attorney", "prosecutor", "judge", "justice", "sheriff", "chief", "director", "secretary", "minister", "premier", "chancellor", "king", "queen", "prince", "leader", "speaker", "founder", "owner", "republican", "democrat", "conservative", "liberal", "libertarian", "independent", "veteran", "general", "admiral", "commander", "officer", "agent", "spokesman", "spokeswoman", "adviser", "advisor", "aide", "strategist", "pollster", "consultant", "manager", "lobbyist", "activist", "organizer", "organiser", "man", "woman", "radioman", "billionaire", "pastor", "priest", "bishop", "rabbi", "imam", "pope", "ambassador", "envoy", "diplomat", "commissioner", "auditor", "inspector", "treasurer", "clerk", "councilman", "councilwoman", "lawmaker", "legislator", "politician", "real-estate", "scion", "heir", "heiress", "son", "daughter", "father", "mother", "husband", "wife", "widow"])

# Role nouns: the head of an office, job or function a description names.
ROLE_NOUNS = frozenset(["senator", "sen", "sen.", "rep", "rep.", "representative", "congressman", "congresswoman", "governor", "gov", "gov.", "mayor", "president", "vice-president", "secretary", "minister", "premier", "chancellor", "speaker", "leader", "whip", "chairman", "chairwoman", "chair", "chairperson", "director", "executive", "ceo", "cfo", "coo", "officer", "chief", "head", "manager", "spokesman", "spokeswoman", "spokesperson", "official", "adviser", "advisor", "aide", "staffer", "strategist", "pollster", "consultant", "operative", "lobbyist", "attorney", "lawyer", "counsel", "prosecutor", "judge", "justice", "sheriff", "commissioner", "ambassador", "envoy", "diplomat", "candidate", "nominee", "host", "anchor", "correspondent", "reporter", "editor", "columnist", "commentator", "analyst", "economist", "professor", "scholar", "fellow", "researcher", "scientist", "historian", "author", "writer", "founder", "co-founder", "cofounder", "owner", "partner", "president-elect", "treasurer", "auditor", "inspector", "investigator", "agent", "detective", "commander", "general", "admiral", "colonel", "captain", "lieutenant", "sergeant", "soldier", "delegate", "member", "trustee", "clerk", "councilman", "councilwoman", "councillor", "alderman", "assemblyman", "assemblywoman", "legislator", "lawmaker", "superintendent", "principal", "dean", "provost", "teacher", "pastor", "priest", "bishop", "rabbi", "imam", "cardinal", "pope", "king", "queen", "prince", "princess", "chef", "doctor", "physician", "surgeon", "nurse", "organizer", "organiser", "activist", "coordinator", "administrator", "negotiator", "employee", "worker", "farmer", "publisher", "producer", "director-general", "secretary-general", "chief-of-staff", "spokesperson", "economist", "pundit", "comedian", "actor", "actress", "singer", "attorney-general", "front-runner", "frontrunner", "expert", "entrepreneur", "worker", "confidant", "neurosurgeon", "challenger", "contender", "businessman", "businesswoman", "mogul", "developer", "investor", "banker", "specialist", "veteran", "spymaster", "nominee", "incumbent", "panel", "fundraiser", "moderator", "engineer", "journalist", "blogger", "physicist", "psychologist", "sociologist", "epidemiologist", "statistician", "demographer", "consul", "comptroller", "controller", "regulator", "advocate", "campaigner", "supervisor", "deputy", "assistant", "counselor", "therapist", "pharmacist", "dentist", "veterinarian", "reverend", "coach", "filmmaker", "novelist", "photographer", "playwright", "rival"])
# Abbreviated titles and what a reader would search for.
TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                       "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
                       "adm": "admiral", "pres": "president", "atty": "attorney", "supt": "superintendent",
                       "ceo": "executive", "amb": "ambassador"}
HONORIFIC_WORDS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mx", "the", "a", "an"])

FEMALE_ROLE = frozenset(["spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman",
                         "assemblywoman", "actress", "queen", "princess", "heiress", "widow", "woman", "mother",
                         "wife", "daughter"])
MALE_ROLE = frozenset(["spokesman", "chairman", "congressman", "businessman", "councilman", "assemblyman", "actor",
                       "king", "prince", "heir", "radioman", "man", "father", "husband", "son"])

# Words after a head noun that are not the head ("the data available", "two senators present").
POSTNOMINAL = frozenset(["available", "present", "involved", "concerned", "alike", "themselves", "himself",
                         "herself", "itself", "included", "together", "combined", "released", "published",
                         "seen", "obtained", "quoted", "cited", "interviewed", "surveyed", "polled", "asked",
                         "contacted", "reached", "here", "there", "too", "also", "now", "today", "tonight",
                         "yesterday", "overall", "nationwide", "statewide"])
