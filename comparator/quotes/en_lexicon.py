"""English cue words: verbs of saying, reporting and stance, with every inflected form.

Two classes, because they take their content differently:
- ``CLAUSE_VERBS`` take a reported clause or a quotation ("said (that) ...", "..., she warned");
- ``OBJECT_VERBS`` take a noun phrase or an infinitive ("criticized the plan", "wants to leave").
The lists come from the usual classes of communication and attitude verbs; they are not tuned to
any corpus.
"""

from __future__ import annotations


def words(s: str) -> set[str]:
    """A word set written as one string, for long lists."""
    return set(s.split())


CLAUSE_LEMMAS = sorted(
    words("""
say tell add note write argue claim announce report warn explain insist state declare suggest
acknowledge admit ask respond reply tweet post confirm deny predict believe think find show recall
mention estimate agree emphasize emphasise stress pledge promise vow know expect hope fear worry
complain contend maintain assert allege concede observe remark quip joke boast brag testify indicate
reveal disclose conclude feel suspect learn hear wonder assure caution counter retort proclaim
signal imply continue charge reason acknowledge lament recount recount predict forecast project
guess reckon doubt understand realize realise notice calculate determine decide
assume consider figure recognize recognise remember imagine suppose speculate hint reaffirm reiterate
clarify demonstrate prove concur theorize theorise posit surmise rule
""")
)

OBJECT_LEMMAS = sorted(
    words("""
cite criticize criticise question praise blast slam attack condemn mock describe defend reject
dismiss want plan support oppose endorse urge demand accuse blame tout discuss characterize
characterise label dub decry denounce dispute challenge welcome applaud favor favour advocate
highlight recommend propose threaten order request seek intend call
love hate admire adore refuse decline pledge promise vow offer protest link tie credit compare liken
brand deride ridicule hail laud commend champion embrace lobby prefer aim dread regret celebrate
mourn rip chide chastise scold rebuke fault contest refute rebut resist lament appreciate envision
voice outline underscore invoke echo downplay overrule vote rate wish deem
""")
)

# Multi-word cues; the first word is inflected.
PHRASAL = {
    "point": ["out", "to"],
    "call": ["for", "on"],
    "talk": ["about"],
    "speak": ["of", "about"],
    "go": ["on"],
    "push": ["for"],
    "make": ["clear"],
}

_IRREGULAR: dict[str, list[str]] = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "think": ["think", "thinks", "thought", "thinking"],
    "find": ["find", "finds", "found", "finding"],
    "show": ["show", "shows", "showed", "shown", "showing"],
    "know": ["know", "knows", "knew", "known", "knowing"],
    "feel": ["feel", "feels", "felt", "feeling"],
    "hear": ["hear", "hears", "heard", "hearing"],
    "learn": ["learn", "learns", "learned", "learnt", "learning"],
    "understand": ["understand", "understands", "understood"],
    "seek": ["seek", "seeks", "sought", "seeking"],
    "speak": ["speak", "speaks", "spoke", "spoken", "speaking"],
    "go": ["go", "goes", "went", "gone", "going"],
    "make": ["make", "makes", "made", "making"],
    "forecast": ["forecast", "forecasts", "forecasted", "forecasting"],
}

_DOUBLE_FINAL = {"admit", "quip", "brag", "plan", "prefer", "regret", "commit", "signal"}


def inflect(lemma: str) -> list[str]:
    """Base, -s, -ed and -ing forms of a regular English verb (irregular ones from a table)."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma in _DOUBLE_FINAL:
        d = lemma + lemma[-1]
        return [lemma, lemma + "s", d + "ed", d + "ing"]
    s = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return [lemma, s, lemma + "ed", lemma + "ing"]


def _forms(lemmas: list[str]) -> dict[str, str]:
    return {form: lemma for lemma in lemmas for form in inflect(lemma)}


CLAUSE_VERBS: dict[str, str] = _forms(CLAUSE_LEMMAS)
CLAUSE_VERBS.pop("ruling")  # "the appeals court ruling could decide …": a noun far more often than a verb
OBJECT_VERBS: dict[str, str] = _forms(OBJECT_LEMMAS)
PHRASAL_FORMS: dict[str, list[str]] = {f: parts for lem, parts in PHRASAL.items() for f in inflect(lem)}
# Phrasal verbs that are cues on their own (their first word is not in the lists above).
PHRASAL_CUES: dict[str, list[str]] = {
    f: PHRASAL[lem] for lem in ("point", "talk", "speak", "push", "make") for f in inflect(lem)
}
PHRASAL_CLAUSE_PARTICLES = {"out", "clear"}

# Cue verbs that are also common nouns (the state, a report, his tweet, a TV show): their base and
# -s forms need a verb context (comparator.quotes.en_tokens.noun_reading).
NOUNISH_LEMMAS = words("""
state report tweet reason question show note decline challenge call claim plan order request support find post fear
hope estimate forecast doubt demand offer protest promise pledge vow credit link tie brand charge comment answer reply
figure record project signal fault praise blast attack counter mention dispute review love regret concern tout mock
study poll rule vote rate wish""")
NOUNISH_FORMS = {f for lemma in NOUNISH_LEMMAS for f in inflect(lemma)[:2]}

# Speech and stance nouns that take a that-clause ("Trump's claim that …", "a Times report that …").
CUE_NOUNS = words("""claim claims assertion argument statement report warning promise pledge belief view insistence
    contention suggestion allegation accusation charge prediction estimate finding conclusion announcement
    admission acknowledgment acknowledgement vow threat hope fear concern complaint remark remarks comment
    comments testimony""")

# Verbs that put the listener right after the cue ("told reporters that ...").
LISTENER_VERBS = {"tell", "assure", "warn", "remind", "urge", "ask", "caution"}

# Verbs that can follow the quotation and precede the speaker ("..., said Mr. Kang").
INVERTIBLE = words("""say add write ask continue note explain reply respond tell report warn argue insist recall
    observe concede declare acknowledge remark quip admit announce tweet wonder boast complain""")

# Cue lemmas whose agentless passive is no attribution ("the mine was added to the list").
NOT_AGENTLESS = {"add", "order", "decline", "call", "tie", "link", "question", "challenge", "plan"}

# Verbs that sign a quotation only as its tag ("“…,” the letter reads"): never cues elsewhere.
TAG_VERBS = {"read", "reads"}

INVERTIBLE_FORMS = {f for lemma in INVERTIBLE for f in inflect(lemma)}

# Words allowed between the speaker and the cue; they join the cue ("has also said").
CUE_MODIFIERS = words("""also later then previously recently again repeatedly once has have had would will could can
    did does do is was were are be been never often privately publicly separately further first last
    already still even just not now almost long jointly together later earlier frequently quickly flatly directly openly initially
    subsequently since always should may might must shall doesn't don't didn't won't can't cannot
    wouldn't couldn't isn't wasn't hasn't haven't doesn’t don’t didn’t won’t can’t wouldn’t
    couldn’t isn’t wasn’t hasn’t haven’t""")

# Lower-case head nouns that can be a source ("officials said", "a study found"); any plural and
# any agent noun (-er, -or, -ist, -ian, -ent) is accepted as well.
SOURCE_NOUNS = words("""report study poll survey spokesman spokeswoman spokesperson official source campaign
    government ministry department administration committee office court ruling statement
    document analysis data audit memo letter website ad video team group agency police party
    senator governor mayor secretary minister chairman chairwoman chair aide adviser advisor
    candidate nominee board council commission panel union company firm bank industry leader head
    chief director executive member manager professor scientist doctor man woman people public
    mother father wife husband son daughter friend witness family neighbor staff judge justice
    prosecutor investigator army military navy country state city administration white house
    article story paper newspaper magazine network review research investigation filing complaint
    lawsuit suit release announcement book column editorial tweet post message email speech
    testimony survey index model forecast estimate analysis coalition alliance organization
    association institute foundation center centre agency bureau service regime cabinet parliament
    congress senate house assembly legislature majority minority side camp crowd audience
    electorate consensus plan bill law rule regulation decision order proposal platform clip
    transcript slide footage recording photo image chart graph table figure evidence average tally
    tracker projection aggregate count numbers results findings polling assessment evaluation
    calculation breakdown sample brief submission spot commercial blog page account feed note
    general admiral colonel captain envoy diplomat attorney counsel deputy delegate analyst expert critic
    advocate scholar veteran victim host ally rival king queen pope cleric jury outlet""")

PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"}

# Words that end a speaker phrase when met walking left from the cue.
SPEAKER_STOPS = words("""that because while when after before if as since although though whether where but so than
    whereas until unless once whom whose what how why said says which who""")

# Leading connectives that are not part of the speaker ("But Kang said").
LEADING_CONNECTIVES = words("""but and yet still however meanwhile instead also now so then indeed later separately
    earlier moreover furthermore thus nevertheless nonetheless even only just""")

# Words that end a reported clause ("..., though she acknowledged ...").
CONTENT_STOPS = (
    ", though ",
    ", although ",
    ", but ",
    ", while ",
    ", adding ",
    ", saying ",
    ", citing ",
    ", arguing ",
    ", noting ",
    ", according to ",
    "; ",
    " — ",
)
