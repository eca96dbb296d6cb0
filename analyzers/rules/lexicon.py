"""Word lists and patterns the rules use. Data, not code: tune here."""

from __future__ import annotations

# Verbs that report speech or writing. A clausal complement makes an indirect quote; next to
# quotation marks they attribute a direct quote.
SPEECH_VERBS = frozenset(["say", "tell", "state", "claim", "report", "announce", "add", "note", "explain", "argue", "insist", "warn", "deny", "admit", "acknowledge", "confirm", "write", "tweet", "post", "declare", "assert", "contend", "maintain", "predict", "reply", "respond", "answer", "ask", "recall", "reveal", "disclose", "estimate", "testify", "allege", "complain", "concede", "emphasize", "emphasise", "stress", "indicate", "conclude", "agree", "promise", "pledge", "vow", "urge", "boast", "brag", "joke", "quip", "shout", "scream", "whisper", "observe", "comment", "remark", "mention", "caution", "suggest", "propose", "recommend", "advise", "inform", "assure", "remind", "retort", "counter", "reiterate", "repeat", "told", "announce", "charge", "accuse", "demand", "threaten", "lament", "acknowledge", "speculate", "hint", "imply", "proclaim", "predict", "forecast", "calculate", "argue", "stipulate", "clarify", "elaborate", "point"])

# Verbs that report a state of mind; PolNeAR annotates these as attributions too.
BELIEF_VERBS = frozenset(["believe", "think", "expect", "hope", "fear", "worry", "feel", "know", "suspect", "doubt", "assume", "figure", "reckon", "guess", "want", "wish", "intend", "plan", "decide", "hold", "consider", "understand", "learn", "realize", "recognize"])

# Verbs that report what a document, study or poll shows.
EVIDENCE_VERBS = frozenset(["show", "find", "reveal", "suggest", "indicate", "conclude", "estimate", "project"])

# Cue verbs that only attribute a direct quote (they take no clausal complement in news prose).
DIRECT_ONLY_VERBS = frozenset(["continue", "begin", "go", "add", "write", "read", "tweet", "post", "exclaim", "chant", "yell", "sing", "thunder", "marvel", "muse"])

REPORTING_VERBS = SPEECH_VERBS | BELIEF_VERBS | EVIDENCE_VERBS

# Verbs that voice a stance toward what follows ("blasted the plan", "expressed frustration",
# "dubbed it a hoax"): with a named or pronoun subject, their object is what was said.
STANCE_VERBS = frozenset(["express", "voice", "blast", "slam", "lash", "rip", "hammer", "knock", "assail", "rebuke", "chide", "scold", "decry", "deride", "ridicule", "mock", "lambaste", "excoriate", "castigate", "berate", "hail", "laud", "salute", "commend", "congratulate", "thank", "credit", "blame", "fault", "echo", "reaffirm", "reassert", "restate", "underscore", "signal", "dub", "label", "brand", "term", "deem", "liken", "compare", "portray", "paint", "characterize", "characterise", "quote", "invoke", "list", "lay", "issue", "release", "publish", "tweet", "retweet", "post", "email", "bemoan", "lament", "protest", "disavow", "repudiate", "renounce", "reject", "rule", "veto", "approve", "endorse", "nominate", "recommend", "unveil", "float", "broach", "raise", "stress", "reiterate", "trumpet", "tout", "celebrate", "relish", "welcome", "question", "doubt", "dispute", "contest", "challenge"])

# Statements attributed to no one: "X seems to ...", "X is expected to ...", "X reportedly ...".
HEARSAY_VERBS = frozenset(["seem", "appear"])
HEARSAY_PASSIVES = frozenset(["expect", "believe", "think", "say", "report", "rumor", "rumour", "allege", "predict", "estimate"])
HEARSAY_ADVERBS = frozenset(["reportedly", "allegedly", "seemingly", "purportedly", "supposedly"])

# Lemmas the small model gets wrong on cue verbs ("hoping" -> "hop").
LEMMA_FIXES = {"hoping": "hope", "hopes": "hope", "hoped": "hope"}

# Verbs whose subject must be a person or organisation to count (avoid "the move signals that").
NEEDS_AGENT = frozenset({"show", "find", "indicate", "suggest", "signal", "mean"})

PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "she": "female", "her": "female",
    "they": "plural", "them": "plural", "we": "first", "i": "first", "it": "neuter", "you": "second",
}

# Nouns that make a speaker anonymous when no name comes with them.
ANONYMOUS_HEADS = frozenset(["source", "sources", "person", "people", "official", "officials", "aide", "aides", "insider", "insiders", "adviser", "advisers", "advisor", "advisors", "staffer", "staffers", "spokesman", "spokeswoman", "spokesperson", "representative", "representatives", "diplomat", "diplomats", "observer", "observers", "analyst", "analysts", "expert", "experts", "critic", "critics", "supporter", "supporters", "opponent", "opponents", "witness", "witnesses", "resident", "residents", "member", "members", "lawmaker", "lawmakers", "employee", "employees", "executive", "executives", "investigator", "investigators", "someone", "somebody", "one", "others", "many", "some"])
ANONYMOUS_PHRASES = ("familiar with", "with knowledge of", "close to", "briefed on",
                     "not authorized", "on condition of anonymity", "who asked not to be named",
                     "who declined to be named", "speaking on condition", "who spoke on condition")

# Heads of a speaker phrase that name a role, not a person: with an organisation inside
# ("a spokesman for X", "the head of X") the speaker is the role holder, not the organisation.
ROLE_HEADS = frozenset(["official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "diplomat", "diplomats", "representative", "representatives", "staffer", "staffers", "head", "chief", "director", "executive", "executives", "manager", "chairman", "chairwoman", "chair", "president", "secretary", "minister", "commander", "member", "members", "employee", "employees", "lawyer", "lawyers", "attorney", "attorneys", "leader", "leaders", "officer", "officers"])
# Heads of a phrase that stands for a deliberately unnamed person.
UNNAMED_HEADS = frozenset(["source", "sources", "person", "people", "insider", "insiders", "someone", "somebody", "individual", "individuals"])
HONORIFICS = frozenset(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "madam"])
# Content that is the anonymity formula, not a statement ("asked not to be named").
ANONYMITY_WORDS = ("be named", "be identified", "be quoted", "anonymity", "on the record", "speak publicly",
                   "discuss the matter publicly", "speak on the record")

ROLE_WORDS = frozenset(["president", "vice", "senator", "sen.", "rep.", "representative", "governor", "gov.", "mayor", "secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "director", "chairman", "chairwoman", "chair", "ceo", "chief", "head", "leader", "speaker", "attorney", "general", "judge", "justice", "commissioner", "ambassador", "official", "officials", "adviser", "advisor", "aide", "candidate", "nominee", "press", "campaign", "manager", "strategist", "analyst", "professor", "economist", "lawyer", "prosecutor", "sheriff", "officer", "commander", "general", "admiral", "colonel", "lieutenant", "prime", "premier", "chancellor", "king", "queen", "prince", "pope", "rabbi", "reverend", "dr.", "mr.", "mrs.", "ms.", "miss", "deputy", "assistant", "acting", "former", "top", "senior", "junior", "white", "house", "state", "department"])

TITLES = frozenset(["president", "vice", "senator", "sen", "sen.", "rep", "rep.", "representative", "governor", "gov", "gov.", "mayor", "secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "director", "chairman", "chairwoman", "ceo", "chief", "judge", "justice", "commissioner", "ambassador", "adviser", "advisor", "aide", "candidate", "nominee", "professor", "prof", "prof.", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "sir", "dame", "lord", "lady", "general", "gen", "gen.", "admiral", "adm", "col", "col.", "lt", "lt.", "sgt", "sgt.", "capt", "capt.", "pope", "king", "queen", "prince", "princess", "sheikh", "rabbi", "rev", "rev.", "reverend", "first", "lady", "prime", "premier", "chancellor", "attorney", "sheriff", "detective", "officer", "gop", "democrat", "republican", "former", "acting", "deputy", "assistant", "mexican", "american", "u.s.", "white", "house", "the"])

OUTLET_WORDS = frozenset(["news", "times", "post", "journal", "tribune", "herald", "gazette", "telegraph", "guardian", "chronicle", "reuters", "associated", "press", "ap", "afp", "bloomberg", "cnn", "nbc", "abc", "cbs", "fox", "msnbc", "npr", "pbs", "bbc", "politico", "axios", "magazine", "daily", "weekly", "network", "broadcaster", "newspaper", "outlet", "wire", "radio", "television", "tv", "insider", "observer", "examiner", "inquirer", "register", "sun", "mirror", "express", "economist", "atlantic"])
OUTLET_NAMES = frozenset(["reuters", "ap", "afp", "bloomberg", "cnn", "nbc", "abc", "cbs", "fox", "msnbc", "npr", "pbs", "bbc", "politico", "axios", "breitbart", "buzzfeed", "huffpost", "vox", "slate", "salon", "propublica",
                          # titles a reader knows as news outlets, whatever the tagger calls them
                          "time", "newsweek", "the hill", "the atlantic", "the new yorker", "new yorker",
                          "the daily beast", "daily beast", "drudge report", "the drudge report", "c-span", "cnbc",
                          "usa today", "wsj", "al jazeera", "the economist", "mother jones", "national review",
                          "the intercept", "gawker", "tmz", "newsmax", "the blaze", "daily caller",
                          "the daily caller", "xinhua", "yonhap", "kyodo", "dpa", "tass", "ria novosti", "rt",
                          "sputnik", "le monde", "der spiegel", "spiegel", "el pais", "haaretz", "univision",
                          "telemundo", "fortune", "variety", "rolling stone", "vanity fair", "the verge",
                          "techcrunch", "mashable", "sky news", "itv", "the root", "the washington free beacon",
                          "free beacon", "talking points memo"])

DOCUMENT_HEADS = frozenset(["book", "books", "article", "column", "editorial", "memoir", "biography", "op-ed", "essay", "blog", "website", "ad", "advertisement", "video", "documentary", "film", "pitch", "brochure", "manual", "guidelines", "website", "bill", "legislation", "law", "proposal", "plan", "report", "study", "survey", "poll", "data", "analysis", "document", "documents", "memo", "memos", "filing", "filings", "letter", "statement", "statements", "complaint", "indictment", "lawsuit", "ruling", "order", "records", "email", "emails", "transcript", "release", "findings", "research", "paper", "audit", "review", "assessment", "investigation"])

# Last words that make a name a company or body even when the tagger calls it a person.
ORG_NAME_ENDINGS = frozenset(["inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "llc", "ltd", "ltd.",
                              "plc", "gmbh", "ag", "sa", "works", "industries", "holdings", "group", "partners",
                              "associates", "foundation", "institute", "university", "bank", "capital",
                              "systems", "technologies", "labs", "motors", "airlines", "pharmaceuticals"])
ORG_HEADS = frozenset(["administration", "government", "ministry", "department", "agency", "committee", "council", "court", "campaign", "party", "company", "firm", "office", "commission", "board", "police", "military", "army", "union", "group", "coalition", "bank", "foundation", "institute", "university", "congress", "senate", "house", "parliament", "white"])

# Claims: words that mark comparison, causation, hedging and quantities.
COMPARATIVE_WORDS = frozenset(["more", "less", "fewer", "most", "least", "higher", "lower", "larger", "smaller", "bigger", "greater", "increase", "increased", "increases", "decrease", "decreased", "decreases", "doubled", "tripled", "halved", "rise", "rose", "risen", "fall", "fell", "fallen", "drop", "dropped", "grow", "grew", "growth", "decline", "declined", "record", "highest", "lowest", "largest", "smallest", "biggest", "worst", "best", "than", "surge", "surged", "soar", "soared", "plunge", "plunged"])
CAUSAL_WORDS = frozenset(["because", "cause", "caused", "causes", "causing", "due", "result", "resulted", "results", "lead", "led", "leads", "driven", "therefore", "thus", "consequently", "since", "responsible", "blame", "blamed", "effect", "impact"])
HEDGE_WORDS = frozenset(["may", "might", "could", "reportedly", "allegedly", "apparently", "possibly", "perhaps", "likely", "unlikely", "appears", "appear", "seems", "seem", "suggest", "suggests", "unclear"])
# The writer says they don't know: nothing asserted, nothing to check.
HEDGE_PHRASES = ("no telling", "not clear", "remains to be seen", "hard to say", "it is possible")
QUANTITY_WORDS = frozenset(["percent", "per", "cent", "million", "billion", "trillion", "thousand", "hundred", "dozen", "half", "third", "quarter", "majority", "minority", "average", "rate", "dollars", "tax", "taxes", "jobs", "unemployment", "deficit", "debt", "budget"])
SUBJECTIVE_STARTS = ("i think", "i believe", "i feel", "thank you", "let me", "we will",
                     "i want", "good evening", "welcome")

# Gender cues for resolving "he"/"she" to a named speaker.
FEMALE_WORDS = frozenset(["she", "her", "mrs.", "mrs", "ms.", "ms", "miss", "madam", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "woman", "queen", "princess", "lady", "mother", "daughter", "sister", "wife", "grandmother", "actress", "duchess"])
MALE_WORDS = frozenset(["he", "his", "him", "mr.", "mr", "sir", "spokesman", "chairman", "congressman", "businessman", "man", "king", "prince", "lord", "father", "son", "brother", "husband", "grandfather", "actor", "duke"])
FEMALE_NAMES = frozenset(["mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "laura", "sharon", "cynthia", "kathleen", "amy", "angela", "shirley", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "kelly", "christina", "lauren", "joan", "evelyn", "olivia", "judith", "megan", "cheryl", "martha", "andrea", "frances", "hannah", "jacqueline", "ann", "gloria", "jean", "kathryn", "alice", "teresa", "sara", "janice", "doris", "madison", "julia", "grace", "judy", "abigail", "marie", "denise", "beverly", "amber", "theresa", "marilyn", "danielle", "diana", "brittany", "natalie", "sophia", "rose", "isabella", "alexis", "kayla", "charlotte", "hillary", "chelsea", "claudia", "kamala", "nikki", "ivanka", "melania", "michelle", "condoleezza", "sonia", "elena", "ruth", "nancy", "kellyanne", "sarah", "huckabee", "angela", "theresa", "jacinda", "ursula", "christine", "giorgia", "liz", "kristi", "dianne", "elizabeth", "tulsi", "marine", "marjorie", "lauren", "ilhan", "alexandria", "rashida", "ayanna", "katie", "hope", "kirstjen", "betsy",
                          "amy", "angela", "bernadette", "brooke", "callista", "carla", "carly", "carmen", "cathy", "cecilia", "cindy", "claire", "colleen", "connie", "darlene", "debbie", "dina", "dolores", "donna", "dorothy", "edith", "eileen", "elaine", "eleanor", "elise", "ella", "ellen", "erin", "eva", "faith", "fiona", "florence", "frauke", "gail", "gina", "gretchen", "harriet", "hazel", "helen", "hilary", "hillary", "holly", "huma", "ingrid", "irene", "irina", "iris", "jane", "janet", "jenna", "jill", "joan", "joanne", "jodi", "joni", "josephine", "joy", "june", "kara", "karla", "kate", "katharine", "kathy", "katrina", "kayleigh", "kellie", "kelly", "kirsten", "kristen", "kristin", "kristina", "kyrsten", "leah", "lena", "lillian", "lisa", "lola", "loretta", "lori", "lorraine", "louise", "lucy", "lydia", "mabel", "madeleine", "mandy", "marcia", "marcy", "margaret", "margo", "mariana", "marianne", "marine", "marion", "maureen", "maxine", "maya", "mazie", "meg", "melanie", "meredith", "mia", "mimi", "miriam", "molly", "monica", "nadia", "naomi", "natalia", "natasha", "nell", "nicola", "nikki", "nina", "nora", "olga", "ophelia", "pam", "patty", "paula", "peggy", "penny", "phyllis", "priya", "rachael", "rebekah", "rita", "roberta", "rosa", "rosalind", "roseanne", "roxanne", "ruby", "sabrina", "sahra", "sally", "samantha", "serena", "sheila", "shelley", "sheryl", "sonya", "stella", "sue", "susana", "susanna", "susie", "suzanne", "svetlana", "sylvia", "tamara", "tammy", "tanya", "tara", "tatiana", "terri", "tess", "theresa", "tina", "valerie", "vanessa", "vera", "wanda", "wendy", "whitney", "yulia", "yvonne", "zoe"])
MALE_NAMES = frozenset(["james", "robert", "john", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold", "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan", "billy", "joe", "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby", "mason", "philip", "louis", "barack", "bernie", "mike", "mitch", "ted", "marco", "rand", "chris", "jeb", "ben", "newt", "reince", "rudy", "vladimir", "xi", "emmanuel", "boris", "justin", "narendra", "recep", "benjamin", "kim", "jim", "bill", "hunter", "rex", "jared", "steve", "sean", "corey", "paul", "lindsey", "chuck", "kevin", "nancy", "andres", "manuel", "enrique", "joe", "lloyd", "antony", "jake", "tom", "tim", "rick", "ron",
                        # common and public first names beyond the most frequent
                        "abdul", "adam", "ahmed", "alejandro", "alfred", "ali", "andy", "angelo", "antonio", "ashraf", "barney", "bennie", "bob", "bobby", "brad", "bret", "brett", "brit", "carlos", "chad", "chuck", "clarence", "cory", "craig", "dan", "danny", "darrell", "darren", "dean", "derek", "devin", "dick", "dmitry", "don", "doug", "earl", "ed", "eddie", "elliot", "elliott", "enrique", "evo", "ezra", "felipe", "fernando", "francis", "francisco", "francois", "fred", "frederick", "friedrich", "fumio", "gavin", "giuseppe", "glenn", "gordon", "greg", "hamid", "hank", "hans", "harry", "hassan", "heinz", "herbert", "hiroshi", "howard", "hugh", "hugo", "ibrahim", "jacques", "jair", "javier", "jay", "jean-claude", "jeff", "jeremiah", "jerome", "jerrold", "jim", "jimmy", "joel", "johnny", "jon", "jonah", "jorge", "josh", "julian", "jurgen", "karim", "kellan", "ken", "kirk", "klaus", "kurt", "lance", "leon", "leonard", "luigi", "luis", "luke", "mahathir", "mahmoud", "marshall", "martin", "marty", "marvin", "matt", "matteo", "max", "mel", "miguel", "miles", "mitchell", "mitt", "mohammed", "morris", "muhammad", "najib", "nate", "nathaniel", "ned", "neil", "nelson", "newt", "nick", "nicolas", "norman", "oliver", "omar", "orrin", "oscar", "pat", "pedro", "pete", "phil", "pierre", "preston", "quentin", "rahul", "raj", "ralph", "reggie", "rex", "ricardo", "rich", "rob", "rocky", "rodney", "rodrigo", "rudolph", "rupert", "rush", "sam", "sanjay", "santiago", "sebastian", "sergei", "seth", "shane", "shawn", "sherrod", "shinzo", "spencer", "stanley", "steven", "stewart", "stuart", "sylvester", "tad", "ted", "teddy", "todd", "tony", "trent", "trey", "troy", "tucker", "tyrone", "vernon", "victor", "viktor", "wade", "warren", "wesley", "wolfgang", "wyatt", "xavier", "yuri", "zach"])
MALE_NAMES = MALE_NAMES - FEMALE_NAMES

# Verbs whose object or infinitive reports a stance or intention ("cited X", "called for X",
# "plans to X"). The value lists the dependency labels (or "prep:WORD") that carry the content.
OBJECT_CUES: dict[str, tuple[str, ...]] = {
    "cite": ("dobj",), "support": ("dobj",), "oppose": ("dobj",), "criticize": ("dobj",),
    "criticise": ("dobj",), "attack": ("dobj",), "propose": ("dobj", "xcomp"), "reject": ("dobj",),
    "praise": ("dobj",), "urge": ("xcomp",), "promise": ("xcomp", "dobj"), "pledge": ("xcomp",),
    "vow": ("xcomp",), "refuse": ("xcomp",), "decline": ("xcomp",), "agree": ("xcomp",),
    "want": ("xcomp", "ccomp"), "plan": ("xcomp",), "hope": ("xcomp",), "expect": ("xcomp",),
    "seek": ("xcomp",), "demand": ("dobj",), "defend": ("dobj",), "question": ("dobj",),
    "endorse": ("dobj",), "dismiss": ("dobj",), "deny": ("dobj",), "acknowledge": ("dobj",),
    "mention": ("dobj",), "condemn": ("dobj",), "threaten": ("xcomp",), "intend": ("xcomp",),
    "call": ("right",), "rail": ("prep:against",), "warn": ("prep:of", "prep:about", "prep:against"),
    "complain": ("prep:about",), "argue": ("prep:for", "prep:against"), "insist": ("prep:on",),
    "push": ("prep:for",), "press": ("prep:for",), "advocate": ("dobj",), "tout": ("dobj",),
    "blame": ("dobj",), "applaud": ("dobj",), "slam": ("dobj",), "denounce": ("dobj",),
    "decide": ("xcomp",), "aim": ("xcomp",), "fear": ("dobj",),
    "offer": ("dobj",), "discuss": ("dobj",), "back": ("dobj",), "describe": ("dobj",),
    "accuse": ("prep:of", "dobj"), "examine": ("dobj",), "ignore": ("dobj",), "view": ("dobj",),
    "mock": ("dobj",), "reference": ("dobj",), "promote": ("dobj",), "identify": ("dobj",),
    "say": ("dobj",), "tell": ("xcomp", "dobj"), "note": ("dobj",), "report": ("dobj",),
    "announce": ("dobj",), "show": ("dobj",), "respond": ("prep:to",), "speak": ("prep:about", "prep:of", "prep:on"),
    "talk": ("prep:about",), "ask": ("prep:about", "prep:for", "xcomp"), "point": ("prep:to",),
    "highlight": ("dobj",), "embrace": ("dobj",), "welcome": ("dobj",), "recommend": ("dobj", "xcomp"),
    "challenge": ("dobj",), "dispute": ("dobj",), "recall": ("dobj",), "predict": ("dobj",),
    "emphasize": ("dobj",), "stress": ("dobj",), "address": ("dobj",),
    "favor": ("dobj",), "favour": ("dobj",), "vote": ("prep:for", "prep:against"),
    "worry": ("prep:about",), "focus": ("prep:on",), "reveal": ("dobj",), "disclose": ("dobj",),
    "outline": ("dobj",), "confirm": ("dobj",),
    "prefer": ("dobj", "xcomp"), "like": ("xcomp",), "love": ("dobj",),
}

# Nouns whose possessor reports or intends what follows ("Clinton's plan to ...").
NOUN_CUES = frozenset(["plan", "plans", "promise", "pledge", "decision", "agreement", "refusal", "determination", "call", "vow", "threat", "proposal", "claim", "claims", "demand", "commitment", "insistence", "assertion", "argument", "belief", "view", "views", "position", "opposition", "support", "criticism", "warning", "hope", "hopes", "desire", "intention", "assessment", "prediction", "suggestion", "statement", "statements", "comments", "comment", "remarks", "accusation", "allegation", "denial", "admission", "acknowledgment", "acknowledgement", "announcement"])

# Nouns of attitude or speech that make 'voiced concern about X', 'showed little enthusiasm for
# X' a stance on X; with any other object ('found a site for X', 'suggested a meeting on X') the
# verb acts on a thing or an event, and says nothing.
STANCE_NOUNS = NOUN_CUES | frozenset(["concern", "concerns", "enthusiasm", "frustration", "skepticism", "scepticism", "doubt", "doubts", "anger", "outrage", "disappointment", "confidence", "praise", "interest", "sympathy", "objection", "objections", "reservation", "reservations", "question", "questions", "fear", "fears", "worry", "worries", "optimism", "pessimism", "regret", "approval", "disapproval", "appreciation", "gratitude", "condolences", "alarm", "caution", "displeasure", "dissatisfaction", "admiration", "respect", "contempt", "disdain", "distaste", "opinion", "opinions", "stance", "thoughts", "feelings", "sentiment", "misgivings", "qualms", "complaint", "complaints", "grievance", "grievances", "criticisms", "attack", "attacks", "dig", "digs", "jab", "jabs", "swipe", "swipes", "shot", "shots", "case", "argument", "arguments", "remark", "doubts", "hostility", "resentment", "irritation", "annoyance", "unease", "anxiety", "excitement", "surprise", "shock", "dismay", "disgust", "indignation", "fury", "ire", "condemnation", "endorsement", "endorsements", "backing", "opposition", "commitment", "stand", "line", "view", "vision", "solidarity", "allegiance", "loyalty", "faith", "trust", "distrust", "mistrust", "suspicion", "suspicions", "hope", "hopes", "wish", "wishes", "preference", "demand", "demands", "request", "appeal", "plea", "warning", "warnings", "apology", "thanks", "tribute", "credit", "blame"])
