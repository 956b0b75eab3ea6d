"""The event coder: a parsed sentence plus its actors -> CAMEO events with their evidence.

``EventCoder(settings, ontology, lexicon)(doc, doc_actors, article)`` finds triggers (verbs,
event nouns, adjectives) through the pattern lexicon, composes frames ("agree to", "call for",
"refuse to", "threaten to"), applies modality (a future in reported speech -> intent, a
narrated future -> the act; negation; hypotheticals), extracts source and target actors from the dependency parse and returns one ``Event`` per
(source, target, code) and sentence, each with the trigger span, pattern id and a confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.events import arguments as args
from accord.events import clauses, crowds
from accord.events import frames
from accord.events.headlines import headline_candidates
from accord.events.lexicon import EventLexicon, Pattern
from accord.events.matcher import Match, lemma, match_token
from accord.events.petrcodes import dictionary_candidates, known_entry
from accord.records import Event, Span, stable_id
from accord.nlp.sentcache import doc_text as cached_doc_text
from accord.nlp.tokentable import POS, positions

#: Roots an event may be coded for without a target actor (statements, yielding, protest...).
TARGETLESS_ROOTS = frozenset({"01", "02", "03", "08", "09", "10", "12", "13", "14", "15", "17", "20"})
#: Verbs of a protest's purpose clause, coded as the protest's refinement, not on their own.
PROTEST_PURPOSES = frozenset({"demand", "call", "urge", "press", "seek", "protest", "denounce"})
#: Roots whose future ("will send aid") is an intent even without a topic on the pattern.
COOPERATIVE_ROOTS = frozenset({"02", "03", "04", "05", "06", "07", "08", "09"})
#: Roots whose agentless events take the place where they happened as source.
VIOLENT_ROOTS = frozenset({"17", "18", "19", "20"})
#: Parts of speech ``matcher.token_kind`` gives a kind: no other token can be a trigger.
TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADJ"})
#: Codes of verbs that react to an act ("condemned the attack", "welcomed the deal", "denied
#: a role in the attack", "sent condolences over the bombing"): roots or full codes.
REACTION_CODES = frozenset({"05", "11", "12", "016", "018"})
#: Most events kept for one sentence (highest confidence first).
MAX_EVENTS_PER_SENTENCE = 4


@dataclass
class Candidate:
    """An event before it becomes a record: codes, actors, trigger, evidence."""

    code: str
    source: object  # ResolvedMention
    target: object | None
    trigger_start: int
    trigger_end: int
    pattern: Pattern
    confidence: float
    fallback: bool = False
    background: bool = False


def _same_side(a: str, b: str) -> bool:
    """CAN and CANGOV, or EGY and EGYGOV: a country and one of its own bodies are one side of
    a mutual act ("Canadian and Egyptian negotiators" are two sides, not four)."""
    return a.startswith(b) or b.startswith(a)


class EventCoder:
    """Codes the events of a parsed document.  One instance per process; stateless per call."""

    def __init__(self, settings, ontology, event_lexicon: EventLexicon, speech_cues=None):
        self.settings = settings
        self.ontology = ontology
        self.lexicon = event_lexicon
        self.speech_cues = speech_cues  # verbs of saying: a future they report is an intent

    def __call__(self, doc, doc_actors, article) -> list[Event]:
        events: list[Event] = []
        for si, sent in enumerate(doc.sents):
            if not doc_actors.in_sentence(si):
                continue
            cands = self.code_sentence(sent, doc_actors)
            events.extend(self._records(cands, si, sent, article))
        return events

    # -- one sentence ---------------------------------------------------------------------------
    def code_sentence(self, sent, doc_actors) -> list[Candidate]:
        """Candidate events of one sentence, deduplicated and ranked."""
        matches: dict[int, list[Match]] = {}
        doc = sent.doc
        # only verbs, nouns and adjectives can be triggers: no Token for the other words
        for i in positions(doc, POS, TRIGGER_POS.__contains__, sent.start, sent.end):
            found = match_token(doc[i], self.lexicon, doc_actors)
            if found:
                matches[i] = found
        cands: list[Candidate] = []
        for seg in clauses.line_segments(sent):
            if not any(t.pos_ in ("VERB", "AUX") for t in seg):
                cands += headline_candidates(seg, doc_actors, self.lexicon, self.ontology,
                                             Candidate)
        self._prefer_claimed_nouns(matches)
        if cands:
            in_headline = {c.trigger_start for c in cands}
            matches = {i: f for i, f in matches.items()
                       if not doc_actors.at_token(i) and sent.doc[i].idx not in in_headline}
        actor_tokens = frozenset(i for m in doc_actors.in_sentence(self._si(sent, doc_actors))
                                 for i in range(m.token_start, m.token_end))
        consumed = self._consumed(matches, actor_tokens)
        is_question = frames.question(sent)
        for i, found in matches.items():
            if i in consumed:
                continue
            coded = self._code_trigger(found, matches, doc_actors, is_question, actor_tokens)
            crowds.recode(coded, doc[i], self.lexicon.crowds)  # riot 145, repression 175
            cands.extend(coded)
        return self._select(cands)

    @staticmethod
    def _prefer_claimed_nouns(matches: dict[int, list[Match]]) -> None:
        """"offered an apology", "issued an ultimatum": when the object noun's own pattern names
        the verb as its governor, the noun is the event and the verb is not a frame of it."""
        for i, found in list(matches.items()):
            tok = found[0].token
            if not found[0].pattern.frame:
                continue
            for o in tok.children:
                if o.i in matches and o.dep_ in ("dobj", "obj", "attr"):
                    noun = matches[o.i][0]
                    if noun.kind == "noun" and noun.gov is not None and noun.gov.i == tok.i and lemma(tok) in noun.pattern.gov:
                        matches.pop(i, None)
                        break

    def _consumed(self, matches: dict[int, list[Match]], actor_tokens=frozenset()) -> set[int]:
        """Tokens that are the complement of a frame verb: coded through the frame, not alone."""
        out: set[int] = set()
        for i, found in matches.items():
            best = found[0]
            if best.pattern.accuse_ccomp:
                for c in best.token.children:
                    if c.dep_ == "ccomp":
                        out.update(t.i for t in c.subtree)
            if best.pattern.frame:
                for comp in frames.complements(best.token, best.pattern.frame, actor_tokens):
                    out.update(t.i for t in comp.subtree if t.i != i)
            if best.pattern.code == "016":
                # "denied claims that it had violated Iranian airspace": what is denied is no act
                for c in best.token.children:
                    if c.dep_ in ("dobj", "obj", "ccomp"):
                        out.update(t.i for t in c.subtree)
            if best.pattern.code[:2] in ("11", "14"):
                # "staged demonstrations to demand reforms": the demand refines the protest;
                # "summoned the envoy to protest the killings": the protest is the summons
                heads = [best.token] + ([best.gov] if best.gov is not None else [])
                for c in (c for h in heads for c in h.children):
                    if c.dep_ in ("advcl", "xcomp", "acl") and lemma(c) in PROTEST_PURPOSES:
                        out.update(t.i for t in c.subtree)
            if best.pattern.code[:2] == "04":
                out.update(clauses.restated_meetings(best.token, matches, actor_tokens))
            if best.kind == "noun" and clauses.halted(best.token, best.gov,
                                                      self.lexicon.halting_verbs):
                out.add(i)  # "halted its offensive": the offensive is what stops
        return out

    @staticmethod
    def _si(sent, doc_actors) -> int:
        """The sentence index of ``sent`` as the actor stage numbered it."""
        for m in doc_actors.mentions:
            if sent.start <= m.token_start < sent.end:
                return m.mention.sentence_index
        return -1

    def _pick(self, found: list[Match], actor_tokens=frozenset()) -> tuple[Match, object | None]:
        """The most specific match whose requirements hold, and its frame complement."""
        for m in found:
            if getattr(m.pattern, "negated_only", False) and not self._negated(m):
                continue  # "would not comment" only
            comps = frames.complements(m.token, m.pattern.frame, actor_tokens) if m.pattern.frame else []
            if m.pattern.needs_complement and not comps:
                continue
            return m, comps
        return found[-1], []

    def _code_trigger(self, found, matches, doc_actors, is_question,
                      actor_tokens=frozenset()) -> list[Candidate]:
        m, comp = self._pick(found, actor_tokens)
        p, tok = m.pattern, m.token
        if is_question and not p.fallback:
            return []
        if ((frames.blocked(tok) and not getattr(p, "before_units", ()))  # "- FAILED_TO_* [111]"
                or frames.conditional(tok)):
            return []  # "failed to coordinate", "unless the government agrees to resign"
        mode = frames.modality(tok) if m.kind != "noun" else (
            frames.modality(m.gov) if m.gov is not None else "")
        negated = self._negated(m)
        if getattr(p, "negated_only", False) and not negated:
            return []  # "the law allows banks to ...": only a refusal to allow is coded
        if getattr(p, "literal", False):  # verb dictionary patterns code as written (petrlexicon)
            mode, negated = "", negated and not p.negation
        if mode == "future" and not frames.stated(m.gov if m.kind == "noun" and m.gov is not None
                                                  else tok, self.speech_cues):
            mode = ""  # a narrated future is coded as the act (PETRARCH's convention)
        if mode == "hypothetical" and not p.fallback:
            return (self._obligation(m, doc_actors)
                    or self._hypothetical_threat(m, matches, doc_actors))
        code, frame, conf, comp = self._code_for(m, comp, matches, mode, negated)
        if code is None:
            return []
        if p.fallback and frames.reports_past_act(tok, {i for i, f in matches.items()
                                                        if f[0].pattern.code[:2] in VIOLENT_ROOTS}):
            code = "112"  # "The US said Iraq had attacked ...": a reported attack accuses
        if frame is None and frames.has_condition(tok):
            return []  # "would attack if ...": a conditional event did not happen
        # -- actors --
        if m.kind == "noun":
            gov = None if self._reacts_to(m, matches) else m.gov
            sources, inherited = args.noun_sources(tok, gov, doc_actors)
            patients = []
        else:
            anchor = tok.head if (m.kind == "adj" and tok.dep_ in ("acomp", "attr")) else tok
            sources, patients, inherited = args.verb_sources(anchor, doc_actors)
        agentless = False
        if (not sources and code[:2] in VIOLENT_ROOTS and m.kind in ("verb", "noun")
                and (patients or args.subject_token(tok)[0] is None)):
            # "ten soldiers were killed in Ukraine": the place stands for the perpetrator,
            # unless a disaster is named ("... were killed when the tsunami struck")
            sources = [] if clauses.names_disaster(tok.sent, self.lexicon.disasters) else \
                args.place_actors(tok if m.gov is None else m.gov, doc_actors)
            agentless = bool(sources)
            conf -= 0.35
        if not sources and code[:2] == "14" and m.kind in ("verb", "noun"):
            # "thousands demonstrated in Cairo", "protests broke out in Cairo": the crowd is
            # the place's people
            sources = args.place_actors(tok if m.gov is None else m.gov, doc_actors)
            agentless, conf = bool(sources), conf - 0.3
        if (not sources and patients and m.kind == "verb" and self._moves_away(p, tok)
                and args.agent_token(anchor) is None):
            sources, patients = patients, []  # "UN troops were withdrawn": the troops leave
        if hasattr(p, "bound_actor"):  # a PETRARCH pattern's "$" names the source
            bound = p.bound_actor(tok, doc_actors, "source")
            sources = [bound] if bound is not None else sources
        if not sources or (frame == "threaten" and clauses.warns_of_another(comp, sources,
                                                                            doc_actors)):
            return []
        code = crowds.street_protest(code, tok, sources, self.lexicon.crowds)
        exclude = {s.code for s in sources}
        if m.kind == "noun" and inherited:
            exclude |= {s.mention.country for s in sources if s.mention.country}
        tgts, from_place = self._targets(m, comp, frame, matches, doc_actors, exclude)
        if code[:2] == "16" and tgts and all(
                t.mention.country in {s.mention.country for s in sources} for t in tgts):
            # "recalled its ambassador to Austria": relations are cut with another state
            tgts, from_place = self._targets(m, comp, frame, matches, doc_actors,
                                             exclude | {t.code for t in tgts})
        if not tgts and patients:
            tgts = [x for x in patients if x.code not in exclude]
        if p.swap:  # "Israeli troops came under fire from Hezbollah": Hezbollah fires
            sources, tgts = tgts, (sources if tgts else [])
        if hasattr(p, "phrase_targets"):  # PETRARCH patterns: "+", else the verb phrase's actor
            tgts = p.phrase_targets(tok, doc_actors, exclude, tgts)
        if code[:2] in ("04", "05"):  # "speaking to reporters" is no consultation
            tgts = [t for t in tgts if t.mention.sector != "MED"]
        if p.fallback:
            # a bare statement is worth coding between known states only: "the ministry said
            # Jordan's tariffs ..." (no country for the ministry) is a comment, not an event
            sources = [s for s in sources if s.mention.country]
            tgts = [t for t in tgts if t.mention.country and
                    all(t.mention.country != s.mention.country for s in sources)]
            if not sources or not tgts:
                return []
        conf += -0.15 if inherited else 0.05
        conf += -0.15 if from_place else 0.0
        root = code[:2]
        start, end = self._trigger_span(m)
        out: list[Candidate] = []
        if frames.background(tok, self.speech_cues):
            conf -= 0.2
        recip = bool(p.recip) and mode != "future" and (
            (p.recip is True and frame is None) or len(sources) > 1)
        if recip and len(sources) > 1 and root != "04":
            # "A and B signed a deal in Havana": with each other; only a meeting visits
            tgts = [] if from_place else [t for t in tgts if not clauses.located(t, tok)]
        if recip and len(sources) > 1 and root == "04" and tgts and (
                from_place or all(clauses.located(t, tok) for t in tgts)):
            out += self._meeting_in_a_place(code, sources, tgts, start, end, p, conf)
            tgts = [t for t in tgts if all(t.mention.country != s.mention.country
                                           for s in sources)]
            from_place = True
        if not tgts:
            if recip and len(sources) > 1 and not clauses.has_partner(tok):
                for a in sources:
                    for b in sources:
                        if a is not b and not _same_side(a.code, b.code):
                            out.append(Candidate(code, a, b, start, end, p, conf - 0.05))
                return out
            if (root in TARGETLESS_ROOTS or agentless) and not p.fallback:
                if frame and code == p.code:  # "the firm warned ...", "he promised ...": a
                    # wish or warning about nothing codable, by nobody of known country
                    sources = [s for s in sources if s.mention.country]
                return [Candidate(code, s, None, start, end, p, conf - 0.2) for s in sources]
            return []
        for s in sources:
            for t in tgts:
                if recip and _same_side(s.code, t.code):
                    continue  # a mutual act needs two sides
                out.append(Candidate(code, s, t, start, end, p, conf, fallback=p.fallback))
                if recip and not from_place:  # a country met *in* does not meet back
                    out.append(Candidate(code, t, s, start, end, p, conf - 0.05))
                if p.linked and t.mention.country and t.mention.country != s.mention.country:
                    # "Fiji deployed peacekeepers in Lebanon": Lebanon receives them (0861),
                    # the linked event the CAMEO manual codes with the actors reversed
                    out.append(Candidate(p.linked, t, s, start, end, p, conf - 0.05))
        if frames.background(tok, self.speech_cues):
            for c in out:
                c.background = True
        return out

    @staticmethod
    def _meeting_in_a_place(code, sources, places, start, end, p, conf) -> list[Candidate]:
        """"A and B met in Geneva": A and B met each other, at a third location (044, as the
        CAMEO manual codes it) unless the place is one of their own countries ("the presidents
        of Chile and Peru met in Lima": an ordinary meeting).  Each party's visit to the place
        is coded by the caller, as PETRARCH does."""
        own = {s.mention.country for s in sources}
        third = all(t.mention.country not in own for t in places)
        mutual = "044" if third else code
        return [Candidate(mutual, a, b, start, end, p, conf - 0.1)
                for a in sources for b in sources
                if a is not b and not _same_side(a.code, b.code)]

    def _code_for(self, m: Match, comps: list, matches, mode: str, negated: bool):
        """(code, frame used, base confidence, complement used) for a match in its context."""
        p = m.pattern
        conf = 0.8 + p.conf
        frame = p.frame
        if frame:
            own_wish = bool(p.self_frame) and not self._has_addressee(m.token)
            if own_wish:
                frame = p.self_frame
            if negated:
                if frame != "intent":
                    return None, None, 0.0, None
                frame = "reject"
            for comp in comps:
                hint = matches[comp.i][0].pattern.topic if comp.i in matches else None
                topic = frames.topic_of(comp, self.lexicon, hint)
                if topic is None:
                    continue
                if frames.is_negated(comp) or (frame not in ("appeal", "demand")
                                               and frames.open_question(comp)):
                    return None, None, 0.0, None
                code = frames.frame_code(frame, topic, comp, self.lexicon, self.ontology)
                if code is not None:
                    return code, frame, conf, comp
                if frame == "intent" and comp.i in matches and not negated:
                    # "pledged to expel the leaders": no intent code for it, the act is coded
                    own = matches[comp.i][0].pattern
                    if not own.frame:
                        return self._refined(own, comp), None, conf - 0.1, comp
            comp = comps[0] if comps else None
            if p.needs_complement or negated or own_wish:
                # "did not wish to make judgements", "a company that wants to capitalize on":
                # a refusal or a wish is only an event when what it is about is known
                return None, None, 0.0, None
            return p.code, frame, conf - 0.1, comp
        code = self._refined(p, m.token)
        if negated and mode != "future" and frames.negated_past(m.token) and not p.negated_only:
            return None, None, 0.0, None  # "has not withdrawn its troops": nothing happened
        if p.negated_only and p.topic is None:
            return code, None, conf, None  # "would not comment": the refusal is the code
        if mode == "future" or negated:
            topic = self.lexicon.topic_by_name.get(p.topic) if p.topic else None
            guessed = topic is None
            if guessed:
                topic = frames.topic_of(m.token, self.lexicon)
            want = "reject" if negated else "intent"
            if topic is not None:
                fcode = frames.frame_code(want, topic, m.token, self.lexicon, self.ontology)
                # a guessed topic may turn a cooperative act into an intent, and a hostile
                # one into a threat ("will tighten the blockade"), never one into the other
                if fcode is not None and (not guessed or p.code[:2] in COOPERATIVE_ROOTS
                                          or fcode[:2] == "13"):
                    return fcode, want, conf - 0.05, None
            if negated:
                return None, None, 0.0, None
            return code, None, conf - 0.1, None
        return code, None, conf, None

    def _obligation(self, m: Match, doc_actors) -> list[Candidate]:
        """"Britain said Sudan must agree to a ceasefire": the speaker demands (10x; "should":
        appeals, 02x) of the clause's subject what the clause's act is about."""
        p, tok = m.pattern, m.token
        clause = tok if m.kind == "verb" else m.gov  # "should hold talks": the verb of the noun
        if clause is None or p.needs_complement:  # "courts should decide who ...": no act
            return []
        frame = frames.obligation(clause)
        cue = frames.reporting_verb(clause, self.speech_cues) if frame else None
        if cue is None:
            return []
        speakers, _, _ = args.verb_sources(cue, doc_actors)
        subj, _, _ = args.subject_token(clause)
        addressees = args.actors_at(subj, doc_actors, {s.code for s in speakers}) \
            if subj is not None and speakers else []
        if not addressees:
            return []
        topic = (self.lexicon.topic_by_name.get(p.topic) if p.topic else None) \
            or frames.topic_of(tok, self.lexicon)
        code = frames.frame_code(frame, topic, tok, self.lexicon, self.ontology) \
            if topic is not None else None
        code = code or ("100" if frame == "demand" else "020")
        start, end = self._trigger_span(m)
        return [Candidate(code, s, t, start, end, p, 0.6) for s in speakers for t in addressees]

    def _hypothetical_threat(self, m: Match, matches, doc_actors) -> list[Candidate]:
        """"The EC may halt its mediation if ...": a hostile act held out under a condition
        is a threat (13x); any other hypothetical is no event."""
        p, tok = m.pattern, m.token
        if not frames.has_condition(tok) or p.kind == "noun":
            return []
        topic = (self.lexicon.topic_by_name.get(p.topic) if p.topic else None) \
            or frames.topic_of(tok, self.lexicon)
        code = topic.codes.get("threaten") if topic is not None else None
        if code is None:
            return []
        sources, _, _ = args.verb_sources(tok, doc_actors)
        if not sources:
            return []
        tgts, _ = args.targets(tok, p, doc_actors, {s.code for s in sources})
        start, end = self._trigger_span(m)
        return [Candidate(code, s, t, start, end, p, 0.6) for s in sources
                for t in (tgts or [None])]

    @staticmethod
    def _reacts_to(m: Match, matches) -> bool:
        """"Obama condemned the attack", "Egypt welcomed the agreement": a noun that is what its
        governing verb praises, criticises, denies or rejects is someone else's act, so it
        does not take that verb's subject ("declared a ceasefire", "claimed responsibility for
        the attack" do)."""
        if m.gov is None or m.gov.i not in matches:
            return False
        code = matches[m.gov.i][0].pattern.code
        return code[:2] in REACTION_CODES or code in REACTION_CODES

    def _moves_away(self, p: Pattern, tok) -> bool:
        """A verb of the "withdraw" topic ("were withdrawn", "were shipped out"): with no agent,
        its passive subject is the one who leaves; so with a pattern asking for "out"."""
        topic = self.lexicon.topic_by_name.get("withdraw")
        return (p.topic == "withdraw" or "out" in (p.particle or ())
                or (topic is not None and lemma(tok) in topic.verbs))

    def _refined(self, p: Pattern, tok) -> str:
        if not p.refine:
            return p.code
        subj, _, _ = args.subject_token(tok) if tok.pos_ in ("VERB", "AUX") else (None, 0, 0)
        doer = {t.i for t in subj.subtree} if subj is not None else set()
        own = [t for t in tok.subtree if t.i not in doer]
        lemmas = {lemma(t) for t in own} | {t.text.lower() for t in own}
        wanted = {g for g, _ in p.refine}
        if subj is not None and not wanted & set(self.lexicon.modifier_groups(lemmas)):
            # the doer refines only when the act's own words do not ("warplanes bombed the
            # town" is an air strike; "Human Rights Watch accused Syria of bribery" is crime)
            lemmas |= {lemma(t) for t in subj.subtree} | {t.text.lower() for t in subj.subtree}
        if tok.pos_ == "NOUN":
            lemmas |= {lemma(t) for t in tok.children}
            gov = tok.head.head if tok.dep_ == "pobj" else tok.head
            if gov.pos_ in ("VERB", "AUX"):  # "opened an inquiry into the abuse of detainees"
                for c in gov.children:
                    if c.dep_ in ("prep", "advcl", "xcomp"):
                        lemmas |= {lemma(t) for t in c.subtree}
        lemmas -= clauses.countered(tok)
        groups = set(self.lexicon.modifier_groups(lemmas))
        codes = [c for g, c in p.refine if g in groups]
        if not codes:
            return p.code
        if len(codes) > 1 and len({c[:3] for c in codes}) == 1 and len(codes[0]) == 4:
            return codes[0][:3] if codes[0][:3] in self.ontology else p.code
        return codes[0] if codes[0] in self.ontology else p.code

    @staticmethod
    def _negated(m: Match) -> bool:
        """"did not attack", "held no talks" (the noun's governing verb negated)."""
        return frames.is_negated(m.token) or (m.gov is not None and frames.is_negated(m.gov))

    @staticmethod
    def _has_addressee(tok) -> bool:
        return any(c.dep_ in ("dobj", "dative", "obj") for c in tok.children) or any(
            c.dep_ == "ccomp" for c in tok.children)

    def _targets(self, m: Match, comp, frame, matches, doc_actors, exclude):
        p, tok = m.pattern, m.token
        if p.fallback or p.accuse_ccomp:
            found = args.ccomp_subject_actors(tok, doc_actors, exclude)
            if found:
                return found, False
            if p.fallback:
                found, _ = args.targets(tok, p, doc_actors, exclude)
                return found, False
        if frame in ("appeal", "demand"):
            found = args.addressees(tok, doc_actors, exclude)
            if found:
                return found, False
        if frame == "reject":
            # "rejected a US offer to host talks between A and B": the offer's author is the
            # one rebuffed, not the parties to what was offered
            found = args.proposal_owners(tok, doc_actors, exclude)
            if found:
                return found, False
        if comp is not None:
            cpat = matches[comp.i][0].pattern if comp.i in matches else p
            if comp.pos_ in ("VERB", "AUX"):
                found, place = args.targets(comp, cpat, doc_actors, exclude)
            else:
                found, place = args.targets(comp, cpat, doc_actors, exclude,
                                            gov=comp.head if comp.dep_ in ("dobj",) else None)
            if found:
                return found, place
        found, place = args.targets(tok, p, doc_actors, exclude, gov=m.gov)
        if not found and m.kind == "verb":
            # "calling that British position unhelpful": the clause's subject is the target
            found = args.ccomp_subject_actors(tok, doc_actors, exclude)
        return found, place

    @staticmethod
    def _trigger_span(m: Match) -> tuple[int, int]:
        toks = [m.token]
        if m.gov is not None and m.gov.pos_ == "VERB" and abs(m.gov.i - m.token.i) <= 4:
            toks.append(m.gov)
        toks += [c for c in m.token.children if c.dep_ == "prt"]
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return start, end

    # -- selection and records -------------------------------------------------------------------
    def _select(self, cands: list[Candidate]) -> list[Candidate]:
        cands = dictionary_candidates(cands)  # PETRARCH verb dictionaries: targets, reverse codes
        best: dict[tuple, Candidate] = {}
        for c in cands:
            tcode = c.target.code if c.target is not None else None
            if tcode == c.source.code:
                continue
            if c.target is not None and c.target.mention.actor_id == c.source.mention.actor_id:
                continue
            key = (c.source.code, tcode, c.code)
            if key not in best or c.confidence > best[key].confidence:
                best[key] = c
        kept = list(best.values())
        specific = [c for c in kept if not c.fallback]
        if specific:
            kept = specific
        # scene-setting clauses ("after rebels kidnapped ...", "during a visit") yield to the
        # main event of the sentence
        main = [c for c in kept if not c.background]
        if main:
            kept = main
        # a targetless event is dropped when the same source has a targeted one of that root
        targeted = {(c.source.code, c.code[:2]) for c in kept if c.target is not None}
        kept = [c for c in kept if c.target is not None
                or (c.source.code, c.code[:2]) not in targeted]
        # one dyad coded both generally and specifically ("a drone strike killed": 195 and
        # 1952) keeps the specific code
        by_dyad: dict[tuple, set[str]] = {}
        for c in kept:
            by_dyad.setdefault((c.source.code, c.target and c.target.code), set()).add(c.code)
        kept = [c for c in kept if not any(o != c.code and o.startswith(c.code) for o in
                                           by_dyad[(c.source.code, c.target and c.target.code)])]
        # "bombarded Aleppo, killing eight people": a role without a country ("people") is
        # not a second target when the same source has a country target for that root
        with_country = {(c.source.code, c.code[:2]) for c in kept
                        if c.target is not None and c.target.mention.country}
        kept = [c for c in kept if c.target is None or c.target.mention.country
                or (c.source.code, c.code[:2]) not in with_country]
        kept.sort(key=lambda c: (-c.confidence, c.trigger_start))
        if any(hasattr(c.pattern, "reverse_code") for c in kept):
            return kept  # PETRARCH dictionaries: every compound actor's event, as PETRARCH codes
        return kept[:MAX_EVENTS_PER_SENTENCE]

    def _records(self, cands: list[Candidate], si: int, sent, article) -> list[Event]:
        out = []
        text = sent.text.strip()  # the sentence, without the paragraph break after it
        doc_text = cached_doc_text(sent.doc)
        for c in sorted(cands, key=lambda c: (c.trigger_start, c.code)):
            try:
                entry = self.ontology.get(c.code)
            except KeyError:  # a verb dictionary's own code: closest known parent (petrcodes)
                entry = known_entry(self.ontology, c.code)
                if entry is None:
                    continue
            tcode = c.target.code if c.target is not None else ""
            out.append(Event(
                event_id=stable_id(article.doc_id, str(si), c.code, c.source.code, tcode,
                                   str(c.trigger_start)),
                doc_id=article.doc_id, sentence_index=si, sentence=text, code=c.code,
                base_code=c.code[:3] if len(c.code) >= 3 else c.code, root_code=c.code[:2],
                quad_class=entry.quad_class, goldstein=entry.goldstein,
                source=c.source.ref(), target=c.target.ref() if c.target is not None else None,
                trigger=Span(doc_text[c.trigger_start:c.trigger_end], c.trigger_start,
                             c.trigger_end),
                confidence=round(max(0.05, min(0.99, c.confidence)), 2), pattern_id=c.pattern.id,
                label=entry.label, plover=entry.plover))
        return out
