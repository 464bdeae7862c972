"use client";

import { useEffect, useRef, useState } from "react";
import {
  acceptedSource,
  namedAttributions,
  nextAttribution,
  registryEntryFor,
  suggestedName,
  suggestedSources,
  suggestionOutcome,
  type AttributionSuggestion,
  type Change,
  type SentenceSuggestions,
  type SourceView,
} from "@/lib/domain/annotation";
import { documentSuggestionsAction } from "@/lib/actions/suggestions";
import { createSourceAction } from "@/lib/actions/sources";
import type { WorkspaceSentence } from "./sentence-list";
import { EMPTY } from "./use-annotation-edits";
import type { useRegistry } from "./use-registry";
import type { useSaveQueue } from "./use-save-queue";

type ChangeFn = ReturnType<typeof useSaveQueue>["change"];

/** The suggestion shown for a sentence: one of its attributions, and where it is among them. */
export interface ShownAttribution {
  attribution: AttributionSuggestion;
  index: number;
  count: number;
  /** Accepting it can set a source (an agentless "it was reported" names nobody). */
  named: boolean;
  /** Its registry entry, when there is one yet. */
  entry: SourceView | null;
}

/**
 * The attribution assistant in the workspace. When the project has it on, the
 * document's suggestions are fetched once after the first paint (the list is
 * usable before they arrive); A accepts the shown suggestion's source, Shift+A
 * shows the next one, and every save carries the suggestion outcome. When it
 * is off nothing is fetched and every key is a no-op.
 */
export function useAssistant(args: {
  enabled: boolean;
  projectSlug: string;
  documentId: string;
  registry: ReturnType<typeof useRegistry>;
  setHint: (hint: string | null) => void;
}) {
  const { enabled, projectSlug, documentId, registry, setHint } = args;
  const [suggestions, setSuggestions] = useState<ReadonlyMap<string, SentenceSuggestions> | null>(
    null,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [shownIndex, setShownIndex] = useState<ReadonlyMap<string, number>>(new Map());
  const suggestionsRef = useRef(suggestions);
  const accepting = useRef(new Set<string>());

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    documentSuggestionsAction(projectSlug, documentId)
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          const map = new Map(result.data.sentences.map((s) => [s.sentenceId, s]));
          suggestionsRef.current = map;
          setSuggestions(map);
        } else setProblem(result.message);
      })
      .catch(() => {
        if (live)
          setProblem("No connection to the server: the assistant’s suggestions are not shown.");
      });
    return () => {
      live = false;
    };
  }, [enabled, projectSlug, documentId]);

  /** Named attributions first: those are what A can accept. */
  function ordered(sentenceId: string): AttributionSuggestion[] {
    const suggestion = suggestions?.get(sentenceId);
    const named = namedAttributions(suggestion);
    const rest = (suggestion?.attributions ?? []).filter((a) => !named.some((n) => n === a));
    return [...named, ...rest];
  }

  function shown(sentenceId: string): ShownAttribution | null {
    const list = ordered(sentenceId);
    if (!list.length) return null;
    const index = Math.min(shownIndex.get(sentenceId) ?? 0, list.length - 1);
    const attribution = list[index];
    if (!attribution) return null;
    const named = namedAttributions(suggestions?.get(sentenceId)).some((n) => n === attribution);
    return {
      attribution,
      index,
      count: list.length,
      named,
      entry: named ? registryEntryFor(attribution, registry.sources) : null,
    };
  }

  function next(sentence: WorkspaceSentence) {
    const list = ordered(sentence.id);
    if (list.length < 2) {
      setHint(
        list.length ? "This sentence has one suggestion." : "No suggestion for this sentence.",
      );
      return;
    }
    setShownIndex((m) =>
      new Map(m).set(sentence.id, nextAttribution(m.get(sentence.id) ?? 0, list.length)),
    );
    setHint(null);
  }

  /**
   * Wraps the save queue's `change` so that every save of a sentence records
   * what became of its suggestion. Until the suggestions arrive (or with the
   * assistant off) the outcome is left out, and the server keeps what it holds.
   */
  function withOutcome(change: ChangeFn): ChangeFn {
    return (sentenceIds, make) =>
      change(sentenceIds, (current, sentenceId) => {
        const made: Change | null = make(current, sentenceId);
        const known = suggestionsRef.current;
        if (!enabled || !known || made?.kind !== "save") return made;
        const suggested = suggestedSources(known.get(sentenceId), registry.latest());
        const suggestion = suggestionOutcome(suggested, made.fields, made.fields.suggestion);
        return { kind: "save", fields: { ...made.fields, suggestion } };
      });
  }

  /**
   * A: attributes the sentence to the shown suggestion's source, adding the
   * source to the registry first when it is new (with the guessed type). An
   * untagged sentence also takes the suggested label, which the panel says
   * before the key is pressed; a tagged one keeps its label.
   */
  async function accept(sentence: WorkspaceSentence, tagged: boolean, change: ChangeFn) {
    if (!enabled || !suggestions) return;
    const current = shown(sentence.id);
    if (!current) {
      setHint("No suggestion for this sentence.");
      return;
    }
    const { attribution } = current;
    if (!current.named || !attribution.sourceType) {
      setHint("This suggestion names no source to accept.");
      return;
    }
    if (accepting.current.has(sentence.id)) return;
    let entry = registryEntryFor(attribution, registry.latest());
    if (!entry) {
      accepting.current.add(sentence.id);
      const name = suggestedName(attribution);
      const result = await createSourceAction(projectSlug, {
        name,
        type: attribution.sourceType,
        affiliation: "",
      })
        .catch(() => null)
        .finally(() => accepting.current.delete(sentence.id));
      if (!result) {
        setHint("No connection to the server: the source was not added.");
        return;
      }
      if (!result.ok) {
        setHint(result.message);
        return;
      }
      entry = result.data;
      registry.add(entry);
    }
    const fields = acceptedSource(attribution, entry);
    const label = suggestions.get(sentence.id)?.label?.value ?? null;
    if (!tagged && !label) {
      setHint("Tag the sentence first (1–4), then A accepts the source.");
      return;
    }
    change([sentence.id], (cur) => {
      if (cur) return { kind: "save", fields: { ...cur, ...fields } };
      return label ? { kind: "save", fields: { ...EMPTY, label, ...fields } } : null;
    });
    setHint(`Source accepted: ${entry.name}`);
  }

  return {
    enabled,
    loaded: suggestions != null,
    problem,
    suggestions,
    shown,
    next,
    accept,
    withOutcome,
  };
}
