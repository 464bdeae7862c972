"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  SOURCE_TYPE_NAMES,
  SOURCE_TYPES,
  type SourceType,
  type SourceView,
} from "@/lib/domain/annotation";
import {
  addRegistrySourceAction,
  deleteSourceAction,
  mergeSourcesAction,
  updateSourceAction,
} from "@/lib/actions/sources";

const input = "mt-1 block w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm";
const primary =
  "rounded bg-stone-900 px-3 py-1 text-sm text-white hover:bg-stone-700 disabled:bg-stone-400";
const secondary = "rounded border border-stone-300 px-3 py-1 text-sm hover:bg-stone-100";
const OFFLINE = "No connection to the server. Nothing was changed.";

type Draft = {
  name: string;
  aliases: string;
  type: SourceType;
  affiliation: string;
  side: string;
  description: string;
};

const draftOf = (s: SourceView | null): Draft => ({
  name: s?.name ?? "",
  aliases: s?.aliases.join(" | ") ?? "",
  type: s?.type ?? "NAMED_ORGANISATION",
  affiliation: s?.affiliation ?? "",
  side: s?.side ?? "",
  description: s?.description ?? "",
});

const inputOf = (d: Draft) => ({
  name: d.name,
  aliases: d.aliases
    .split("|")
    .map((a) => a.trim())
    .filter(Boolean),
  type: d.type,
  affiliation: d.affiliation || null,
  side: d.side || null,
  description: d.description,
});

/** The fields of a registry entry; `sides` offers the project's (or the registry's) sides. */
function SourceFields(props: {
  draft: Draft;
  sides: string[];
  legend: string;
  onChange(d: Draft): void;
}) {
  const { draft, onChange } = props;
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="grid gap-2 sm:grid-cols-2">
      <legend className="sr-only">{props.legend}</legend>
      <label className="text-sm">
        Name
        <input
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          className={input}
        />
      </label>
      <label className="text-sm">
        Aliases (separated by |)
        <input
          value={draft.aliases}
          onChange={(e) => set({ aliases: e.target.value })}
          className={input}
        />
      </label>
      <label className="text-sm">
        Type
        <select
          value={draft.type}
          onChange={(e) =>
            set({ type: SOURCE_TYPES.find((t) => t === e.target.value) ?? draft.type })
          }
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
          value={draft.affiliation}
          onChange={(e) => set({ affiliation: e.target.value })}
          className={input}
        />
      </label>
      <label className="text-sm">
        Side
        <input
          value={draft.side}
          list="source-sides"
          onChange={(e) => set({ side: e.target.value })}
          className={input}
          placeholder="pro-government, opposition, neutral…"
        />
        <datalist id="source-sides">
          {props.sides.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <label className="text-sm sm:col-span-2">
        Description
        <textarea
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
          rows={2}
          className={input}
        />
      </label>
    </fieldset>
  );
}

function Message({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <p
      role={message.ok ? "status" : "alert"}
      className={`text-sm ${message.ok ? "text-stone-700" : "text-red-800"}`}
    >
      {message.text}
    </p>
  );
}

/** The Sources page's "Add a source" form (owners and reviewers). */
export function AddSource(props: { projectSlug: string; sides: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(draftOf(null));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function add() {
    const result = await addRegistrySourceAction(props.projectSlug, inputOf(draft)).catch(
      () => null,
    );
    if (!result) setMessage({ ok: false, text: OFFLINE });
    else if (!result.ok) setMessage({ ok: false, text: result.message });
    else {
      setMessage({ ok: true, text: `Added “${result.data.name}”.` });
      setDraft(draftOf(null));
      setOpen(false);
      router.refresh();
    }
  }

  return (
    <div className="space-y-2">
      {open ? (
        <div className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
          <SourceFields draft={draft} sides={props.sides} legend="New source" onChange={setDraft} />
          <div className="flex gap-2">
            <button type="button" onClick={() => void add()} className={primary}>
              Add source
            </button>
            <button type="button" onClick={() => setOpen(false)} className={secondary}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setOpen(true)} className={secondary}>
          Add a source
        </button>
      )}
      <Message message={message} />
    </div>
  );
}

/** Edit or delete one entry (on its profile page; owners and reviewers). */
export function SourceEditor(props: { projectSlug: string; source: SourceView; sides: string[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(draftOf(props.source));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save() {
    const result = await updateSourceAction(
      props.projectSlug,
      props.source.id,
      inputOf(draft),
    ).catch(() => null);
    if (!result) setMessage({ ok: false, text: OFFLINE });
    else if (!result.ok) setMessage({ ok: false, text: result.message });
    else {
      setEditing(false);
      setMessage({ ok: true, text: "Saved." });
      router.refresh();
    }
  }

  async function remove() {
    if (!window.confirm(`Delete “${props.source.name}” from the registry?`)) return;
    const result = await deleteSourceAction(props.projectSlug, props.source.id).catch(() => null);
    if (!result) setMessage({ ok: false, text: OFFLINE });
    else if (!result.ok) setMessage({ ok: false, text: result.message });
    else router.push(`/projects/${props.projectSlug}/sources`);
  }

  return (
    <div className="space-y-2">
      {editing ? (
        <>
          <SourceFields
            draft={draft}
            sides={props.sides}
            legend={`Edit ${props.source.name}`}
            onChange={setDraft}
          />
          <div className="flex gap-2">
            <button type="button" onClick={() => void save()} className={primary}>
              Save
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(draftOf(props.source));
                setEditing(false);
              }}
              className={secondary}
            >
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div className="flex gap-2">
          <button type="button" onClick={() => setEditing(true)} className={secondary}>
            Edit source
          </button>
          <button type="button" onClick={() => void remove()} className={secondary}>
            Delete source
          </button>
        </div>
      )}
      <Message message={message} />
    </div>
  );
}

/** Merge duplicates (owners and reviewers): annotations, gold labels and grades follow the merge. */
export function MergeSources(props: {
  projectSlug: string;
  sources: Array<Pick<SourceView, "id" | "name">>;
}) {
  const router = useRouter();
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
      setFromId("");
      setMessage({
        ok: true,
        text: `Merged into “${merged.name}”; ${merged.moved === 1 ? "1 annotation now points" : `${merged.moved} annotations now point`} to it.`,
      });
      router.refresh();
    }
  }

  return (
    <div className="space-y-2">
      {props.sources.length > 1 ? (
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
                {props.sources.map((s) => (
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
                {props.sources.map((s) => (
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
            className={primary}
          >
            Merge
          </button>
        </section>
      ) : null}
      {/* Outside the merge section: the last merge of two sources removes the section but must still be reported. */}
      <Message message={message} />
    </div>
  );
}
