/**
 * Abbreviations the segmenter knows, by how the word after them decides
 * whether a sentence ends there.
 */

/** Never end a sentence: a name or object always follows. */
// prettier-ignore
export const ALWAYS_CONTINUES: ReadonlySet<string> = new Set([
  "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cpt.",
  "Sgt.", "Cpl.", "Pvt.", "Adm.", "Cmdr.", "Brig.", "Gov.", "Sen.", "Sens.", "Rep.", "Reps.",
  "Pres.", "Rev.", "Hon.", "Amb.", "Gens.", "Lt.-Gen.", "Maj.-Gen.", "Brig.-Gen.", "e.g.", "i.e.",
  "vs.", "v.", "cf.", "viz.", "approx.", "ca.", "incl.", "esp.", "resp.",
]);

/** Continue only when a number follows ("No. 5", "Jan. 20", "N°. 1026"). */
// prettier-ignore
export const CONTINUES_BEFORE_NUMBER: ReadonlySet<string> = new Set([
  "No.", "Nos.", "no.", "N°.", "Nº.", "n°.", "Art.", "Vol.", "vol.", "Fig.", "fig.", "p.", "pp.",
  "Sec.", "Ch.", "Para.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
  "Oct.", "Nov.", "Dec.",
]);

/** Often mid-sentence, but a sentence can end with them ("in the U.S."). */
// prettier-ignore
export const AMBIGUOUS: ReadonlySet<string> = new Set([
  "St.", "Mt.", "Ft.", "Jr.", "Sr.", "Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "etc.", "a.m.",
  "p.m.", "A.M.", "P.M.",
  // Names spelt with "!": the mark is part of the name, not the end of a sentence.
  "Yahoo!", "Yum!", "Jeopardy!", "Joomla!",
]);

export const INITIALS = /^(?:\p{Lu}\.)+$/u; // "W.", "U.S.", "J.P.", "U.S.A."
export const DOTTED_ABBREVIATION = /^(?:\p{L}{1,3}\.){2,}$/u; // "Ph.D."

/** How the word after a known abbreviation decides whether a sentence ends there. */
export type AbbreviationKind = "continues" | "before-number" | "ambiguous";

const KINDS: ReadonlyArray<readonly [ReadonlySet<string>, AbbreviationKind]> = [
  [ALWAYS_CONTINUES, "continues"],
  [CONTINUES_BEFORE_NUMBER, "before-number"],
  [AMBIGUOUS, "ambiguous"],
];

function listedKind(token: string): AbbreviationKind | undefined {
  return KINDS.find(([set]) => set.has(token))?.[1];
}

const LETTER = /\p{L}/gu;
const STARTS_LOWERCASE = /^\p{Ll}/u;

/**
 * The listed abbreviations spelt in capitals, as all-caps datelines and
 * headlines write them ("ST. LOUIS (AP) —", "FT. WORTH", "JAN. 5", "JETS VS.
 * SHARKS"). A one-letter one is left out: in capitals it is an initial ("P.",
 * "V."). One that is listed in lower case and never ends a sentence ("vs.",
 * "ca.") is, in capitals, also a word or a state code ("LOS ANGELES, CA."), so
 * there the next word decides.
 */
const IN_CAPITALS: ReadonlyMap<string, AbbreviationKind> = new Map(
  KINDS.flatMap(([set, kind]) =>
    [...set]
      .filter((entry) => listedKind(entry.toUpperCase()) === undefined)
      .filter((entry) => (entry.match(LETTER)?.length ?? 0) >= 2)
      .map((entry): [string, AbbreviationKind] => [
        entry.toUpperCase(),
        kind === "continues" && STARTS_LOWERCASE.test(entry) ? "ambiguous" : kind,
      ]),
  ),
);

/** The kind of a known abbreviation, as listed or spelt in capitals; undefined for any other token. */
export function abbreviationKind(token: string): AbbreviationKind | undefined {
  return listedKind(token) ?? IN_CAPITALS.get(token);
}

export function isKnownAbbreviation(token: string): boolean {
  return abbreviationKind(token) !== undefined;
}

/**
 * Words that normally open a sentence rather than continue a name: after an
 * ambiguous abbreviation, "U.S. The" is two sentences, "U.S. Army" one, and
 * "1 a.m. No one was hurt" two, "5 a.m. Mr. Smith" or "10 p.m. Friday" one.
 * Includes pragmatic_segmenter's English SENTENCE_STARTERS. A starter spelt
 * as a known abbreviation is not one ("the U.S. No. 2 diplomat").
 */
// prettier-ignore
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I",
  "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Here", "But", "And", "Or", "So",
  "Yet", "Nor", "However", "Meanwhile", "Moreover", "Furthermore", "Nevertheless", "Nonetheless",
  "Thus", "Therefore", "Hence", "Then", "Now", "Also", "Still", "Instead", "Indeed", "In", "On",
  "At", "As", "After", "Before", "When", "While", "Where", "If", "Although", "Though", "Because",
  "Since", "Until", "Unless", "According", "Some", "Many", "Most", "Several", "Few", "All",
  "Both", "Each", "Every", "Other", "Others", "Another", "One", "Not", "Last", "Earlier", "Later",
  "Following", "During", "Despite", "For", "From", "With", "By", "Under", "Over", "About",
  "Among", "Between", "What", "Who", "Why", "How", "Which", "Such", "Yesterday", "Today",
  "Tomorrow", "Recently", "Previously", "Currently", "Similarly", "Additionally", "Finally",
  "First", "Second", "Overall", "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Has", "Have",
  "Had", "Can", "Could", "Should", "Would", "Must", "Let", "Please", "Separately", "Elsewhere",
  "Nearly", "Almost", "More", "Less", "Only", "Even", "Just", "Once", "Whether", "Officials",
  "Sources", "Reports", "Being", "Millions", "No", "Nobody", "None", "Neither", "Nothing",
]);

/**
 * Is `word` a sentence starter? In text written in capitals ("WE LIVE IN THE
 * U.S. THE TALKS FAILED.") a capital says nothing, so the word is read as if
 * it were spelt with only its first letter capitalised.
 */
export function isSentenceStarter(word: string, inCapitals: boolean): boolean {
  if (SENTENCE_STARTERS.has(word)) return true;
  return inCapitals && SENTENCE_STARTERS.has(word.charAt(0) + word.slice(1).toLowerCase());
}
