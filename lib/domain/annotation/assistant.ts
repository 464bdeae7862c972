import { normaliseName } from "../attribution/registry";
import type { Label, SourceType } from "./labels";
import type { SourceFields } from "./suggestion-outcome";

/**
 * The attribution assistant as the workspace uses it: the suggestions the
 * server sends (lib/server/annotations/suggestions.ts, the same shape) and
 * what accepting one sets. Spans are document offsets, like sentence offsets.
 */
export interface SuggestionSpan {
  text: string;
  start: number;
  end: number;
}

export interface AttributionSuggestion {
  cue: SuggestionSpan | null;
  source: SuggestionSpan | null;
  resolvedSource: string | null;
  kind: string;
  sourceId: string | null;
  sourceType: SourceType | null;
  confidence: number;
}

export interface SentenceSuggestions {
  sentenceId: string;
  attributions: AttributionSuggestion[];
  label: { value: Label; confidence: number; model: string } | null;
}

/** A registry entry as far as accepting a suggestion needs it. */
export interface RegistrySource {
  id: string;
  name: string;
  aliases: readonly string[];
  type: SourceType;
}

/** The source fields accepting a suggestion sets. */
export interface AcceptedSource extends SourceFields {
  sourceId: string;
  sourceText: string;
  sourceType: SourceType;
}

/** An attribution that names somebody, so accepting it can set a source. */
export type NamedAttribution = AttributionSuggestion & { sourceType: SourceType };

/** The attributions accepting can act on: an agentless "it was reported" names nobody. */
export function namedAttributions(suggestion: SentenceSuggestions | undefined): NamedAttribution[] {
  return (suggestion?.attributions ?? []).filter(
    (a): a is NamedAttribution =>
      (a.source != null || a.resolvedSource != null) && a.sourceType != null,
  );
}

/**
 * The name a new registry entry gets: the person or body named earlier when
 * the source is a pronoun or a surname ("Al-Muhandis" → "Abu Mahdi
 * al-Muhandis"), else the words as written, without an appositive (", Deputy
 * Commander of the PMU") that belongs to this sentence and not to the name.
 */
export function suggestedName(attribution: AttributionSuggestion): string {
  const named = attribution.resolvedSource ?? attribution.source?.text ?? "";
  const core = named.split(",")[0] ?? named;
  return core.trim();
}

/**
 * The registry entry an attribution names: the server's match, or, for an
 * entry added since the suggestions were computed (perhaps by accepting
 * another sentence's suggestion), the entry whose name or an alias is the
 * suggested name once case, articles and punctuation are set aside. Only the
 * same name: a loose match here would take "Some sources" for "Some
 * pro-government sources" the moment the latter is added.
 */
export function registryEntryFor<S extends RegistrySource>(
  attribution: AttributionSuggestion,
  registry: readonly S[],
): S | null {
  if (attribution.sourceId) {
    const known = registry.find((s) => s.id === attribution.sourceId);
    if (known) return known;
  }
  const name = normaliseName(suggestedName(attribution));
  if (!name) return null;
  return (
    registry.find((s) => [s.name, ...s.aliases].some((n) => normaliseName(n) === name)) ?? null
  );
}

/**
 * What accepting an attribution attributed to `entry` sets: the entry, its
 * type, and the words naming the source as the span (none for a quote carried
 * from another sentence, whose words are not in this one).
 */
export function acceptedSource(
  attribution: AttributionSuggestion,
  entry: RegistrySource,
): AcceptedSource {
  return {
    sourceId: entry.id,
    sourceText: entry.name,
    sourceType: entry.type,
    sourceStart: attribution.source?.start ?? null,
    sourceEnd: attribution.source?.end ?? null,
  };
}

/**
 * The source fields each of a sentence's attributions would set if accepted,
 * for suggestionOutcome; null when the assistant names nobody in it. An
 * attribution whose entry is not in the registry yet cannot have been
 * accepted, so it contributes nothing but still counts as a suggestion.
 */
export function suggestedSources(
  suggestion: SentenceSuggestions | undefined,
  registry: readonly RegistrySource[],
): SourceFields[] | null {
  const named = namedAttributions(suggestion);
  if (!named.length) return null;
  return named.flatMap((a) => {
    const entry = registryEntryFor(a, registry);
    return entry ? [acceptedSource(a, entry)] : [];
  });
}

/** The next attribution shown for a sentence with several (Shift+A), wrapping around. */
export const nextAttribution = (index: number, count: number): number =>
  count > 0 ? (index + 1) % count : 0;
