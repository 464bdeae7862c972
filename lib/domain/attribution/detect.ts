/**
 * Rule-based attribution detection: who speaks in each sentence of a document.
 *
 * CUE AND SOURCE SPAN CONVENTIONS (the gold set follows the same list; see conventions.md)
 * - cue = the reporting verb or phrase without auxiliaries for active voice ("said", "has said" →
 *   "said", "pointed out", "told"), WITH the be-auxiliary chain for passives ("was reported",
 *   "is believed", "is said", "has been reported", "was quoted as saying"), "according to",
 *   the adverbs "reportedly"/"allegedly", and for noun-headed cues ("reports appeared that") the
 *   verb "appeared" with source "reports". "in a statement", "on Monday" and addressees are not
 *   part of the cue.
 * - source = the minimal noun phrase naming the speaker, with its determiner, post-modifiers ("a
 *   source close to…"), a title before the name and an appositive after it ("Abu Mahdi
 *   al-Muhandis, Deputy Commander of the PMU", "Ali Kadhim, a taxi driver"), without relative or
 *   participle clauses; pronouns are the pronoun itself with resolvedSource set when unambiguous
 *   (he/she by gender where known); agentless passives and adverbials have source null.
 * - Quotes: sentences wholly inside a multi-sentence quote get a "quote-carried" attribution (cue
 *   null, source null, resolvedSource = the speaker as written in the attributing sentence).
 *
 * The detector works on tokens (tokens.ts) with a hand-written lexicon (lexicon.ts); every rule
 * looks at a bounded window around a token, so a sentence costs linear time.
 */
import type { Attribution, AttributionKind, DocumentDetector, TextSpan } from "./types";
import { quotedMask, tokenize, type Token } from "./tokens";
import {
  ACCORDING_TO_NON_SOURCES,
  ADVERBIALS,
  AGENT_ONLY_PARTICIPLES,
  ANONYMOUS_NOUNS,
  AUXILIARIES,
  BE_FORMS,
  CAPITALISED_FUNCTION,
  CONTINUING_PARTICIPLES,
  DETERMINERS,
  DOCUMENT_NOUNS,
  FALSE_OBJECTS,
  FEMALE_NAMES,
  FEMALE_TITLES,
  FIRST_SECOND_PERSON,
  INTERVENING_ADVERBS,
  MALE_NAMES,
  MALE_TITLES,
  MEDIA_NOUNS,
  NAME_PARTICLES,
  NOUN_CUE_SUBJECTS,
  NOUN_CUE_VERBS,
  NP_STOPS,
  OFFICIAL_NOUNS,
  ORG_WORDS,
  ORGANISATION_HEADS,
  PASSIVE_PARTICIPLES,
  PERFECT_AUX,
  REDUCED_PASSIVES,
  REPORTING_VERBS,
  SPEAKER_PPS,
  SUBJECT_PRONOUNS,
  TIME_WORDS,
  TITLES,
  WEEKDAYS,
} from "./lexicon";
import { guessSourceType } from "./registry";

/** Token index range, inclusive at both ends. */
interface Range {
  from: number;
  to: number;
}

interface Found {
  cue: Range;
  source: Range | null;
  kind: AttributionKind;
  confidence: number;
}

const MAX_NP = 14;
const QUOTE_RUN_LIMIT = 12;
const RESOLUTION_WINDOW = 4;
const ADVERB_LY = /^[a-z]{3,}ly$/u;
const NAME_PREFIX = /^(?:al|el|ad|ad-|ash|as|at|az|an|ar|ul|bin|ibn)-\p{Lu}/u;
const NOT_LY_ADVERBS = new Set([
  "italy",
  "family",
  "assembly",
  "ally",
  "rally",
  "daily",
  "july",
  "weekly",
  "monthly",
  "quarterly",
  "yearly",
  "elderly",
  "deadly",
  "costly",
]);

// ---------------------------------------------------------------------------
// Token predicates

const isComma = (t: Token | undefined) => t !== undefined && t.text === ",";
const isAdverb = (t: Token) =>
  INTERVENING_ADVERBS.has(t.norm) || (ADVERB_LY.test(t.text) && !NOT_LY_ADVERBS.has(t.norm));
const isNamePart = (t: Token) => t.isWord && (t.isCapitalised || NAME_PREFIX.test(t.text));
const isSpeakerNoun = (t: Token) =>
  ANONYMOUS_NOUNS.has(t.norm) ||
  OFFICIAL_NOUNS.has(t.norm) ||
  MEDIA_NOUNS.has(t.norm) ||
  DOCUMENT_NOUNS.has(t.norm) ||
  TITLES.has(t.norm);
const isBoundary = (t: Token | undefined) =>
  t === undefined || (!t.isWord && t.text !== "-" && t.text !== "&");

function isFunctionCapital(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const first = i === 0 || !tokens[i - 1]!.isWord;
  return first && CAPITALISED_FUNCTION.has(t.norm);
}

// ---------------------------------------------------------------------------
// Noun phrases

/**
 * The noun phrase ending at token `end`, walking left. Stops at function
 * words, clause boundaries and time words; crosses "of"/"for" ("the head of
 * the PMU") and a speaker noun's place phrase ("officials in Baghdad").
 */
function backwardNP(tokens: readonly Token[], end: number): Range | null {
  const last = tokens[end];
  if (!last || !last.isWord) return null;
  if (SUBJECT_PRONOUNS.has(last.norm)) return { from: end, to: end };
  // "One told the BBC…": the indefinite pronoun picks one of a group named before.
  if (end === 0 && last.text === "One") return { from: end, to: end };
  if (NP_STOPS.has(last.norm) || DETERMINERS.has(last.norm) || TIME_WORDS.has(last.norm)) {
    return null;
  }
  if (!last.isCapitalised && (isAdverb(last) || /^\p{N}/u.test(last.text))) return null;
  if (isFunctionCapital(tokens, end)) return null;
  let from = end;
  while (end - from < MAX_NP && from > 0) {
    const t = tokens[from - 1]!;
    if (!t.isWord) {
      if ((t.text === "-" || t.text === "&") && tokens[from - 2]?.isWord) {
        from -= 2;
        continue;
      }
      break;
    }
    if (t.isCapitalised && from - 1 > 0 && DETERMINERS.has(t.norm) && isNamePart(tokens[from]!)) {
      // "the All England Club": a capitalised determiner inside a name is part of the name.
      from -= 1;
      continue;
    }
    if (DETERMINERS.has(t.norm) || /^\p{N}/u.test(t.text)) {
      from -= 1;
      if (!attachesLeft(tokens, from)) break;
      from = attachStart(tokens, from);
      continue;
    }
    if (isFunctionCapital(tokens, from - 1)) break;
    if (t.norm === "and") {
      const before = tokens[from - 2];
      if (before && isNamePart(before) && isNamePart(tokens[from]!)) {
        from -= 1;
        continue;
      }
      break;
    }
    if (t.norm === "of" || t.norm === "for" || SPEAKER_PPS.has(t.norm) || t.norm === "to") {
      if (!attachesLeft(tokens, from)) break;
      from = attachStart(tokens, from);
      continue;
    }
    if (NP_STOPS.has(t.norm) || TIME_WORDS.has(t.norm) || SUBJECT_PRONOUNS.has(t.norm)) break;
    if (FIRST_SECOND_PERSON.has(t.norm)) break;
    if (!t.isCapitalised && isAdverb(t)) break;
    if (REPORTING_VERBS.has(t.norm) && !t.isCapitalised && !isSpeakerNoun(t)) break;
    from -= 1;
  }
  return { from, to: end };
}

/** Whether the phrase starting at `from` hangs on a speaker noun to its left ("spokesman for"). */
function attachesLeft(tokens: readonly Token[], from: number): boolean {
  const p = tokens[from - 1];
  if (!p) return false;
  if (p.norm === "of" || p.norm === "for") {
    const head = tokens[from - 2];
    return head !== undefined && head.isWord && !NP_STOPS.has(head.norm) && !isAdverb(head);
  }
  if (p.norm === "to" || p.norm === "with") {
    const adj = tokens[from - 2];
    const head = tokens[from - 3];
    return (
      adj !== undefined &&
      (adj.norm === "close" || adj.norm === "familiar" || adj.norm === "linked") &&
      head !== undefined &&
      isSpeakerNoun(head)
    );
  }
  if (SPEAKER_PPS.has(p.norm) && p.norm !== "close" && p.norm !== "familiar") {
    const head = tokens[from - 2];
    const obj = tokens[from]!;
    return head !== undefined && isSpeakerNoun(head) && (obj.isCapitalised || obj.norm === "the");
  }
  return false;
}

/** The index where the attached phrase's head noun phrase may continue leftwards from. */
function attachStart(tokens: readonly Token[], from: number): number {
  const p = tokens[from - 1]!;
  if (p.norm === "to" || p.norm === "with") return from - 3;
  return from - 2;
}

/**
 * The noun phrase starting at token `start`, walking right; the same stops as
 * backwardNP. Used after "according to", in inverted "…, said X" and after "by".
 */
function forwardNP(tokens: readonly Token[], start: number): Range | null {
  let i = start;
  const first = tokens[i];
  if (!first || !first.isWord) return null;
  if (SUBJECT_PRONOUNS.has(first.norm)) return { from: i, to: i };
  while (i < tokens.length && DETERMINERS.has(tokens[i]!.norm) && i - start < 3) i++;
  let last = -1;
  while (i < tokens.length && i - start < MAX_NP) {
    const t = tokens[i]!;
    if (!t.isWord) {
      if ((t.text === "-" || t.text === "&") && tokens[i + 1]?.isWord && last >= 0) {
        i += 1;
        continue;
      }
      break;
    }
    if (t.norm === "of" || t.norm === "for") {
      const next = tokens[i + 1];
      if (last < 0 || !next || !next.isWord || NP_STOPS.has(next.norm)) break;
      i += 1;
      while (i < tokens.length && DETERMINERS.has(tokens[i]!.norm)) i++;
      continue;
    }
    if (t.norm === "and") {
      const next = tokens[i + 1];
      if (last >= 0 && next && isNamePart(next) && isNamePart(tokens[last]!)) {
        i += 1;
        continue;
      }
      break;
    }
    if (last >= 0 && (SPEAKER_PPS.has(t.norm) || t.norm === "to")) {
      const head = tokens[last]!;
      if (isSpeakerNoun(head)) {
        const adjPP =
          (t.norm === "close" || t.norm === "familiar" || t.norm === "linked") &&
          (tokens[i + 1]?.norm === "to" || tokens[i + 1]?.norm === "with");
        if (adjPP) {
          i += 2;
          while (i < tokens.length && DETERMINERS.has(tokens[i]!.norm)) i++;
          continue;
        }
        const obj = tokens[i + 1];
        if (
          t.norm !== "to" &&
          t.norm !== "close" &&
          t.norm !== "familiar" &&
          obj &&
          (obj.isCapitalised || (obj.norm === "the" && tokens[i + 2]?.isCapitalised === true))
        ) {
          i += 1;
          while (i < tokens.length && DETERMINERS.has(tokens[i]!.norm)) i++;
          continue;
        }
      }
      break;
    }
    if (NP_STOPS.has(t.norm) || TIME_WORDS.has(t.norm) || SPEAKER_PPS.has(t.norm)) break;
    if (last >= 0 && REPORTING_VERBS.has(t.norm) && !t.isCapitalised && !isSpeakerNoun(t)) break;
    if (last >= 0 && isAdverb(t) && !t.isCapitalised) break;
    last = i;
    i += 1;
  }
  return last < 0 ? null : { from: start, to: last };
}

/** A title phrase that can stand in apposition to a name: "Deputy Commander of the PMU". */
function isTitlePhrase(tokens: readonly Token[], r: Range): boolean {
  for (let i = r.from; i <= Math.min(r.to, r.from + 3); i++) {
    const t = tokens[i]!;
    if (TITLES.has(t.norm) || (OFFICIAL_NOUNS.has(t.norm) && !t.isCapitalised)) return true;
  }
  return false;
}

const endsInName = (tokens: readonly Token[], r: Range) => isNamePart(tokens[r.to]!);
const hasName = (tokens: readonly Token[], r: Range) => {
  for (let i = r.from; i <= r.to; i++) {
    const t = tokens[i]!;
    if (isNamePart(t) && !TITLES.has(t.norm) && !DETERMINERS.has(t.norm)) return true;
  }
  return false;
};

/**
 * The last word of an indefinite appositive starting at `start` ("a biogeochemist at NASA's
 * Goddard Space Flight Center", "a 34-year-old taxi driver"), which runs to the next punctuation;
 * -1 when there is none.
 */
function indefiniteAppositiveEnd(tokens: readonly Token[], start: number): number {
  const first = tokens[start];
  if (!first || (first.norm !== "a" && first.norm !== "an")) return -1;
  let k = start + 1;
  while (k < tokens.length && k - start <= MAX_NP) {
    const t = tokens[k]!;
    if (!t.isWord && !(t.text === "-" && tokens[k + 1]?.isWord)) break;
    if (k > start + 1 && (tokens[k]!.norm === "who" || REPORTING_VERBS.has(tokens[k]!.norm))) {
      return -1;
    }
    k++;
  }
  if (k === start + 1 || k - start > MAX_NP) return -1;
  const stop = tokens[k];
  return stop === undefined || SOURCE_END_MARKS.has(stop.text) ? k - 1 : -1;
}

/** Extends a name with a following ", title," appositive: "Al-Muhandis, Deputy Commander of the PMU". */
function withTrailingAppositive(tokens: readonly Token[], np: Range): Range {
  if (!isComma(tokens[np.to + 1]) || !endsInName(tokens, np)) return np;
  if (SUBJECT_PRONOUNS.has(tokens[np.to]!.norm)) return np;
  const indefinite = hasName(tokens, np) ? indefiniteAppositiveEnd(tokens, np.to + 2) : -1;
  if (indefinite >= 0) return { from: np.from, to: indefinite };
  const title = forwardNP(tokens, np.to + 2);
  if (!title || !isTitlePhrase(tokens, title)) return np;
  if (!isBoundary(tokens[title.to + 1])) return np;
  return { from: np.from, to: title.to };
}

// ---------------------------------------------------------------------------
// Subjects

/** Index of the token before `i`, skipping adverbs, auxiliaries and "on Monday". */
function skipPreverbal(tokens: readonly Token[], i: number): number {
  let j = i - 1;
  while (j >= 0) {
    const t = tokens[j]!;
    if (!t.isWord) break;
    if ((isAdverb(t) && !t.isCapitalised) || (AUXILIARIES.has(t.norm) && !BE_FORMS.has(t.norm))) {
      j -= 1;
      continue;
    }
    if (WEEKDAYS.has(t.norm) && tokens[j - 1]?.norm === "on") {
      j -= 2;
      continue;
    }
    break;
  }
  return j;
}

/**
 * The subject before a comma that directly precedes the verb: a name with an
 * appositive title ("X, Deputy Commander of the PMU, announced"), a title with
 * an appositive name ("the PMU's commander, X, said") or a name with a relative
 * clause or an age that is not part of the source ("X, who…, said").
 */
function subjectBeforeComma(tokens: readonly Token[], comma: number): Range | null {
  let c = comma - 1;
  let depth = 0;
  while (c >= 0 && !isComma(tokens[c]) && comma - c < 30) {
    if (!tokens[c]!.isWord && tokens[c]!.text !== "-" && tokens[c]!.text !== "&") depth++;
    c -= 1;
  }
  if (c < 1 || !isComma(tokens[c])) return null;
  const segStart = c + 1;
  const head = tokens[segStart]!;
  const before = backwardNP(tokens, c - 1);
  if (!before) return null;
  if (head.norm === "who" || head.norm === "which" || head.norm === "whose") return before;
  // "The report, published on Monday, said": a participle clause, not part of the source.
  if (!head.isCapitalised && /ed$/u.test(head.norm) && isSpeakerLike(tokens, before)) return before;
  if (depth === 0 && segStart === comma - 1 && /^\p{N}+$/u.test(head.text)) return before;
  if (depth > 0) return null;
  if (
    endsInName(tokens, before) &&
    hasName(tokens, before) &&
    indefiniteAppositiveEnd(tokens, segStart) === comma - 1
  ) {
    return { from: before.from, to: comma - 1 };
  }
  const seg = forwardNP(tokens, segStart);
  if (!seg || seg.to !== comma - 1) return null;
  if (isTitlePhrase(tokens, seg) && endsInName(tokens, before) && hasName(tokens, before)) {
    return { from: before.from, to: seg.to };
  }
  if (isTitlePhrase(tokens, before) && hasName(tokens, seg) && endsInName(tokens, seg)) {
    return { from: before.from, to: seg.to };
  }
  return null;
}

/** Whether a subject phrase can name a speaker: a pronoun, a name, or a speaker noun. */
function isSpeakerLike(tokens: readonly Token[], r: Range): boolean {
  for (let i = r.from; i <= r.to; i++) {
    const t = tokens[i]!;
    if (SUBJECT_PRONOUNS.has(t.norm)) return true;
    if (isSpeakerNoun(t)) return true;
    if (isNamePart(t) && !(i === 0 && CAPITALISED_FUNCTION.has(t.norm))) {
      if (!(i === r.from && DETERMINERS.has(t.norm))) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// One sentence

function matchesAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) {
    if (tokens[i + k]?.norm !== words[k]) return false;
  }
  return true;
}

function detectTokens(tokens: readonly Token[], inside: readonly boolean[]): Found[] {
  const found: Found[] = [];
  const consumed = new Set<number>();
  const add = (f: Found) => {
    found.push(f);
    for (let k = f.cue.from; k <= f.cue.to; k++) consumed.add(k);
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.isWord || inside[i] || consumed.has(i)) continue;

    // "according to X"
    if (t.norm === "according" && tokens[i + 1]?.norm === "to") {
      const np = forwardNP(tokens, i + 2);
      if (np && !ACCORDING_TO_NON_SOURCES.has(tokens[np.to]!.norm)) {
        add({
          cue: { from: i, to: i + 1 },
          source: withTrailingAppositive(tokens, np),
          kind: "according-to",
          confidence: 0.95,
        });
        i += 1;
      }
      continue;
    }

    if (ADVERBIALS.has(t.norm)) {
      add({ cue: { from: i, to: i }, source: null, kind: "adverbial", confidence: 0.85 });
      continue;
    }

    const passive = PASSIVE_PARTICIPLES.has(t.norm) ? passiveAt(tokens, i) : null;
    if (passive) {
      add(passive);
      i = passive.cue.to;
      continue;
    }

    if (NOUN_CUE_VERBS.has(t.norm)) {
      const j = skipPreverbal(tokens, i);
      const subject =
        j >= 0 && NOUN_CUE_SUBJECTS.has(tokens[j]!.norm) ? backwardNP(tokens, j) : null;
      if (subject && tokens[i + 1]?.norm !== "to") {
        add({ cue: { from: i, to: i }, source: subject, kind: "reporting-verb", confidence: 0.8 });
        continue;
      }
    }

    const relayed = relayedAt(tokens, i);
    if (relayed) {
      add(relayed);
      continue;
    }

    const verb = REPORTING_VERBS.get(t.norm);
    if (!verb || t.isCapitalised) continue;
    // "A UN report found…", "the claims were…": a noun that happens to be a verb form.
    const after = tokens[i + 1];
    const nounLike = t.norm === verb.lemma || (t.norm.endsWith("s") && t.norm !== "says");
    if (
      nounLike &&
      after?.isWord &&
      (REPORTING_VERBS.has(after.norm) ||
        NOUN_CUE_VERBS.has(after.norm) ||
        (AUXILIARIES.has(after.norm) && after.norm !== "not"))
    ) {
      continue;
    }
    let cueEnd = i;
    if (verb.particle) {
      if (tokens[i + 1]?.norm !== verb.particle) continue;
      cueEnd = i + 1;
    }
    if (falseObject(tokens, cueEnd + 1, verb.lemma)) continue;
    if (
      verb.needsThat &&
      tokens[cueEnd + 1]?.norm !== "that" &&
      !bareComplement(tokens, i, verb.lemma)
    ) {
      continue;
    }
    const f = activeAt(tokens, i, cueEnd, verb.strong, found);
    if (f) add(f);
  }
  return found;
}

/**
 * A speaker relayed by someone else: "citing local officials" (cue "citing"), "Reuters quoted a
 * commander as saying" (cue "quoted"); the source is the one relayed, who made the statement.
 */
function relayedAt(tokens: readonly Token[], i: number): Found | null {
  const word = tokens[i]!.norm;
  if (word !== "citing" && word !== "quoted") return null;
  const np = forwardNP(tokens, i + 1);
  if (!np || !isSpeakerLike(tokens, np) || FIRST_SECOND_PERSON.has(tokens[np.from]!.norm)) {
    return null;
  }
  if (word === "quoted") {
    const as = tokens[np.to + 1];
    const verb = tokens[np.to + 2];
    if (as?.norm !== "as" || !verb || !/ing$/u.test(verb.norm)) return null;
    return { cue: { from: i, to: i }, source: np, kind: "reporting-verb", confidence: 0.85 };
  }
  const source = withTrailingAppositive(tokens, np);
  return { cue: { from: i, to: i }, source, kind: "reporting-verb", confidence: 0.8 };
}

/** The head noun of a phrase: the word before its first "of"/"for" ("Minutes of the meeting"). */
function headOf(tokens: readonly Token[], r: Range): string {
  for (let k = r.from + 1; k <= r.to; k++) {
    if (tokens[k]!.norm === "of" || tokens[k]!.norm === "for") return tokens[k - 1]!.norm;
  }
  return tokens[r.to]!.norm;
}

const OBJECT_PRONOUNS = new Set(["him", "her", "them", "me", "us", "you", "it", "so", "in", "of"]);
const FINDING_VERBS = new Set(["show", "find"]);
const OPINION_VERBS = new Set(["believe", "think"]);

/**
 * A "that"-less complement clause after a verb that otherwise needs "that": figures "show growth
 * slowing", a study "found levels rising" (the subject is a document), analysts "believe the group
 * has…" (a speaker, then a clause: a determiner, a name or a subject pronoun, not an object).
 */
function bareComplement(tokens: readonly Token[], i: number, lemma: string): boolean {
  const next = tokens[i + 1];
  if (!next?.isWord || OBJECT_PRONOUNS.has(next.norm)) return false;
  const j = skipPreverbal(tokens, i);
  if (j < 0) return false;
  const subject = isComma(tokens[j]) ? subjectBeforeComma(tokens, j) : backwardNP(tokens, j);
  if (FINDING_VERBS.has(lemma))
    return subject !== null && DOCUMENT_NOUNS.has(headOf(tokens, subject));
  if (!OPINION_VERBS.has(lemma)) return false;
  if (!subject || !isSpeakerLike(tokens, subject)) return false;
  return (
    DETERMINERS.has(next.norm) ||
    SUBJECT_PRONOUNS.has(next.norm) ||
    (next.isCapitalised && !REPORTING_VERBS.has(next.norm))
  );
}

const FALSE_OBJECT_WORDS: ReadonlyMap<string, ReadonlyArray<readonly string[]>> = new Map(
  [...FALSE_OBJECTS].map(([lemma, phrases]) => [lemma, phrases.map((p) => p.split(" "))]),
);

function falseObject(tokens: readonly Token[], next: number, lemma: string): boolean {
  const list = FALSE_OBJECT_WORDS.get(lemma);
  if (!list) return false;
  return list.some((words) => matchesAt(tokens, next, words));
}

/** "it was reported", "is said to", "has been reported by Reuters", "was quoted as saying". */
function passiveAt(tokens: readonly Token[], i: number): Found | null {
  let j = i - 1;
  while (j >= 0 && tokens[j]!.isWord && isAdverb(tokens[j]!) && !BE_FORMS.has(tokens[j]!.norm)) {
    j -= 1;
  }
  const word = tokens[i]!.norm;
  if (j < 0 || !BE_FORMS.has(tokens[j]!.norm)) {
    // A reduced passive: "the clubs, understood to have agreed a fee," → "understood".
    const verb = tokens[i + 2]?.norm;
    const before = tokens[i - 1];
    const reduced =
      REDUCED_PASSIVES.has(word) &&
      tokens[i + 1]?.norm === "to" &&
      (verb === "have" || verb === "be") &&
      before !== undefined &&
      (isComma(before) || (before.isWord && !SUBJECT_PRONOUNS.has(before.norm)));
    return reduced
      ? { cue: { from: i, to: i }, source: null, kind: "passive", confidence: 0.7 }
      : null;
  }
  if (AGENT_ONLY_PARTICIPLES.has(word) && tokens[i + 1]?.norm !== "by") return null;
  let from = j;
  if (tokens[j]!.norm === "been" && tokens[j - 1] && PERFECT_AUX.has(tokens[j - 1]!.norm)) {
    from = j - 1;
  }
  const next = tokens[i + 1];
  if (word === "quoted") {
    if (next?.norm === "as" && tokens[i + 2] && /ing$/u.test(tokens[i + 2]!.norm)) {
      const subjectEnd = skipPreverbal(tokens, from);
      const subject = subjectEnd >= 0 ? backwardNP(tokens, subjectEnd) : null;
      return {
        cue: { from, to: i + 2 },
        source: subject,
        kind: subject ? "reporting-verb" : "passive",
        confidence: 0.9,
      };
    }
    return null;
  }
  const nextNorm = next?.norm ?? "";
  const ok =
    next === undefined ||
    !next.isWord ||
    nextNorm === "that" ||
    nextNorm === "to" ||
    nextNorm === "by" ||
    (word !== "said" && word !== "claimed" && word !== "argued" && !NP_STOPS.has(nextNorm));
  if (!ok || (word === "said" && nextNorm !== "to" && nextNorm !== "that")) return null;
  // "were told to leave" reports nobody; "was told by a spokesperson" does.
  if (word === "told" && nextNorm !== "by") return null;
  if (nextNorm === "by") {
    const agent = forwardNP(tokens, i + 2);
    if (agent) return { cue: { from, to: i }, source: agent, kind: "passive", confidence: 0.85 };
  }
  return { cue: { from, to: i }, source: null, kind: "passive", confidence: 0.85 };
}

/** An active reporting verb at `i` (cue `i..cueEnd`): its subject before, or inverted after. */
function activeAt(
  tokens: readonly Token[],
  i: number,
  cueEnd: number,
  strong: boolean,
  earlier: readonly Found[],
): Found | null {
  const cue = { from: i, to: cueEnd };
  const j = skipPreverbal(tokens, i);
  const prev = j >= 0 ? tokens[j]! : undefined;
  const isParticiple = tokens[i]!.norm.endsWith("ing");
  const shared = () => {
    const last = earlier.length > 0 ? earlier[earlier.length - 1]! : undefined;
    return last?.source ?? null;
  };

  // "…, state media reported": the word is a noun modifying the subject of the next verb.
  const nounBeforeVerb = (np: Range) => {
    const after = tokens[np.to + 1];
    return after !== undefined && REPORTING_VERBS.has(after.norm) && !tokens[i]!.norm.endsWith("d");
  };
  if (prev === undefined) {
    if (isParticiple) return null;
    const np = forwardNP(tokens, cueEnd + 1);
    return np && !nounBeforeVerb(np) ? invertedFound(tokens, cue, np) : null;
  }
  if (isParticiple && isComma(prev) && CONTINUING_PARTICIPLES.has(tokens[i]!.norm)) {
    const source = shared() ?? openingSubject(tokens, j);
    return source ? { cue, source, kind: "reporting-verb", confidence: 0.7 } : null;
  }
  if (!prev.isWord) {
    if (isComma(prev)) {
      const subject = subjectBeforeComma(tokens, j);
      if (subject) return { cue, source: subject, kind: "reporting-verb", confidence: 0.85 };
    }
    if (isParticiple) return null;
    const np = forwardNP(tokens, cueEnd + 1);
    if (np && isBoundaryAfterSource(tokens, np.to + 1) && !nounBeforeVerb(np)) {
      return invertedFound(tokens, cue, np);
    }
    return null;
  }
  if (prev.norm === "and" || prev.norm === "but") {
    const source = shared();
    return source ? { cue, source, kind: "reporting-verb", confidence: 0.7 } : null;
  }
  if (prev.norm === "who" && isComma(tokens[j - 1])) {
    const subject = backwardNP(tokens, j - 2);
    return subject ? { cue, source: subject, kind: "reporting-verb", confidence: 0.8 } : null;
  }
  if (BE_FORMS.has(prev.norm) && !isParticiple) return null;
  if (FIRST_SECOND_PERSON.has(prev.norm)) return null;
  const relative = subjectBeforeRelative(tokens, j);
  if (relative) return { cue, source: relative, kind: "reporting-verb", confidence: 0.8 };
  const subject = withoutParticipleClause(tokens, backwardNP(tokens, j));
  if (!subject) return null;
  const pronoun = subject.from === subject.to && SUBJECT_PRONOUNS.has(tokens[subject.from]!.norm);
  const speakerLike = pronoun || isSpeakerLike(tokens, subject);
  if (!strong && !speakerLike) return null;
  if (isParticiple && !speakerLike) return null;
  return {
    cue,
    source: subject,
    kind: "reporting-verb",
    confidence: speakerLike ? 0.9 : 0.7,
  };
}

/** "the campaign group supporting him" → "the campaign group": a participle clause is not the source. */
function withoutParticipleClause(tokens: readonly Token[], np: Range | null): Range | null {
  if (!np) return null;
  for (let k = np.from + 1; k <= np.to; k++) {
    const t = tokens[k]!;
    if (t.isCapitalised || !/[a-z]{2,}ing$/u.test(t.norm)) continue;
    const head = tokens[k - 1]!;
    if (isSpeakerNoun(head) || ORGANISATION_HEADS.has(head.norm)) {
      return { from: np.from, to: k - 1 };
    }
  }
  return np;
}

/**
 * The speaker before a relative clause without commas, which is not part of the source:
 * "Residents who fled the district said" → "Residents".
 */
function subjectBeforeRelative(tokens: readonly Token[], j: number): Range | null {
  for (let k = j; k > 0 && j - k < 12; k--) {
    const t = tokens[k]!;
    if (!t.isWord && t.text !== "-" && t.text !== "&") return null;
    if (t.norm !== "who") continue;
    const subject = backwardNP(tokens, k - 1);
    return subject && isSpeakerLike(tokens, subject) ? subject : null;
  }
  return null;
}

/**
 * The subject opening the sentence, for a reporting participle after a comma that continues
 * its clause: "The chancellor has defended cuts, telling MPs…" → "The chancellor".
 */
function openingSubject(tokens: readonly Token[], comma: number): Range | null {
  const np = forwardNP(tokens, 0);
  if (!np || np.to >= comma) return null;
  const next = tokens[np.to + 1];
  if (!next?.isWord || !isSpeakerLike(tokens, np)) return null;
  return np;
}

const SOURCE_END_MARKS = new Set([".", ",", ";", ":", "!", "?", "”", '"', "»", ")", "—", "–", "-"]);

function isBoundaryAfterSource(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (t === undefined) return true;
  if (!t.isWord) return SOURCE_END_MARKS.has(t.text);
  return (
    t.norm === "in" ||
    t.norm === "on" ||
    t.norm === "at" ||
    t.norm === "who" ||
    t.norm === "during" ||
    t.norm === "after" ||
    t.norm === "late" ||
    t.norm === "earlier" ||
    t.norm === "last" ||
    t.norm === "yesterday" ||
    t.norm === "today" ||
    REPORTING_VERBS.has(t.norm)
  );
}

function invertedFound(tokens: readonly Token[], cue: Range, np: Range): Found | null {
  if (FIRST_SECOND_PERSON.has(tokens[np.from]!.norm)) return null;
  // "…, said it" and "…, told them": after the verb only "he"/"she" can be an inverted subject.
  const only = tokens[np.from]!.norm;
  if (np.from === np.to && (only === "it" || only === "they")) return null;
  const source = withTrailingAppositive(tokens, np);
  return { cue, source, kind: "reporting-verb", confidence: 0.85 };
}

// ---------------------------------------------------------------------------
// The document: quotes carried across sentences, pronouns resolved

interface Mention {
  name: string;
  kind: "person" | "org";
  sentence: number;
  position: number;
  speaker: boolean;
}

function span(sentence: string, tokens: readonly Token[], r: Range): TextSpan {
  const start = tokens[r.from]!.start;
  const end = tokens[r.to]!.end;
  return { text: sentence.slice(start, end), start, end };
}

/** The personal name inside a source phrase, without leading titles: "Haider al-Abadi". */
function personName(tokens: readonly Token[], r: Range): string | null {
  let i = r.from;
  while (i <= r.to) {
    while (i <= r.to && !isNamePart(tokens[i]!)) i++;
    let j = i;
    while (
      j + 1 <= r.to &&
      (isNamePart(tokens[j + 1]!) ||
        (NAME_PARTICLES.has(tokens[j + 1]!.norm) && tokens[j + 2] && isNamePart(tokens[j + 2]!)))
    ) {
      j++;
    }
    let k = i;
    while (k <= j && (TITLES.has(tokens[k]!.norm) || DETERMINERS.has(tokens[k]!.norm))) k++;
    if (k <= j) {
      const words = tokens.slice(k, j + 1);
      const org = words.some((w) => ORG_WORDS.has(w.norm) || w.isAcronym);
      if (!org)
        return words
          .map((w) => w.text)
          .join(" ")
          .replace(/ - /gu, "-");
    }
    i = j + 1;
  }
  return null;
}

const surnameKey = (name: string) => {
  const words = name.toLowerCase().split(/\s+/u);
  return words[words.length - 1] ?? "";
};

export const detectDocumentAttributions: DocumentDetector = (sentences) => {
  const out: Attribution[][] = [];
  const mentions: Mention[] = [];
  const fullNames = new Map<string, string>();
  // Gender by surname, from titles ("Mrs"), first names and pronouns already resolved.
  const genders = new Map<string, Gender>();
  let openQuote = false;
  let run: number[] = [];
  let runOpener: Attribution | null = null;
  let insideFlags: boolean[] = [];
  // The speaker of the last sentence with a quote, and the one a new quote run may continue:
  // "“A,” he said. “B. C.”" — the second quote has no cue of its own and is still his.
  let lastQuoted: { sentence: number; speaker: Attribution } | null = null;
  let runContinues: Attribution | null = null;
  let previous: { text: string; tokens: readonly Token[] } | null = null;

  const closeRun = (closer: Attribution | null) => {
    const speaker = runOpener ?? closer ?? runContinues;
    if (speaker) {
      const name = speaker.resolvedSource ?? speaker.source?.text ?? null;
      for (const s of run) {
        if (!insideFlags[s] || out[s]!.length > 0) continue;
        out[s]!.push({
          cue: null,
          source: null,
          resolvedSource: name,
          kind: "quote-carried",
          confidence: 0.75,
        });
      }
    }
    run = [];
    runOpener = null;
    runContinues = null;
  };

  sentences.forEach((sentence, s) => {
    const tokens = tokenize(sentence);
    const startsOpen = openQuote;
    const mask = quotedMask(sentence, tokens, startsOpen);
    const found = detectTokens(tokens, mask.inside);
    const attributions: Attribution[] = [];
    for (const f of found) {
      let resolvedSource: string | null = null;
      let name: string | null = null;
      let kind: Mention["kind"] | null = null;
      if (f.source) {
        const sourceText = span(sentence, tokens, f.source).text;
        const first = tokens[f.source.from]!;
        if (f.source.from === f.source.to && first.text === "One") {
          resolvedSource = previous ? groupIn(previous.text, previous.tokens) : null;
        } else if (f.source.from === f.source.to && SUBJECT_PRONOUNS.has(first.norm)) {
          const wanted = first.norm === "he" || first.norm === "she" ? "person" : "org";
          const gender = first.norm === "he" ? "m" : first.norm === "she" ? "f" : null;
          resolvedSource = resolve(mentions, wanted, s, first.start, gender, genders);
          if (resolvedSource && gender) genders.set(surnameKey(resolvedSource), gender);
          name = resolvedSource;
          kind = wanted;
        } else {
          const type = guessSourceType(sourceText);
          if (type === "NAMED_PERSON") {
            name = personName(tokens, f.source) ?? sourceText;
            const full = fullNames.get(surnameKey(name));
            if (full && full !== name && !name.includes(" ")) resolvedSource = full;
            else if (name.includes(" ")) fullNames.set(surnameKey(name), name);
            name = resolvedSource ?? name;
            kind = "person";
            noteGender(tokens, f.source, name, genders);
          } else if (
            type === "NAMED_ORGANISATION" ||
            type === "OFFICIAL_BODY" ||
            type === "MEDIA_OUTLET"
          ) {
            name = sourceText;
            kind = "org";
          }
        }
        if (name && kind) {
          mentions.push({ name, kind, sentence: s, position: first.start, speaker: true });
        }
      }
      attributions.push({
        cue: span(sentence, tokens, f.cue),
        source: f.source ? span(sentence, tokens, f.source) : null,
        resolvedSource,
        kind: f.kind,
        confidence:
          f.source && SUBJECT_PRONOUNS.has(tokens[f.source.from]!.norm) && !resolvedSource
            ? Math.min(f.confidence, 0.7)
            : f.confidence,
      });
    }
    collectMentions(tokens, s, mentions, fullNames, genders);
    out.push(attributions);
    previous = { text: sentence, tokens };

    const words = tokens.filter((t) => t.isWord).length;
    insideFlags[s] = words > 0 && tokens.every((t, k) => !t.isWord || mask.inside[k]);
    if (!startsOpen && mask.openAtEnd) {
      run = [s];
      runOpener = attributions[0] ?? null;
      runContinues = lastQuoted?.sentence === s - 1 ? lastQuoted.speaker : null;
    } else if (startsOpen) {
      run.push(s);
      if (!mask.openAtEnd) closeRun(attributions[0] ?? null);
      else if (run.length >= QUOTE_RUN_LIMIT) closeRun(null);
    } else if (insideFlags[s] && attributions.length === 0 && lastQuoted?.sentence === s - 1) {
      // The segmenter keeps a quotation of several sentences as one unit, so
      // “A,” he said. “B. C.” reaches us as two units, the second wholly quoted.
      const { resolvedSource, source } = lastQuoted.speaker;
      attributions.push({
        cue: null,
        source: null,
        resolvedSource: resolvedSource ?? source?.text ?? null,
        kind: "quote-carried",
        confidence: 0.75,
      });
    }
    openQuote = mask.openAtEnd && run.length > 0;
    const speaker = attributions.find((a) => a.kind !== "quote-carried" && a.source !== null);
    if (speaker && mask.inside.some(Boolean)) lastQuoted = { sentence: s, speaker };
  });
  if (run.length > 0) closeRun(null);
  insideFlags = [];
  return out;
};

type Gender = "m" | "f";

/** Records a person's gender when a title or a first name in the phrase gives it away. */
function noteGender(
  tokens: readonly Token[],
  r: Range,
  name: string,
  genders: Map<string, Gender>,
): void {
  const key = surnameKey(name);
  if (genders.has(key)) return;
  for (let k = r.from; k <= r.to; k++) {
    const norm = tokens[k]!.norm.replace(/\.$/u, "");
    if (MALE_TITLES.has(norm)) return void genders.set(key, "m");
    if (FEMALE_TITLES.has(norm)) return void genders.set(key, "f");
  }
  const firstName = name.split(/\s+/u)[0]?.toLowerCase() ?? "";
  if (name.includes(" ") && MALE_NAMES.has(firstName)) genders.set(key, "m");
  else if (name.includes(" ") && FEMALE_NAMES.has(firstName)) genders.set(key, "f");
}

/** The last group of people in a sentence, which "One" in the next picks from: "several MPs". */
function groupIn(sentence: string, tokens: readonly Token[]): string | null {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k]!;
    const group =
      t.norm.endsWith("s") && (ANONYMOUS_NOUNS.has(t.norm) || OFFICIAL_NOUNS.has(t.norm));
    if (!group) continue;
    const np = backwardNP(tokens, k);
    return np ? span(sentence, tokens, np).text : null;
  }
  return null;
}

/** Names in the text that a later pronoun may refer to: "Prime Minister X", "the PMU". */
function collectMentions(
  tokens: readonly Token[],
  s: number,
  mentions: Mention[],
  fullNames: Map<string, string>,
  genders: Map<string, Gender>,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isNamePart(t) || isFunctionCapital(tokens, i)) continue;
    let j = i;
    while (j + 1 < tokens.length && isNamePart(tokens[j + 1]!)) j++;
    const words = tokens.slice(i, j + 1);
    const org = words.some((w) => ORG_WORDS.has(w.norm) || w.isAcronym);
    const titled =
      (i > 0 && TITLES.has(tokens[i - 1]!.norm)) || words.some((w) => TITLES.has(w.norm));
    if (org) {
      const text = words.map((w) => w.text).join(" ");
      mentions.push({ name: text, kind: "org", sentence: s, position: t.start, speaker: false });
    } else if (
      titled ||
      (words.length >= 2 &&
        (words.some((w) => NAME_PREFIX.test(w.text)) ||
          MALE_NAMES.has(words[0]!.norm) ||
          FEMALE_NAMES.has(words[0]!.norm)))
    ) {
      const range = { from: i, to: j };
      const name = personName(tokens, range);
      if (name) {
        if (name.includes(" "))
          fullNames.set(surnameKey(name), fullNames.get(surnameKey(name)) ?? name);
        mentions.push({ name, kind: "person", sentence: s, position: t.start, speaker: false });
        noteGender(tokens, { from: Math.max(0, i - 1), to: j }, name, genders);
      }
    }
    i = j;
  }
}

/**
 * The nearest preceding speaker of the wanted kind, or failing that the
 * nearest mention, within a few sentences; null when the nearest sentence
 * offers two different candidates.
 */
function resolve(
  mentions: readonly Mention[],
  kind: Mention["kind"],
  s: number,
  position: number,
  gender: Gender | null,
  genders: ReadonlyMap<string, Gender>,
): string | null {
  const candidates = mentions.filter(
    (m) =>
      m.kind === kind &&
      (gender === null || (genders.get(surnameKey(m.name)) ?? gender) === gender) &&
      s - m.sentence <= RESOLUTION_WINDOW &&
      (m.sentence < s || m.position < position),
  );
  for (const speakersOnly of [true, false]) {
    const pool = speakersOnly ? candidates.filter((m) => m.speaker) : candidates;
    if (pool.length === 0) continue;
    const nearest = pool.reduce((a, b) =>
      b.sentence > a.sentence || (b.sentence === a.sentence && b.position > a.position) ? b : a,
    );
    const names = new Set(
      pool.filter((m) => m.sentence === nearest.sentence).map((m) => surnameKey(m.name)),
    );
    if (names.size !== 1) return null;
    if (speakersOnly) {
      const later = candidates.filter(
        (m) =>
          !m.speaker &&
          surnameKey(m.name) !== surnameKey(nearest.name) &&
          (m.sentence > nearest.sentence ||
            (m.sentence === nearest.sentence && m.position > nearest.position)),
      );
      if (later.length > 0) return null;
    }
    return nearest.name;
  }
  return null;
}
