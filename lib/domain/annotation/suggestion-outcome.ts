/**
 * What an annotator did with the attribution assistant's suggestion for a
 * sentence, recorded with the annotation so a project can see how often the
 * assistant was right. Null (not one of these) means there was no suggestion.
 */
export const SUGGESTION_OUTCOMES = ["ACCEPTED", "EDITED", "IGNORED"] as const;
export type SuggestionOutcome = (typeof SUGGESTION_OUTCOMES)[number];

/** The fields of an annotation that say who it is attributed to. */
export interface SourceFields {
  sourceId: string | null;
  sourceText: string | null;
  sourceType: string | null;
  sourceStart: number | null;
  sourceEnd: number | null;
}

export const sameSource = (a: SourceFields, b: SourceFields): boolean =>
  a.sourceId === b.sourceId &&
  a.sourceText === b.sourceText &&
  a.sourceType === b.sourceType &&
  a.sourceStart === b.sourceStart &&
  a.sourceEnd === b.sourceEnd;

/**
 * The outcome to save with an annotation. `suggested` is null when the
 * assistant named nobody for the sentence, else the source fields that
 * accepting each of its attributions sets. ACCEPTED: the saved source is one
 * of them, unchanged. EDITED: it was accepted before (`previous`) and has
 * changed since. IGNORED: a suggestion existed and something else, or no
 * source, is saved. The earlier outcome is what remembers an acceptance, so
 * it survives reloads with the annotation.
 */
export function suggestionOutcome(
  suggested: readonly SourceFields[] | null,
  saved: SourceFields,
  previous: SuggestionOutcome | null | undefined,
): SuggestionOutcome | null {
  if (!suggested) return null;
  if (suggested.some((s) => sameSource(s, saved))) return "ACCEPTED";
  return previous === "ACCEPTED" || previous === "EDITED" ? "EDITED" : "IGNORED";
}
