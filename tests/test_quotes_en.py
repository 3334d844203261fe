"""English quotes: (text, expected content, expected resolved speaker). All texts are invented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from comparator.quotes import extract_quotes
from comparator.schema import Article
from tests.quote_support import quote_with

REPO = Path(__file__).resolve().parents[1]

CASES = [
    # direct, speaker after the quotation
    ('"We will keep talking," Kang said.', '"We will keep talking,"', "Kang"),
    ("“The door to dialogue is open,” said Kang Yoo-jung, the presidential spokesperson.",
     "“The door to dialogue is open,”", "Kang Yoo-jung"),
    ("“It is deeply regrettable,” the Foreign Ministry said in a statement.", "“It is deeply regrettable,”",
     "the Foreign Ministry"),
    ('"Is this the end?" Hayashi asked.', '"Is this the end?"', "Hayashi"),
    # direct, speaker before the quotation
    ('Prime Minister Shigeru Ishiba told reporters: "We need better ties."', '"We need better ties."',
     "Shigeru Ishiba"),
    ('Kang Yoo-jung said, "The talks lasted 25 minutes."', '"The talks lasted 25 minutes."', "Kang Yoo-jung"),
    # nested single quotes
    ("“We expect ‘sincere measures’ from Tokyo,” Kang said.", "“We expect ‘sincere measures’ from Tokyo,”", "Kang"),
    # split quotation around the tag
    ('"We protested," Kang said, "and we will protest again."', '"and we will protest again."', "Kang"),
    # indirect: X said (that) ...
    ("Chief Cabinet Secretary Yoshimasa Hayashi said the two sides agreed to meet again.",
     "the two sides agreed to meet again", "Yoshimasa Hayashi"),
    ("Japan's Foreign Ministry said that it had lodged a protest with Seoul.",
     "that it had lodged a protest with Seoul", "Japan's Foreign Ministry"),
    ("Kang Yoo-jung, the presidential spokesperson, told reporters that talks would continue.",
     "that talks would continue", "Kang Yoo-jung"),
    ("The lawmaker warned that the deal could collapse.", "that the deal could collapse", "The lawmaker"),
    # "Secretary of State": the word after the title's "of" is part of the title, not of the name
    ("Secretary of State Martin Hale said the alliance was strong.", "the alliance was strong", "Martin Hale"),
    ("Secretary of State Martin Hale met his counterparts. Hale said the alliance was strong.",
     "the alliance was strong", "Martin Hale"),
    # a description capitalised only because it opens the sentence is not a name
    ("Civic groups representing the victims said they would keep pressing the company.",
     "they would keep pressing the company", "Civic groups representing the victims"),
    # '“…,” and that …' continues the reported speech; it is not a tag naming a speaker
    ("Lim said the islets were \"clearly Korea's territory,\" and that Japan's claims had no effect.",
     "the islets were \"clearly Korea's territory,\" and that Japan's claims had no effect", "Lim"),
    # a listener of several lowercase words before 'that'
    ("Chief Cabinet Secretary Kenta Fujii told a news conference that ties were stable.",
     "that ties were stable", "Kenta Fujii"),
    ("The minister told a press briefing on Tuesday that the talks would resume.",
     "that the talks would resume", "The minister"),
    # indirect, speaker after the content
    ("The summit lasted about 25 minutes, officials said.", "The summit lasted about 25 minutes", "officials"),
    ("The missile fell outside Japan's exclusive economic zone, the Defense Ministry said on Tuesday.",
     "The missile fell outside Japan's exclusive economic zone", "the Defense Ministry"),
    # according to
    ("According to the Foreign Ministry, no Japanese nationals were hurt.", "no Japanese nationals were hurt",
     "the Foreign Ministry"),
    ("The talks will resume next month, according to Yonhap.", "The talks will resume next month", "Yonhap"),
    # back-references within the article
    ('Kang Yoo-jung, the presidential spokesperson, spoke on Monday. "We will not give up," Kang added.',
     '"We will not give up,"', "Kang Yoo-jung"),
    ("Japan's Foreign Ministry said it regretted the decision. The ministry said it had lodged a protest.",
     "it had lodged a protest", "Japan's Foreign Ministry"),
    ('Chief Cabinet Secretary Yoshimasa Hayashi said ties were improving. "We hope for progress," he said.',
     '"We hope for progress,"', "Yoshimasa Hayashi"),
    ('Prime Minister Shigeru Ishiba said the summit went well. "Dialogue matters," Ishiba said.',
     '"Dialogue matters,"', "Shigeru Ishiba"),
    # negatives: titles, scare quotes, nouns that look like cue verbs
    ("The talks made no progress on the islets, which Japan calls Takeshima.", None, None),
    ("Seoul calls the islets Dokdo.", None, None),
    ('Kang called the decision "deeply regrettable."', 'the decision "deeply regrettable."', "Kang"),
    ('The film "Parasite" drew large crowds in Tokyo.', None, None),
    ("The so-called “bold vision” drew little interest in Seoul.", None, None),
    ("The report was published on Monday.", None, None),
    ("The United States and Japan held talks.", None, None),
    ("Officials met for 25 minutes.", None, None),
    # nouns and participles that look like cues: no one speaks here
    ("The neighbours marked the anniversary last year, but disputes over history and a pair of islets "
     "controlled by Seoul and claimed by Tokyo continue to strain relations.", None, None),
    ("Rising prices continue to weigh on households.", None, None),
    ("The ministry's statement did not mention the wartime labour issue.", None, None),
    ("Of 42 textbooks that mention the islets, 40 describe them as Japanese territory.", None, None),
    # a participle after a comma: the main clause's subject speaks, whatever its verb
    ("The Harbor City council filed a motion on Monday, arguing that the zoning plan was unlawful.",
     "that the zoning plan was unlawful", "The Harbor City council"),
    ("The council voted to delay the project, going on to say that the budget was too tight.",
     "that the budget was too tight", "The council"),
    # a coordinated cue: the subject of the first verb speaks, irregular pasts included
    ("Kang met reporters on Monday and said the talks had been useful.", "the talks had been useful", "Kang"),
    # ... unless it closes a relative clause with a subject of its own
    ("Seoul wants the plaque to name the mines, which Tokyo has refused to accept, maintaining that the "
     "matter was closed in 1965.", "that the matter was closed in 1965", "Tokyo"),
    ("The union rejected the offer, which was tabled on Friday, arguing that it cut overtime pay.",
     "that it cut overtime pay", "The union"),
    # infinitive and phrasal cues
    ("Mayor Ito appeared to suggest that the bridge would reopen in May.", "that the bridge would reopen in May",
     "Ito"),
    ("Kim Soo-ah, an analyst at Hanseo Securities, pointed out that the figures dated from 2019.",
     "that the figures dated from 2019", "Kim Soo-ah"),
    ("Ham made it clear he had misgivings about the plan.", "he had misgivings about the plan", "Ham"),
    ("Obama spoke emotionally of his flights across the Mall.", "his flights across the Mall", "Obama"),
    ("The general said the drills would go on.", "the drills would go on", "The general"),
    # the cue word in another sense: a particle, 'prove' without a that-clause, a noun after a name
    ("She recently called in to a radio show about the strike.", None, None),
    ("The witness failed to show up at the hearing.", None, None),
    ("He was jailed for refusing to testify about the server.", None, None),  # a gerund after 'for'
    ("Dean began by saying that the tweet was a mistake.", "that the tweet was a mistake", "Dean"),
    ("The plan may prove to be costly for the port.", None, None),
    ("The agency drafted a set of Clean Air Act rules that could close old plants.", None, None),
    # an impression with no one holding it: no source; with a cue after 'to', the subject speaks
    ("The lack of enthusiasm seems to be a real issue for the campaign.",
     "The lack of enthusiasm seems to be a real issue for the campaign", None),
    ("Anderson seemed to think the outreach was phony.", "the outreach was phony", "Anderson"),
    # title-case headlines
    ("Retired Admiral Says Navy Needs More Ships", "Navy Needs More Ships", "Retired Admiral"),
    ("Ferry Delays Anger Commuters, Port Authority Says", "Ferry Delays Anger Commuters", "Port Authority"),
    # a show's name in quotation marks is no quotation
    ('On this week\'s episode of "Morning Table," Governor Lee said the budget would pass.',
     "the budget would pass", "Lee"),
    ('Viewers of "Morning Table" doubled last year.', None, None),
    # a sentence ending in a colon introduces the quotation after it
    ('The mayor made the following statement:\n\n"We will rebuild the pier before winter."',
     '"We will rebuild the pier before winter."', "The mayor"),
    # speaker phrases: a source noun that is also a verb form, description then name, a quantity
    ("The report says the company holds most of its cash abroad.", "the company holds most of its cash abroad",
     "The report"),
    ("Another analyst, Maria Okafor, dismissed the plan as too costly.", "the plan as too costly", "Maria Okafor"),
    ("Kang praised the deal, while 73 percent said the deal was unfair.", "the deal was unfair", "73 percent"),
    ('"The effect is small," wrote Dana Cole for the Ledger.', '"The effect is small,"', "Dana Cole"),
    ("“The vote is close,” the letter reads.", "“The vote is close,”", "the letter"),
    # coordinated attributions end the first content; an object ends before a relative clause
    ("Democrats want more spending on schools, and Republicans want lower taxes.", "more spending on schools",
     "Democrats"),
    ("Democrats want more spending on schools, and Republicans want lower taxes.", "lower taxes", "Republicans"),
    ("The governor condemned the strike, which closed the port for a week.", "the strike", "The governor"),
    # a restrictive relative clause and a noun used as a modifier stay in the speaker phrase
    ("A 2019 study that appeared in the Harbor Medical Journal found that the pills did nothing.",
     "that the pills did nothing", "A 2019 study that appeared in the Harbor Medical Journal"),
    ("Some state officials praised the deal.", "the deal", "Some state officials"),
    ("A Harbor Daily poll released in late August found that most voters backed the plan.",
     "that most voters backed the plan", "A Harbor Daily poll"),
    # a signed paragraph is quoted whole, even with a mistyped mark inside
    ("“We need jobs. As my father said, ‘work hard.” That is all.” ― Ana Ruiz",
     "“We need jobs. As my father said, ‘work hard.” That is all.”", "Ana Ruiz"),
    # a passive with its agent: the agent is the source, the subject the content
    ("The zoning plan was rejected by the city council on Monday.", "The zoning plan", "the city council"),
    ("The zoning plan was rejected on Monday.", "The zoning plan", None),  # PolNeAR: no source
    # … but an attribution with a source wins the words, and a passive of 'add' is no attribution
    ("Pyongyang is estimated to hold 50 warheads, according to the report.",
     "Pyongyang is estimated to hold 50 warheads", "the report"),
    ("The pier was added to the heritage list in 2015.", None, None),
    # "some" as a pronoun; a verb with its that-clause after a name; a question put to the speaker
    ("Some believe the ferry subsidy is misplaced.", "the ferry subsidy is misplaced", "Some"),
    ("Asked about the missing sailors, Reyes said the search would go on.", "the missing sailors", None),
    ("When asked whether the port would reopen, Aoki said it was too early to tell.",
     "whether the port would reopen", None),
    # a reported clause inside a relative or a fronted phrase ends where the main clause resumes
    ("Ms. Lim, who believed that a vote would fail, told her staff to wait.", "that a vote would fail", "Ms. Lim"),
    # participles: after a quotation closed by its comma, after an irregular past, with a listener
    ('Aoki said: "The pier is safe," adding that divers had checked every pile.',
     "that divers had checked every pile", "Aoki"),
    ("The mayor spoke for an hour, telling reporters that the port would reopen.", "that the port would reopen",
     "The mayor"),
    # a hyphenated head noun ('ex-wife') can be a coordinated cue's subject
    ("His ex-wife agreed, but also argued that the files should stay sealed.", "that the files should stay sealed",
     "His ex-wife"),
    # 'expressed <attitude> about/that …' and 'as X put it, …'
    ("Dock workers have expressed concern that the new fares could empty the ferries.",
     "that the new fares could empty the ferries", "Dock workers"),
    ("Kelton officials expressed outrage over the crab quota cut.", "the crab quota cut", "Kelton officials"),
    ("Reyes expressed his support.", None, None),
    ("As Mina Aoki, a harbor pilot, put it, the pier is the town's front door.",
     "the pier is the town's front door", "Mina Aoki"),
    ("The ferry was, as the Kelton Daily put it in an editorial, “a floating scandal.”",
     "“a floating scandal.”", "the Kelton Daily"),
    # a new main clause after a subordinate one, or after a quotation closed by its comma
    ("While she conceded the fares were high, Ruiz also noted the ferries were full.", "the ferries were full", "Ruiz"),
    ('Most riders called the ferry "too slow," while 40 percent said the same of the bus.', "the same of the bus",
     "40 percent"),
    # headlines: "X on Topic: …" and "A lesson from X: …"
    ("Reyes on Ferry Fares: Kelton Cannot Wait", "Kelton Cannot Wait", "Reyes"),
    ("A warning from Mina Aoki: the pier will not last", "the pier will not last", "Mina Aoki"),
    # "it was unclear whether …": an attribution with no source, as PolNeAR annotates it
    ("It was unclear whether the ferry would run on Sunday.", "whether the ferry would run on Sunday", None),
    ("Nor is it clear that the new fares will cover the cost.", "that the new fares will cover the cost", None),
    ("The sky was clear over Kelton that night.", None, None),
    # a fronted participle: its speaker is the main clause's subject after the comma
    ("Saying the pier was safe, the mayor reopened it on Friday.", "the pier was safe", "the mayor"),
    ("After warning that the pier was unsafe, Aoki closed it.", "that the pier was unsafe", "Aoki"),
    # "As X noted, …": the main clause is what was said; "As" is no part of X's name
    ("Carla Ruiz met reporters. As Ruiz noted, the ferry talks lasted 25 minutes.",
     "the ferry talks lasted 25 minutes", "Carla Ruiz"),
    ("Reyes described the talks as tense, and said the ferry deal might collapse.",
     "the ferry deal might collapse", "Reyes"),
    ("Writing for a panel that agreed Aoki had won, Carla Ruiz noted that his tone mattered.",
     "that his tone mattered", "Carla Ruiz"),
]  # fmt: skip


def _quotes(text: str):
    return extract_quotes(Article(id="en1", text=text, lang="en"))


@pytest.mark.parametrize(("text", "content", "speaker"), CASES)
def test_english_quote(text: str, content: str | None, speaker: str | None) -> None:
    quotes = _quotes(text)
    if content is None:
        assert [q.text for q in quotes] == []
        return
    q = quote_with(quotes, content)
    assert q.speaker == speaker


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Both Mr. Kim and Mr. Park say the talks stalled.", "Mr. Kim and Mr. Park"),
        ("The agency published its review, with experts offering advice on the port.", "experts"),
        # a cue form after a determiner is a noun ('the report says'), also after ''…'' quotation marks
        ("''Splitting a subsidiary is simple,'' the report says.", "the report"),
        # the name and its first description, not a second one
        (
            '"The pier is unsafe," Mina Aoki, the harbor master of Kelton, one of the towns suing the port, said.',
            "Mina Aoki, the harbor master of Kelton,",
        ),
        # a sentence-opening 'that' is a determiner; a plural possessive apostrophe is inside the name
        ("But that veteran moderator also underscored a weakness.", "that veteran moderator"),
        (
            "A complaint to the Harbor Pilots’ Board says the pier is unsafe.",
            "A complaint to the Harbor Pilots’ Board",
        ),
        # a verb that takes the cue as a gerund is no part of the speaker
        ("Reyes avoids condemning the crab quota cut.", "Reyes"),
        # a subject relative with an irregular past stays with its head, not the relative's verb
        (
            "One of the divers who sent the letter called the pier a hazard.",
            "One of the divers who sent the letter",
        ),
        # a verb with its that-clause after a name ("Survey show that"), not the noun "show"
        (
            "Figures from the Harbor Workforce Survey show that half of the divers are over 50.",
            "Figures from the Harbor Workforce Survey",
        ),
    ],
)
def test_speaker_mention_span(text: str, mention: str) -> None:
    """The speaker span as PolNeAR cuts it: no leading 'Both', no preposition of an absolute clause."""
    got = [text[q.speaker_start : q.speaker_end] for q in _quotes(text) if q.speaker_start is not None]
    assert mention in got, got


def test_interview_transcript() -> None:
    """'NAME: …' paragraphs: each is the labelled speaker's, and so is an unlabelled paragraph before
    the next label; a stage direction and what follows the last label are not."""
    text = (
        "HOST: Welcome back. Let us talk about the port.\n\n"
        "OKAFOR: Thank you. The port will reopen in May.\n\n"
        "We are hiring divers.\n\n(CROSSTALK.)\n\n"
        "HOST: Thank you.\n\n"
        "Follow the show online."
    )
    got = [(q.text, q.speaker, q.cue) for q in _quotes(text)]
    assert got == [
        ("Welcome back. Let us talk about the port.", "HOST", ":"),
        ("Thank you. The port will reopen in May.", "OKAFOR", ":"),
        ("We are hiring divers.", "OKAFOR", ":"),
        ("Thank you.", "HOST", ":"),
    ]


def test_one_label_is_no_transcript() -> None:
    """A lone label (an editor's NOTE does not count) does not make the paragraphs after it speech."""
    text = "WARNING: The pier is closed until May.\n\nRepairs began on Monday.\n\nNOTE: Schools stay open."
    assert not [q for q in _quotes(text) if "Repairs" in q.text]


def test_spans_and_fields() -> None:
    text = "“The door is open,” said Kang Yoo-jung, the presidential spokesperson."
    (q,) = _quotes(text)
    assert text[q.start : q.end] == q.text and q.kind == "direct"
    assert q.cue == "said" and text[q.cue_start : q.cue_end] == "said"
    assert text[q.speaker_start : q.speaker_end] == "Kang Yoo-jung, the presidential spokesperson"
    assert q.speaker_role == "spokesperson"
    assert q.speaker_key == "kang yujung"


def test_other_languages_give_no_quotes() -> None:
    assert extract_quotes(Article(id="x", text='Er sagte: "Nein."', lang="de")) == []


BASELINE = Path(__file__).with_name("eval_baseline.json")
TOLERANCE = 0.5  # points; the rules are deterministic, so this only absorbs segmenter changes


@pytest.mark.slow
@pytest.mark.shared_data
def test_polnear_scores_hold(shared_data: Path) -> None:
    """Quality gate: PolNeAR dev scores must not drop below the stored minimum (minus a tolerance)."""
    data = shared_data / "polnear_quote_attribution_en_dev" / "upstream" / "dev"
    if not data.is_dir():
        pytest.skip(f"PolNeAR dev split not present at {data}")
    out = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "eval_quotes.py"), "--data", str(data)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    scores = json.loads(out.stdout)
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["quotes"]
    for metric in ("content_overlap_f1", "source_exact_f1"):
        assert scores[metric] >= floor[metric] - TOLERANCE, (metric, scores[metric], floor[metric])


# A bare title is its most recent named holder (of the country the mention names, if any); a
# surname is the fuller name written before, titles dropped; a partial quotation inside reported
# speech is direct, a quoted term is not. (text, content contains, speaker, kind)
HOLDER_CASES = [
    ('Prime Minister Hana Kimura arrived in Manila on Tuesday. "We are here to listen," the prime minister said.',
     "here to listen", "Hana Kimura", "direct"),
    ("South Korean President Park Ji-hoon met Japanese Prime Minister Taro Ito in Busan. "
     '"Trust takes time," the Japanese prime minister said.', "Trust takes time", "Taro Ito", "direct"),
    ("South Korean President Park Ji-hoon met Japanese Prime Minister Taro Ito in Busan. "
     "The president said the meeting had been useful.", "useful", "Park Ji-hoon", "indirect"),
    ('Trade Minister Ken Aoki opened the forum. "Supply chains need partners," Aoki said.', "Supply chains",
     "Ken Aoki", "direct"),
    ("Carla Ruiz, the foreign minister, flew to Lima on Monday. The minister said talks would resume.",
     "talks would resume", "Carla Ruiz", "indirect"),
    ('"Nothing is decided," the spokesperson said.', "Nothing is decided", "the spokesperson", "direct"),
    ('Ruiz said the talks were "moving in the right direction."', "right direction", "Ruiz", "direct"),
    ('The ministry said both sides agreed to expand "green corridors" next year.', "green corridors",
     "The ministry", "indirect"),
    # speech nouns with their owner: "X's claim that …", "a … report that …"
    ("Critics seized on Mayor Ito’s claim that the port would reopen in May.", "port would reopen", "Ito",
     "indirect"),
    ("Traders shrugged off a Harbor Times report that the talks had collapsed.", "talks had collapsed",
     "a Harbor Times", "indirect"),
    # a numbered plural before a noun-like verb form is a noun: no quote
    ("Eighteen states joined the suit on Monday.", None, None, None),
    # -ing nouns with no auxiliary: a hearing, a byline's reporting
    ("Aoki appeared at a 2014 Senate hearing for his role in the pier deal.", None, None, None),
    ("Additional reporting by Jo Park in Kelton.", None, None, None),
    # cue verbs in a sense that reports nothing; labels before a colon
    ("The council called an emergency meeting on the ferry strike.", None, None, None),
    ("Ten judges will hear the case in March.", None, None, None),
    ("Many residents feel stung by the ferry fares.", None, None, None),
    ("Reyes assumed his post in May.", None, None, None),
    ("Ferry traffic has declined sharply since May.", None, None, None),
    ("Jo Park reported from Kelton.", None, None, None),
    ("Writing for the Kelton Daily, Park covered the strike.", None, None, None),
    ("Source: Kelton Port Authority", None, None, None),
    ("Having said that, the ferry will run on Sunday.", None, None, None),
    ("Fares rose 4 percent, compared with 2 percent a year earlier.", None, None, None),
    ("The launch, which state media praised, drew protests in Kelton.", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "contains", "speaker", "kind"), HOLDER_CASES)
def test_english_holders_and_kinds(
    text: str, contains: str | None, speaker: str | None, kind: str | None
) -> None:
    if contains is None:
        assert _quotes(text) == []
        return
    match = [q for q in _quotes(text) if contains in q.text]
    assert match, f"no quote with {contains!r} in {[q.text for q in _quotes(text)]}"
    assert (match[0].speaker, match[0].kind) == (speaker, kind)


# A request with a noun object is an attribution in PolNeAR ("veterans ask for help": cue "ask",
# content "for help"; "call for" + noun phrase 28 times in the dev split), so it stays one; but its
# noun phrase ends before a coordinated clause with its own subject, and a closing "according to X"
# owns the whole sentence, the request nested inside it. (text, [(content, speaker mention)])
REQUEST_CASES = [
    ("Prime Minister Hiro Sato asked for Manila's understanding and Reyes left the room early.",
     [("for Manila's understanding", "Prime Minister Hiro Sato")]),
    ("Sato asked for Manila's patience on the fishing dispute, and Reyes changed the subject.",
     [("for Manila's patience on the fishing dispute", "Sato")]),
    ("Sato asked for Manila's understanding and cooperation on the missing sailors, and Reyes expressed "
     "his support, according to the Foreign Ministry.",
     [("Sato asked for Manila's understanding and cooperation on the missing sailors, and Reyes expressed "
       "his support", "the Foreign Ministry")]),
    ("Dock workers asked for overtime pay, according to the union.",
     [("Dock workers asked for overtime pay", "the union")]),
    ("The council voted for the ferry plan and the mayor signed it on Friday.", [("for the ferry plan", "The council")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), REQUEST_CASES)
def test_requests_with_a_noun_object(text: str, expected: list[tuple[str, str]]) -> None:
    got = [
        (q.text, text[q.speaker_start : q.speaker_end]) for q in _quotes(text) if q.speaker_start is not None
    ]
    assert got == expected


# A cue inside a relative clause (reduced, or with which/that) whose object is the clause's head
# noun reports that noun, not the main clause after it: PolNeAR marks the head ('the one that …'
# -> 'The best one', 'which …' -> 'which'). (text, [(content, speaker mention)])
RELATIVE_CUE_CASES = [
    ("Under a scheme Manila announced in 2021, a public fund pays the divers' claims.",
     [("a scheme", "Manila")]),
    ("The quota, which the council announced in March, cuts the crab catch by a third.",
     [("which", "the council")]),
    ("The ferry operator dropped the timetable that the mayor proposed last week, citing costs.",
     [("that", "the mayor")]),
    ("Under the rules Kelton proposed on Monday, boats must dock before dusk.",
     [("the rules", "Kelton")]),
    # the cue keeps its own object or clause: an ordinary attribution
    ("In the statement Manila said on Monday that talks would resume.",
     [("that talks would resume", "Manila")]),
    ("The council rejected the plan the mayor announced on Friday.",
     [("the plan the mayor announced on Friday", "The council")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), RELATIVE_CUE_CASES)
def test_a_cue_in_a_relative_clause_reports_its_head(text: str, expected: list[tuple[str, str]]) -> None:
    got = [
        (q.text, text[q.speaker_start : q.speaker_end]) for q in _quotes(text) if q.speaker_start is not None
    ]
    assert got == expected


# Found reading the sample corpus's quotes: a wire dateline is no content, a channel phrase before
# 'that' is no content, a thousands comma does not split a subject, a coordinated bare verb inside
# a that-clause is not the main subject's, and an infinitive object is no relative gap.
# (text, [(content, speaker mention or None)])
SAMPLE_QA_CASES = [
    ("MANILA, April 2 (PNW) - The two ministers agreed to resume ferry talks, officials said.",
     [("The two ministers agreed to resume ferry talks", "officials")]),
    ("KELTON — Port traffic rose 9 percent in May, harbour data showed.",
     [("Port traffic rose 9 percent in May", "harbour data")]),
    ("US - Philippine drills will resume, the ministry said.",
     [("US - Philippine drills will resume", "the ministry")]),
    ("The Harbor Board said in a statement that the pier would reopen in June.",
     [("that the pier would reopen in June", "The Harbor Board")]),
    ("Mayor Reyes said in her address that the divers had waited long enough.",
     [("that the divers had waited long enough", "Mayor Reyes")]),
    ("Around 2,300 divers are estimated to have worked at the pier.",
     [("Around 2,300 divers", None)]),
    ("Manila consented to the listing on condition that Kelton hold a yearly service and explain the pier's history.",
     []),
    ('Manila has called for the word "forced" to be used, which Kelton has declined to do, maintaining that the '
     "matter was settled in 1998.",
     [('the word "forced" to be used', "Manila"), ("to do", "Kelton"),
      ("that the matter was settled in 1998", "Kelton")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SAMPLE_QA_CASES)
def test_sample_qa_shapes(text: str, expected: list[tuple[str, str | None]]) -> None:
    got = [
        (q.text, text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None)
        for q in _quotes(text)
    ]
    assert got == expected


# A quotation that ends a clause it is part of, signed after ('…, X said.'): the content is the
# whole clause, and an attribution inside it nests in the closing one (PolNeAR marks one
# attribution there, to the closing source), so no two quotes split one sentence between two
# speakers. A quotation that opens its clause stays as it was.
# (text, [(content, speaker mention or None)], kind of the first quote)
CLOSING_NESTED_CASES = [
    ('Reyes assured Kelton that Manila\'s pledge to keep the strait open was "unshakeable," the '
     "Foreign Office said.",
     [('Reyes assured Kelton that Manila\'s pledge to keep the strait open was "unshakeable,"',
       "the Foreign Office")], "direct"),
    ('The ferry timetable is "a mess," the union said.', [('The ferry timetable is "a mess,"', "the union")], "direct"),
    ('The pier "will reopen in June," said Mayor Reyes. "We owe the divers that."',
     [('The pier "will reopen in June,"', "Mayor Reyes"), ('"We owe the divers that."', "Mayor Reyes")], "direct"),
    ('"The pier will reopen in June," Reyes said.', [('"The pier will reopen in June,"', "Reyes")], "direct"),
    ('Reyes said: "The pier will reopen," the ministry said.', [('"The pier will reopen,"', "the ministry")],
     "direct"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "kind"), CLOSING_NESTED_CASES)
def test_a_closing_attribution_owns_a_clause_with_a_quotation(
    text: str, expected: list[tuple[str, str | None]], kind: str
) -> None:
    quotes = _quotes(text)
    got = [
        (q.text, text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None)
        for q in quotes
    ]
    assert got == expected
    assert quotes[0].kind == kind


# Fourth round: a that-clause opened by an adverbial ('said that, if …,') is reported ('Having
# said that,' stays a discourse marker); an auxiliary before a coordinated cue ('…, and has called
# for …') ends the first content; 'maintain' / 'assume' + that-clause are cues ('assumed her post'
# is not); 'that' before a lowercase noun is a determiner ('rejected that argument').
# (text, [(content, speaker mention)])
FOURTH_ROUND_CASES = [
    ("The mayor said that, if reelected, she would keep the ferry running.",
     [("that, if reelected, she would keep the ferry running", "The mayor")]),
    ("Having said that, the council kept the plan.", []),
    ("Reyes has praised the divers, and has called for a yearly memorial service.",
     [("the divers", "Reyes"), ("a yearly memorial service", "Reyes")]),
    ("Harbor officials maintain that the pier is safe.", [("that the pier is safe", "Harbor officials")]),
    ("Most residents assumed that the ferry would run all winter.",
     [("that the ferry would run all winter", "Most residents")]),
    ("She assumed her post in May.", []),
    ("The judge rejected that argument in a brief ruling.", [("that argument in a brief ruling", "The judge")]),
    ("The council opposed that he be named.", []),
    # a sentence-initial 'In' + poll frames the clause after it; the poll is the source
    ("In the latest Harbor Times poll, conducted in early May, Reyes led Kelton by 5 points.",
     [("Reyes led Kelton by 5 points", "the latest Harbor Times poll, conducted in early May,")]),
    ("In this poll, Reyes rose 1 point since the debate.", [("Reyes rose 1 point since the debate", "this poll")]),
    ("In the poll, 52 percent said the ferry was late.", [("the ferry was late", "52 percent")]),
    ("In May, the harbor poll was released.", []),
    # a noun-like cue form right before a finite cue is the subject's head noun
    ("The Harbor Times report said the ferry was late.", [("the ferry was late", "The Harbor Times report")]),
    ("Officials report the ferry was late.", [("the ferry was late", "Officials")]),
    # 'found a way' / 'found in <place>' is no finding; a that-clause after 'found in …' still is
    ("They found a way through the old harbor law.", []),
    ("Firms have found ways to cut the ferry tax.", []),
    ("Researchers found in a 2014 study that the pier was unsafe.",
     [("in a 2014 study that the pier was unsafe", "Researchers")]),
    # 'continue in <place>' reports nothing; a quotation tag 'she continued' still does
    ("Ferry delays continue in the north as the strike drags on.", []),
    ('"We will rebuild," she continued.', [('"We will rebuild,"', "she")]),
    # ', with X showing …' ends the content before it and is an attribution of its own
    ("Polling averages show Reyes with a lead, with HarborPolls showing her ahead 3 points.",
     [("Reyes with a lead", "Polling averages"), ("her ahead 3 points", "HarborPolls")]),
    # a plural noun form after a number is part of the speaker phrase, not a verb ('states')
    ("Twenty-seven states led by Kelton and two shipping groups are challenging the ferry rule.",
     [("the ferry rule", "Twenty-seven states led by Kelton and two shipping groups")]),
    # a coordinated raising cue: '… and seemed to think …' is the first subject's second attribution
    ("Anderson largely agreed with Reyes and seemed to think the outreach to voters was phony.",
     [("with Reyes", "Anderson"), ("the outreach to voters was phony", "Anderson")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FOURTH_ROUND_CASES)
def test_fourth_round_shapes(text: str, expected: list[tuple[str, str]]) -> None:
    got = [
        (q.text, text[q.speaker_start : q.speaker_end]) for q in _quotes(text) if q.speaker_start is not None
    ]
    assert got == expected


# QA9 Q2/Q6: a ministry name holding a comma is the speaker; after "said on Wednesday," a new
# phrase is not the ministry's content.
EN_QA9_CASES = [
    ("Japan's Ministry of Economy, Trade and Industry said on Tuesday that resin exports will need licences.",
     "Japan's Ministry of Economy, Trade and Industry", "body:jp-meti", "that resin exports will need licences"),
    ("The Ministry of Trade, Industry and Energy said it would hold talks with exporters.",
     "The Ministry of Trade, Industry and Energy", "body:kr-motie", "it would hold talks with exporters"),
    ("South Korea's trade ministry said it would file a complaint with the WTO.",
     "South Korea's trade ministry", "body:kr-motie", "it would file a complaint with the WTO"),
    ("Resin exports to Vietnam will need licences from March 3, the trade ministry said on Wednesday, "
     "in a move Hanoi denounced as unfair.",
     "the trade ministry", "body:trade-ministry", "Resin exports to Vietnam will need licences from March 3"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker", "key", "content"), EN_QA9_CASES)
def test_english_qa9_ministries_and_trailing_time(text: str, speaker: str, key: str, content: str) -> None:
    quotes = extract_quotes(Article(id="en1", text=text, lang="en"))
    match = [q for q in quotes if q.speaker == speaker]
    assert match, f"no quote by {speaker!r} in {[(q.speaker, q.text) for q in quotes]}"
    assert (match[0].speaker_key, match[0].text) == (key, content)
