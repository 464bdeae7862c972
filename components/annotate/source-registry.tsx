"use client";

import { useState } from "react";
import {
  SOURCE_TYPE_NAMES,
  SOURCE_TYPES,
  type SourceType,
  type SourceView,
} from "@/lib/domain/annotation";
import {
  mergeSourcesAction,
  updateSourceAction,
} from "@/app/(workspace)/projects/[slug]/documents/[documentId]/actions";

const input = "mt-1 block w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm";

function SourceRow({
  source,
  projectSlug,
  onSaved,
}: {
  source: SourceView;
  projectSlug: string;
  onSaved: (s: SourceView) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(source.name);
  const [aliases, setAliases] = useState(source.aliases.join(", "));
  const [type, setType] = useState<SourceType>(source.type);
  const [affiliation, setAffiliation] = useState(source.affiliation ?? "");
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const result = await updateSourceAction(projectSlug, source.id, {
      name,
      aliases: aliases
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
      type,
      affiliation,
    }).catch(() => null);
    if (!result) setError("No connection to the server. Nothing was changed.");
    else if (!result.ok) setError(result.message);
    else {
      onSaved(result.data);
      setEditing(false);
      setError(null);
    }
  }

  if (!editing) {
    return (
      <li className="flex flex-wrap items-baseline gap-2 border-t border-stone-100 py-2">
        <span className="font-medium">{source.name}</span>
        <span className="text-sm text-stone-700">{SOURCE_TYPE_NAMES[source.type]}</span>
        {source.affiliation ? (
          <span className="text-sm text-stone-700">· {source.affiliation}</span>
        ) : null}
        {source.aliases.length ? (
          <span className="text-sm text-stone-600">· also: {source.aliases.join(", ")}</span>
        ) : null}
        <button
          type="button"
          onClick={() => setEditing(true)}
          className="ml-auto text-sm text-sky-800 underline"
        >
          Edit<span className="sr-only"> {source.name}</span>
        </button>
      </li>
    );
  }
  return (
    <li className="space-y-2 border-t border-stone-100 py-2">
      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="sr-only">Edit {source.name}</legend>
        <label className="text-sm">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} className={input} />
        </label>
        <label className="text-sm">
          Aliases (comma-separated)
          <input value={aliases} onChange={(e) => setAliases(e.target.value)} className={input} />
        </label>
        <label className="text-sm">
          Type
          <select
            value={type}
            onChange={(e) => setType(SOURCE_TYPES.find((t) => t === e.target.value) ?? type)}
            className={input}
          >
            {SOURCE_TYPES.map((t) => (
              <option key={t} value={t}>
                {SOURCE_TYPE_NAMES[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Affiliation
          <input
            value={affiliation}
            onChange={(e) => setAffiliation(e.target.value)}
            className={input}
          />
        </label>
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => void save()}
          className="rounded bg-stone-900 px-3 py-1 text-sm text-white hover:bg-stone-700"
        >
          Save
        </button>
        <button
          type="button"
          onClick={() => setEditing(false)}
          className="rounded border border-stone-300 px-3 py-1 text-sm hover:bg-stone-100"
        >
          Cancel
        </button>
      </div>
    </li>
  );
}

/** The registry for reviewers and owners: edit entries and merge duplicates (annotations follow the merge). */
export function SourceRegistry(props: {
  projectSlug: string;
  sources: SourceView[];
  canManage: boolean;
}) {
  const [sources, setSources] = useState(props.sources);
  const [fromId, setFromId] = useState("");
  const [intoId, setIntoId] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function merge() {
    const result = await mergeSourcesAction(props.projectSlug, { fromId, intoId }).catch(
      () => null,
    );
    if (!result)
      setMessage({ ok: false, text: "No connection to the server. Nothing was merged." });
    else if (!result.ok) setMessage({ ok: false, text: result.message });
    else {
      const merged = result.data;
      setSources((list) =>
        list.filter((s) => s.id !== fromId).map((s) => (s.id === merged.id ? merged : s)),
      );
      setFromId("");
      setMessage({
        ok: true,
        text: `Merged into “${merged.name}”; ${merged.moved === 1 ? "1 annotation now points" : `${merged.moved} annotations now point`} to it.`,
      });
    }
  }

  return (
    <div className="space-y-6">
      {sources.length === 0 ? (
        <p className="text-stone-700">No sources yet. Annotators add them while tagging.</p>
      ) : (
        <ul aria-label="Sources" className="rounded-lg border border-stone-200 bg-white px-4">
          {sources.map((s) =>
            props.canManage ? (
              <SourceRow
                key={s.id}
                source={s}
                projectSlug={props.projectSlug}
                onSaved={(u) => setSources((list) => list.map((x) => (x.id === u.id ? u : x)))}
              />
            ) : (
              <li key={s.id} className="border-t border-stone-100 py-2 first:border-0">
                <span className="font-medium">{s.name}</span>{" "}
                <span className="text-sm text-stone-700">{SOURCE_TYPE_NAMES[s.type]}</span>
              </li>
            ),
          )}
        </ul>
      )}
      {props.canManage && sources.length > 1 ? (
        <section
          aria-labelledby="merge-heading"
          className="space-y-2 rounded-lg border border-stone-200 bg-white p-4"
        >
          <h2 id="merge-heading" className="font-semibold">
            Merge duplicates
          </h2>
          <div className="grid gap-2 sm:grid-cols-2">
            <label className="text-sm">
              Merge this source
              <select value={fromId} onChange={(e) => setFromId(e.target.value)} className={input}>
                <option value="">Choose…</option>
                {sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              into
              <select value={intoId} onChange={(e) => setIntoId(e.target.value)} className={input}>
                <option value="">Choose…</option>
                {sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <button
            type="button"
            disabled={!fromId || !intoId}
            onClick={() => void merge()}
            className="rounded bg-stone-900 px-3 py-1 text-sm text-white hover:bg-stone-700 disabled:bg-stone-400"
          >
            Merge
          </button>
        </section>
      ) : null}
      {/* Outside the merge section: the last merge of two sources removes the section but must still be reported. */}
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={`text-sm ${message.ok ? "text-stone-700" : "text-red-800"}`}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
