"use client";

import type { Ref } from "react";
import {
  SOURCE_TYPE_NAMES,
  SOURCE_TYPES,
  type AnnotationFields,
  type SourceType,
  type SourceView,
} from "@/lib/domain/annotation";
import { createSourceAction } from "@/lib/actions/sources";
import { SourceField } from "./source-field";
import type { WorkspaceSentence } from "./sentence-list";
import type { EditFocused } from "./use-annotation-edits";

/** Attributes the annotation to a registry entry; the span's words stay the source text when there is a span. */
const withSource = (cur: AnnotationFields, source: SourceView): AnnotationFields => ({
  ...cur,
  sourceId: source.id,
  sourceType: source.type,
  sourceText: cur.sourceStart != null ? cur.sourceText : source.name,
});

/**
 * Who the focused annotation is attributed to: the source (registry entry or
 * free text, S focuses it), the words marked as the source, and the source type.
 */
export function SourceFields({
  ref,
  ...props
}: {
  projectSlug: string;
  sources: readonly SourceView[];
  /** An entry added here joins the workspace's registry. */
  onAdded: (source: SourceView) => void;
  focused: WorkspaceSentence | undefined;
  current: AnnotationFields | null;
  edit: EditFocused;
  ref: Ref<HTMLInputElement>;
  onDone: () => void;
}) {
  const { current, focused, edit, sources } = props;
  const sourceName = current?.sourceId
    ? (sources.find((s) => s.id === current.sourceId)?.name ?? current.sourceText ?? "")
    : (current?.sourceText ?? "");

  async function addSource(input: {
    name: string;
    type: SourceType;
    affiliation: string;
  }): Promise<string | null> {
    const result = await createSourceAction(props.projectSlug, input).catch(() => null);
    if (!result) return "No connection to the server: the source was not added.";
    if (!result.ok) return result.message;
    const source = result.data;
    props.onAdded(source);
    edit((cur) => withSource(cur, source));
    return null;
  }

  return (
    <>
      <SourceField
        sources={sources}
        value={sourceName}
        disabled={!current}
        ref={ref}
        onPick={(source) => edit((cur) => withSource(cur, source))}
        onText={(text) =>
          edit((cur) => ({
            ...cur,
            sourceId: null,
            sourceText: text || null,
            ...(text ? {} : { sourceStart: null, sourceEnd: null }),
          }))
        }
        onAdd={addSource}
        onDone={props.onDone}
      />
      {current?.sourceStart != null && current.sourceEnd != null && focused ? (
        <p className="text-sm">
          Source words:{" "}
          <q className="bg-sky-100">
            {focused.text.slice(
              current.sourceStart - focused.start,
              current.sourceEnd - focused.start,
            )}
          </q>{" "}
          <button
            type="button"
            onClick={() => edit((cur) => ({ ...cur, sourceStart: null, sourceEnd: null }))}
            className="text-stone-700 underline"
          >
            Remove span
          </button>
        </p>
      ) : (
        <p className="text-xs text-stone-600">
          Select words in the sentence to mark them as the source.
        </p>
      )}
      <div className="text-sm">
        <label htmlFor="annotation-source-type" className="font-medium text-stone-800">
          Source type
        </label>
        <select
          id="annotation-source-type"
          value={current?.sourceType ?? ""}
          disabled={!current}
          onChange={(e) =>
            edit((cur) => ({
              ...cur,
              sourceType: SOURCE_TYPES.find((t) => t === e.target.value) ?? null,
            }))
          }
          className="mt-1 block w-full rounded border border-stone-300 bg-white px-1 py-1 disabled:bg-stone-100"
        >
          <option value="">—</option>
          {SOURCE_TYPES.map((t) => (
            <option key={t} value={t}>
              {SOURCE_TYPE_NAMES[t]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
