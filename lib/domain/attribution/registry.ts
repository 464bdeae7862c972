/**
 * Matching a detected source to the project's registry of sources, and a
 * guess at the source type when the registry has no entry.
 */
import type { SourceType } from "../annotation/labels";
import {
  ANONYMOUS_NOUNS,
  DOCUMENT_NOUNS,
  GOVERNMENT_AGENCIES,
  GOVERNMENT_PLACES,
  MEDIA_NAMES,
  MEDIA_NOUNS,
  OFFICIAL_NOUNS,
  ORG_WORDS,
  ORGANISATION_HEADS,
  PERSON_HEADS,
  SOCIAL_WORDS,
  SPOKESPERSON_HEADS,
  TITLES,
} from "./lexicon";

export interface RegistryEntry {
  id: string;
  name: string;
  aliases: readonly string[];
  type: SourceType;
}

export interface RegistryMatch {
  entry: RegistryEntry;
  /** 0..1: 1 for the same name once normalised, lower for acronyms, surnames and overlaps. */
  score: number;
}

const ARTICLES = new Set(["the", "a", "an"]);
const INITIAL_SKIP = new Set(["of", "the", "and", "for", "in", "on", "de", "al"]);
const SURNAME_PARTICLES = new Set([
  "al",
  "el",
  "ad",
  "as",
  "bin",
  "ibn",
  "de",
  "van",
  "von",
  "mr",
  "mrs",
  "ms",
  "dr",
]);
const PAREN = /\(([^()]*)\)/gu;
const MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const POSSESSIVE = /['’]s\b/gu;
const APOSTROPHE = /['’]/gu;

/** Lower case, no diacritics, no possessives or punctuation, no leading article. */
export function normaliseName(text: string): string {
  const words = text
    .normalize("NFD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(POSSESSIVE, "")
    .replace(APOSTROPHE, "")
    .replace(NON_WORD, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0);
  while (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  return words.join(" ");
}

function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ses") || word.endsWith("xes")) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

const singularPhrase = (name: string) => name.split(" ").map(singular).join(" ");

function initials(name: string): string {
  const words = name.split(" ").filter((w) => !INITIAL_SKIP.has(w));
  return words.length >= 2 ? words.map((w) => w[0]).join("") : "";
}

interface Variant {
  entry: RegistryEntry;
  full: string;
  singular: string;
  initials: string;
  acronym: boolean;
  surname: string | null;
}

function variantsOf(entry: RegistryEntry): Variant[] {
  const out: Variant[] = [];
  for (const raw of [entry.name, ...entry.aliases]) {
    const pieces = [raw.replace(PAREN, " ")];
    for (const m of raw.matchAll(PAREN)) pieces.push(m[1] ?? "");
    for (const piece of pieces) {
      const full = normaliseName(piece);
      if (!full) continue;
      const words = full.split(" ");
      out.push({
        entry,
        full,
        singular: singularPhrase(full),
        initials: initials(full),
        acronym: /^\p{Lu}{2,}$/u.test(piece.replace(NON_WORD, "")),
        surname:
          entry.type === "NAMED_PERSON" && words.length >= 2 ? words[words.length - 1]! : null,
      });
    }
  }
  return out;
}

const indexCache = new WeakMap<readonly RegistryEntry[], Variant[]>();

function variantsFor(registry: readonly RegistryEntry[]): Variant[] {
  let variants = indexCache.get(registry);
  if (!variants) {
    variants = registry.flatMap(variantsOf);
    indexCache.set(registry, variants);
  }
  return variants;
}

function scoreVariant(query: string, querySingular: string, queryWords: string[], v: Variant) {
  if (query === v.full) return 1;
  if (querySingular === v.singular) return 0.95;
  const compact = query.replace(/ /gu, "");
  if (v.initials && compact === v.initials) return 0.9;
  if (v.acronym && initials(query) === v.full.replace(/ /gu, "")) return 0.9;
  if (v.surname && queryWords[queryWords.length - 1] === v.surname) {
    if (
      queryWords.length === 1 ||
      (queryWords.length === 2 && SURNAME_PARTICLES.has(queryWords[0]!))
    ) {
      return 0.8;
    }
  }
  // The registry name inside a longer phrase: "the PMU's spokesman" → PMU.
  const padded = ` ${query} `;
  if (v.full.length >= 2 && padded.includes(` ${v.full} `)) {
    return 0.6 + 0.3 * (v.full.length / query.length);
  }
  const vw = new Set(v.singular.split(" "));
  const qw = new Set(querySingular.split(" "));
  let shared = 0;
  let sharedNames = 0;
  for (const w of qw) {
    if (!vw.has(w)) continue;
    shared++;
    if (!VAGUE_HEADS.has(w)) sharedNames++;
  }
  // "some sources" shares only the vague head with "pro-government sources": the words that say
  // whose sources they are are the evidence, so a match on heads alone is no match.
  if (sharedNames === 0) return 0;
  const jaccard = shared / (vw.size + qw.size - shared);
  return jaccard >= 0.5 ? 0.4 + 0.4 * jaccard : 0;
}

/** Head nouns of vague sources (singular): on their own they name nobody in particular. */
const VAGUE_HEADS = new Set([
  "source",
  "official",
  "report",
  "observer",
  "activist",
  "resident",
  "witness",
  "expert",
  "analyst",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "people",
  "media",
  "information",
]);

/** The registry entry a source phrase most likely names, or null below a score of 0.5. */
export function matchRegistrySource(
  sourceText: string,
  registry: readonly RegistryEntry[],
): RegistryMatch | null {
  // "Abu Mahdi al-Muhandis, Deputy Commander of the PMU" speaks for himself: the appositive
  // describes the speaker, and matching inside it would attribute his words to the PMU.
  const head = sourceText.split(",")[0] ?? sourceText;
  const query = normaliseName(head);
  if (!query) return null;
  const querySingular = singularPhrase(query);
  const queryWords = query.split(" ");
  let best: RegistryMatch | null = null;
  for (const v of variantsFor(registry)) {
    const score = scoreVariant(query, querySingular, queryWords, v);
    if (score >= 0.5 && (!best || score > best.score)) best = { entry: v.entry, score };
  }
  return best;
}

export interface SourceTypeContext {
  /** The sentence the source was found in, for "… on Telegram". */
  sentence?: string;
  /** A pronoun's antecedent, typed in its place. */
  resolvedSource?: string | null;
}

// A named platform only: "said on Telegram" is a post, "reports on social media" are still reports.
const SOCIAL_IN_SENTENCE =
  /\b(?:on|via|in a post on|posted on) (?:twitter|telegram|facebook|instagram|youtube|tiktok|x|vk)\b/iu;
const AGENCY_PHRASES = [...GOVERNMENT_AGENCIES].filter((a) => a.includes(" "));
const PLURAL_OFFICIALS = new Set([
  "officials",
  "officers",
  "investigators",
  "prosecutors",
  "lawmakers",
  "mps",
  "ministers",
  "doctors",
  "medics",
]);
/** Words that make officials "of a named body": "state transportation officials", "police officers". */
const BODY_WORDS = new Set([
  "state",
  "federal",
  "city",
  "county",
  "government",
  "ministry",
  "police",
  "military",
  "army",
  "council",
  "municipal",
  "provincial",
  "hospital",
  "health",
]);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/** The source type an analyst would most likely give a source phrase. */
export function guessSourceType(
  sourceText: string | null,
  context: SourceTypeContext = {},
): SourceType {
  if (sourceText === null || sourceText.trim() === "") return "OUTLET_ITSELF";
  const pronoun = sourceText.trim().toLowerCase();
  if (pronoun === "he" || pronoun === "she" || pronoun === "it" || pronoun === "they") {
    if (context.resolvedSource) return guessSourceType(context.resolvedSource, {});
    return pronoun === "he" || pronoun === "she" ? "NAMED_PERSON" : "NAMED_ORGANISATION";
  }
  if (pronoun === "one") return "ANONYMOUS";
  // The type of the phrase before an appositive is the type of the whole, except for a title
  // with the name after it ("the chief executive, Priya Raman"): that is a person.
  const [core = "", ...rest] = sourceText.split(",");
  const coreLower = (core.match(WORD) ?? []).map((w) => w.toLowerCase().replace(/['’]s$/u, ""));
  const coreHead = headWord(coreLower);
  if (rest.length > 0 && PERSON_HEADS.has(coreHead)) {
    const appositive = rest.join(",").trim();
    if (guessSourceType(appositive) === "NAMED_PERSON") return "NAMED_PERSON";
  }
  if (SPOKESPERSON_HEADS.has(coreHead)) return spokespersonType(core, coreLower);
  if (rest.length > 0) {
    // "Brigadier General Salim al-Dulaimi, the ministry's spokesman": the body's voice.
    const appositive = rest.join(",").trim();
    const appositiveLower = (appositive.match(WORD) ?? []).map((w) =>
      w.toLowerCase().replace(/['’]s$/u, ""),
    );
    if (SPOKESPERSON_HEADS.has(headWord(appositiveLower))) {
      return spokespersonType(appositive, appositiveLower);
    }
  }
  const agency = normaliseName(core);
  if (
    coreLower.some((w) => GOVERNMENT_AGENCIES.has(w)) ||
    AGENCY_PHRASES.some((a) => agency.includes(a))
  ) {
    return "OFFICIAL_BODY";
  }
  const words = core.match(WORD) ?? [];
  const lower = words.map((w) => w.toLowerCase().replace(/['’]s$/u, ""));
  const normal = normaliseName(core);
  if (lower.some((w) => SOCIAL_WORDS.has(w) && w !== "x" && w !== "post")) return "SOCIAL_MEDIA";
  if (MEDIA_NAMES.has(normal) || MEDIA_NAMES.has(`the ${normal}`)) return "MEDIA_OUTLET";
  const head = headWord(lower);
  const named = words.filter((w, i) => /^\p{Lu}/u.test(w) && !(i === 0 && ARTICLES.has(lower[0]!)));
  if (ANONYMOUS_NOUNS.has(head) && !named.some((w) => ORG_WORDS.has(w.toLowerCase()))) {
    if (context.sentence && SOCIAL_IN_SENTENCE.test(context.sentence)) return "SOCIAL_MEDIA";
    return head === "report" &&
      !/^(?:some|unconfirmed|media)\b/iu.test(core) &&
      lower[0] !== "reports"
      ? "DOCUMENT"
      : "ANONYMOUS";
  }
  if (DOCUMENT_NOUNS.has(head)) return "DOCUMENT";
  if (PLURAL_OFFICIALS.has(head)) {
    const body = lower.slice(0, -1).some((w) => BODY_WORDS.has(w) || ORG_WORDS.has(w));
    const possessor = /['’]s\b/u.test(core);
    return body || possessor || named.length > 0 ? "OFFICIAL_BODY" : "ANONYMOUS";
  }
  if (PERSON_HEADS.has(head) && named.every((w) => TITLES.has(w.toLowerCase()))) {
    // "the chancellor", "her agent": one identifiable person, named or not.
    return "NAMED_PERSON";
  }
  if (ORGANISATION_HEADS.has(head)) return "NAMED_ORGANISATION";
  if ((MEDIA_NOUNS.has(head) && !OFFICIAL_NOUNS.has(head)) || lower.includes("news")) {
    return "MEDIA_OUTLET";
  }
  if (lower.some((w) => MEDIA_NAMES.has(w))) return "MEDIA_OUTLET";
  const personal = named.filter((w) => {
    const l = w.toLowerCase().replace(/['’]s$/u, "");
    return (
      !TITLES.has(l) && !ORG_WORDS.has(l) && !GOVERNMENT_PLACES.has(l) && !/^\p{Lu}{2,}/u.test(w)
    );
  });
  const hasOrgWord = lower.some((w) => ORG_WORDS.has(w));
  const acronym = named.some((w) => /^\p{Lu}[\p{Lu}.&-]*\p{Lu}(?:['’]s)?$/u.test(w));
  if (OFFICIAL_NOUNS.has(head) || (GOVERNMENT_PLACES.has(normal) && named.length > 0)) {
    return "OFFICIAL_BODY";
  }
  if (lower.some((w) => w === "ministry" || w === "police" || w === "army" || w === "military")) {
    return "OFFICIAL_BODY";
  }
  if (hasOrgWord || acronym) return "NAMED_ORGANISATION";
  if (personal.length > 0) return "NAMED_PERSON";
  if (named.length > 0) return "NAMED_ORGANISATION";
  return "ANONYMOUS";
}

/**
 * A spokesperson speaks for a body: "A spokesman for British American Tobacco" is the company's
 * voice, "the ministry's spokesman" the ministry's; an unknown body is taken to be official.
 */
function spokespersonType(core: string, lower: readonly string[]): SourceType {
  const forBody = /\b(?:for|of)\s+(.+)$/iu.exec(core)?.[1];
  const possessor = /^(.*?)['’]s\s+[\p{L}-]*\s*spokes/iu.exec(core)?.[1];
  const body = forBody ?? possessor;
  if (!body || lower.length === 0) return "OFFICIAL_BODY";
  const type = guessSourceType(body);
  if (type === "NAMED_PERSON" || type === "ANONYMOUS" || type === "OUTLET_ITSELF") {
    // A capitalised name a spokesperson speaks for is an organisation, not a person.
    return /\p{Lu}/u.test(body) && !/^(?:his|her|their)$/iu.test(body.trim())
      ? "NAMED_ORGANISATION"
      : "OFFICIAL_BODY";
  }
  return type;
}

/** The head noun of a phrase: the last word before "of"/"for"/a place phrase. */
function headWord(lower: readonly string[]): string {
  let end = lower.length;
  for (let i = 1; i < lower.length; i++) {
    const w = lower[i]!;
    if (
      w === "of" ||
      w === "for" ||
      w === "in" ||
      w === "from" ||
      w === "close" ||
      w === "familiar" ||
      w === "at" ||
      w === "with"
    ) {
      end = i;
      break;
    }
  }
  return lower[end - 1] ?? "";
}
