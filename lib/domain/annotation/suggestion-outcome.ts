/**
 * What an annotator did with the attribution assistant's suggestion for a
 * sentence, recorded with the annotation so a project can see how often the
 * assistant was right. Null (not one of these) means there was no suggestion.
 */
export const SUGGESTION_OUTCOMES = ["ACCEPTED", "EDITED", "IGNORED"] as const;
export type SuggestionOutcome = (typeof SUGGESTION_OUTCOMES)[number];
