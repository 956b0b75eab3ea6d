"""Find quotations in a parsed document: direct quotes, indirect speech, their cue verb and speaker.

``find_quotes(doc)`` is a pure function of a spaCy ``Doc``; it knows nothing about actors.  It
returns ``QuoteSpan``s whose ``speaker_token`` is the head token of the speaker's noun phrase
("he", "minister", "Lavrov"); the actor stage turns that token into an actor.

Direct quotes
    Double quotation marks, curly (“ ”, „, « ») or straight ("), paired within a paragraph (a
    line).  A paragraph left open continues when the next paragraph opens with a quote mark
    (newspaper style for long quotes); otherwise the unclosed mark is dropped.  A pair is a
    quotation (not scare quotes around a phrase) when the quoted text ends in punctuation, opens
    a sentence or follows a colon, or is at least ``MIN_BARE_WORDS`` words long.
Attribution of a direct quote, first rule that applies:
    ``after``     a verb of saying after the closing mark in the same sentence: “A,” he said /
                  “A,” said Lavrov / “A,” the Russian minister pointed out.  Not used when the
                  quoted text ends in a full stop (“A.” He said ... starts a new sentence).
    ``before``    a verb of saying shortly before the opening mark in its sentence, or in the
                  previous sentence when that ends in a colon: Lavrov said: “A.”
    ``continued`` no cue of its own, and an attributed quote earlier in the same paragraph:
                  “A,” he said. “B.”  B inherits the cue and speaker.
    ``previous``  no cue, nothing to continue: the subject of the previous sentence's main verb
                  when it is a name, a pronoun or a named entity: On his part, X expressed
                  gratitude ... “B.”  (cue_token is None unless that verb is a verb of saying.)
Indirect speech
    A verb of saying with a clausal complement (X said (that) ..., ..., he said; "saying ..."
    takes the subject of the verb it modifies), and "according to X, ...".  Clauses lying inside
    a direct quote are left to the direct quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.nlp.sentcache import doc_text
from accord.nlp.speechcues import SpeechCues, load_speech_cues
from accord.nlp.tokentable import LEMMA, LOWER, positions

OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT_MARKS = '"'
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT_MARKS
#: A bare quoted phrase with no end punctuation needs this many words to count as a quotation.
MIN_BARE_WORDS = 6
#: At most this many tokens between a cue verb and the opening mark it introduces.
MAX_CUE_GAP = 6
#: Dependency labels of a speaker (subject of the cue verb).
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Labels by which a participle or coordinated verb hangs off the verb whose subject it shares.
SHARED_SUBJECT_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: characters and tokens of the quoted text (marks excluded, end exclusive)."""

    start_char: int
    end_char: int
    token_start: int
    token_end: int
    kind: str  # "direct" or "indirect"
    cue_token: int | None  # the verb of saying ("said", "pointed"), or "according"
    speaker_token: int | None  # head token of the speaker noun phrase
    rule: str = ""  # which attribution rule decided: after, before, continued, previous, ...


@dataclass(frozen=True)
class _Marked:
    """A pair of quote marks found in the text: content characters [start, end)."""

    start: int
    end: int
    open_mark: int
    close_mark: int


# -- direct quotes: pairing marks --------------------------------------------------------------

def _next_paragraph_start(text: str, i: int) -> int:
    """Index of the first non-space character after position i (a newline)."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def _is_opening_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


_SPECIAL = re.compile("[\n" + re.escape(ALL_MARKS) + "]")


def _pair_marks(text: str) -> list[_Marked]:
    """Pair opening and closing double quotes; continue quotes across paragraphs (see module)."""
    found: list[_Marked] = []
    open_at: int | None = None
    i, n = 0, len(text)
    while i < n:
        special = _SPECIAL.search(text, i)  # jump over plain text: only these matter
        if special is None:
            break
        i = special.start()
        c = text[i]
        if c == "\n":
            if open_at is not None:
                nxt = _next_paragraph_start(text, i)
                if nxt < n and (text[nxt] in OPEN_MARKS or
                                (text[nxt] in STRAIGHT_MARKS and _is_opening_straight(text, nxt))):
                    i = nxt + 1  # the quote runs on: skip the repeated opening mark
                    continue
                open_at = None  # unclosed at paragraph end: not a quotation we can trust
        elif c in OPEN_MARKS:
            open_at = i
        elif c in CLOSE_MARKS:
            if open_at is not None:
                found.append(_Marked(open_at + 1, i, open_at, i))
                open_at = None
        elif c in STRAIGHT_MARKS:
            if open_at is None:
                if _is_opening_straight(text, i):
                    open_at = i
            else:
                found.append(_Marked(open_at + 1, i, open_at, i))
                open_at = None
        i += 1
    out = []
    for m in found:
        s, e = m.start, m.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(_Marked(s, e, m.open_mark, m.close_mark))
    return out


def _token_at_char(doc, char: int, from_left: bool) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start if from_left else span.end - 1


def _looks_like_quotation(doc, text: str, m: _Marked, tok_start: int, tok_end: int) -> bool:
    content = text[m.start:m.end]
    if content[-1] in ".,!?…;:—–-":
        return True
    words = sum(1 for t in doc[tok_start:tok_end] if not t.is_punct and not t.is_space)
    if words >= MIN_BARE_WORDS:
        return True
    before = text[:m.open_mark].rstrip()
    return not before or before[-1] in ":\n" or doc[tok_start].is_sent_start


# -- attribution --------------------------------------------------------------------------------

def _subject_of(verb) -> int | None:
    """Head token of the speaker of a verb of saying (climbing from participles like 'saying')."""
    node = verb
    for _ in range(4):
        subjects = [c.i for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:  # two subjects means a mis-split sentence: the nearest one is the speaker
            return min(subjects, key=lambda i: abs(i - node.i))
        if node.dep_ in SHARED_SUBJECT_DEPS and node.head.i != node.i:
            node = node.head
            continue
        break
    return None


def _sentence_bounds(doc, i: int) -> tuple[int, int]:
    sent = doc[i].sent
    return sent.start, sent.end


def _cue_after(doc, cues: SpeechCues, close_tok: int) -> int | None:
    """First verb of saying after the closing mark, within its sentence, before another quote."""
    j = close_tok + 1
    if j >= len(doc):
        return None
    _, end = _sentence_bounds(doc, j)
    if doc[j].is_sent_start and doc[close_tok].sent.start != doc[j].sent.start:
        # the closing mark ended a sentence; attribution may still be in the next "sentence"
        # when the parser split "“A,” | he said." -- allow it only for a lower-case start
        if not doc[j].is_lower and doc[j].lower_ not in ("he", "she", "they"):
            return None
    while j < min(end, len(doc)):
        tok = doc[j]
        if tok.text in OPEN_MARKS or (tok.text in STRAIGHT_MARKS and j > close_tok + 1):
            return None
        if cues.is_cue(tok):
            return j
        j += 1
    return None


def _cue_before(doc, cues: SpeechCues, open_tok: int) -> int | None:
    """The verb of saying that introduces the quote: close before the opening mark."""
    start, _ = _sentence_bounds(doc, open_tok)
    region = range(open_tok - 1, max(start, open_tok - 1 - MAX_CUE_GAP) - 1, -1)
    for j in region:
        if doc[j].text in ALL_MARKS:
            return None
        if cues.is_cue(doc[j]):
            return j
    # "Lavrov said:" parsed as a sentence of its own
    prev = open_tok - 1
    while prev >= 0 and doc[prev].is_space:
        prev -= 1
    if prev >= 0 and doc[prev].text == ":" and prev < start:
        p_start, _ = _sentence_bounds(doc, prev)
        for j in range(prev - 1, max(p_start, prev - 1 - MAX_CUE_GAP) - 1, -1):
            if cues.is_cue(doc[j]):
                return j
    return None


def _previous_sentence_subject(doc, cues: SpeechCues, open_tok: int) -> tuple[int | None,
                                                                              int | None]:
    """(cue, speaker) from the main verb of the sentence before the quote, if it names someone."""
    start, _ = _sentence_bounds(doc, open_tok)
    if start == 0:
        return None, None
    prev_sent = doc[start - 1].sent
    root = prev_sent.root
    subj = _subject_of(root)
    if subj is None:
        return None, None
    st = doc[subj]
    named = st.pos_ in ("PROPN", "PRON") or st.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    is_cue = cues.is_cue(root)
    if not (named or is_cue) or st.lower_ in ("it", "this", "that", "there"):
        return None, None
    return (root.i if is_cue else None), subj


def _paragraph_of(text: str, char: int) -> int:
    """A paragraph number for a character: the count of newlines before it."""
    return text.count("\n", 0, char)


def _direct_quotes(doc, cues: SpeechCues) -> list[QuoteSpan]:
    text = doc_text(doc)
    out: list[QuoteSpan] = []
    for m in _pair_marks(text):
        content = doc.char_span(m.start, m.end, alignment_mode="expand")
        if content is None or len(content) == 0:
            continue
        open_tok = _token_at_char(doc, m.open_mark, from_left=True)
        close_tok = _token_at_char(doc, m.close_mark, from_left=False)
        if open_tok is None or close_tok is None:
            continue
        if not _looks_like_quotation(doc, text, m, content.start, content.end):
            continue
        ends_sentence = text[m.end - 1] == "."
        cue, rule = None, ""
        if not ends_sentence:
            cue = _cue_after(doc, cues, close_tok)
            rule = "after" if cue is not None else ""
        if cue is None:
            cue = _cue_before(doc, cues, open_tok)
            rule = "before" if cue is not None else ""
        speaker = _subject_of(doc[cue]) if cue is not None else None
        if cue is None:
            prev = out[-1] if out else None
            if (prev is not None and prev.kind == "direct" and prev.rule
                    and _paragraph_of(text, prev.end_char) == _paragraph_of(text, m.start)):
                cue, speaker, rule = prev.cue_token, prev.speaker_token, "continued"
            else:
                cue, speaker = _previous_sentence_subject(doc, cues, open_tok)
                rule = "previous" if speaker is not None else ""
        out.append(QuoteSpan(start_char=m.start, end_char=m.end, token_start=content.start,
                             token_end=content.end, kind="direct", cue_token=cue,
                             speaker_token=speaker, rule=rule))
    return out


# -- indirect speech ----------------------------------------------------------------------------

def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading 'that'/punctuation and trailing punctuation from a token range."""
    while start < end and (doc[start].is_punct or doc[start].is_space or
                           (doc[start].dep_ == "mark" and doc[start].lower_ in ("that", "if"))):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _overlaps(start: int, end: int, spans: list[QuoteSpan]) -> bool:
    return any(start < q.token_end and q.token_start < end for q in spans)


def _inside_marks(doc, i: int, direct: list[QuoteSpan]) -> bool:
    ch = doc[i].idx
    return any(q.start_char <= ch < q.end_char for q in direct)


def _speech_candidates(doc, cues: SpeechCues) -> list[int]:
    """Tokens that may be a cue: "according", or a listed lemma (``is_cue`` decides the rest).
    Finding them in bulk spares building a Token for every other word of the document."""
    lemmas = positions(doc, LEMMA, lambda s: cues.particles(s.lower()) is not None)
    according = positions(doc, LOWER, lambda s: s == "according")
    return sorted(set(lemmas).union(according)) if according else lemmas


def _indirect_quotes(doc, cues: SpeechCues, direct: list[QuoteSpan]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    for i in _speech_candidates(doc, cues):
        tok = doc[i]
        if tok.lower_ == "according" and not _inside_marks(doc, tok.i, direct):
            q = _according_to(doc, tok, direct)
            if q is not None:
                out.append(q)
            continue
        if not cues.is_cue(tok) or _inside_marks(doc, tok.i, direct):
            continue
        for comp in tok.children:
            if comp.dep_ != "ccomp":
                continue
            start, end = _trim(doc, comp.left_edge.i, comp.right_edge.i + 1)
            if end - start < 2 or _overlaps(start, end, direct):
                continue
            span = doc[start:end]
            if "\n" in span.text or (start > 0 and doc[start - 1].text in ALL_MARKS):
                continue  # a broken quotation or a clause running across paragraphs
            out.append(QuoteSpan(start_char=span.start_char, end_char=span.end_char,
                                 token_start=start, token_end=end, kind="indirect",
                                 cue_token=tok.i, speaker_token=_subject_of(tok), rule="ccomp"))
    return out


def _according_to(doc, tok, direct: list[QuoteSpan]) -> QuoteSpan | None:
    """'According to X, CLAUSE' / 'CLAUSE, according to X': the clause, spoken by X."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = doc[tok.i + 1]
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = tok.head
    if obj is None or head.i == tok.i:
        return None
    phrase_start, phrase_end = tok.left_edge.i, max(tok.right_edge.i, obj.right_edge.i) + 1
    clause_start, clause_end = _trim(doc, head.left_edge.i, head.right_edge.i + 1)
    if phrase_start <= clause_start:
        clause_start = phrase_end
    elif phrase_end >= clause_end:
        clause_end = phrase_start
    start, end = _trim(doc, clause_start, clause_end)
    if end - start < 2 or _overlaps(start, end, direct):
        return None
    span = doc[start:end]
    return QuoteSpan(start_char=span.start_char, end_char=span.end_char, token_start=start,
                     token_end=end, kind="indirect", cue_token=tok.i, speaker_token=obj.i,
                     rule="according")


# -- public ---------------------------------------------------------------------------------

def cue_extent(doc, cue_token: int) -> tuple[int, int]:
    """Character span of a cue: the verb with its particle ("pointed out", "according to")."""
    tok = doc[cue_token]
    end_tok = tok
    for child in tok.children:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end_tok = child
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        end_tok = doc[tok.i + 1]
    return tok.idx, end_tok.idx + len(end_tok.text)


def find_quotes(doc, cues: SpeechCues | None = None) -> list[QuoteSpan]:
    """Every direct quote and attributed indirect speech in ``doc``, in text order."""
    cues = cues or load_speech_cues()
    direct = _direct_quotes(doc, cues)
    indirect = _indirect_quotes(doc, cues, direct)
    return sorted(direct + indirect, key=lambda q: (q.start_char, q.end_char, q.kind))
