"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeAssignmentsAction } from "@/lib/actions/workflow";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

interface Person {
  userId: string;
  name: string;
}

type Outcome = { ok: true; message: string } | { ok: false; message: string } | null;

const inputClass = "rounded-md border border-stone-300 bg-white px-3 py-2 text-sm";

/** Runs one assignment change and reports what it did; the page re-renders with the new state. */
function useChange(projectSlug: string) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const run = (input: unknown, describe: (changed: number) => string) =>
    startTransition(async () => {
      const result = await changeAssignmentsAction(projectSlug, input).catch(() => null);
      if (!result) setOutcome({ ok: false, message: "No connection to the server. Try again." });
      else if (!result.ok) setOutcome({ ok: false, message: result.message });
      else {
        setOutcome({ ok: true, message: describe(result.data.changed) });
        router.refresh();
      }
    });
  return { outcome, pending, run };
}

function Outcome({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p role="status" className="text-sm text-green-800">
      {outcome.message}
    </p>
  ) : (
    <FormMessage message={outcome.message} />
  );
}

/** One radio button of a choice with its label. */
function Choice(props: {
  name: string;
  checked: boolean;
  onChoose: () => void;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <label className={props.className}>
      <input
        type="radio"
        name={props.name}
        checked={props.checked}
        onChange={props.onChoose}
        className="mr-1"
      />
      {props.children}
    </label>
  );
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * Assign documents — chosen ones, or every document matching a title filter —
 * to each chosen annotator, or distribute them: each document to N of the
 * chosen annotators, balanced, with a seed so the plan can be repeated.
 */
export function AssignForm(props: {
  projectSlug: string;
  documents: Array<{ id: string; title: string }>;
  annotators: Person[];
}) {
  const { outcome, pending, run } = useChange(props.projectSlug);
  const [by, setBy] = useState<"chosen" | "filter">("chosen");
  const [mode, setMode] = useState<"each" | "distribute">("each");
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [annotatorIds, setAnnotatorIds] = useState<string[]>([]);
  const [q, setQ] = useState("");
  const [unassigned, setUnassigned] = useState(false);
  const [perDocument, setPerDocument] = useState("2");
  const [seed, setSeed] = useState("1");
  const [dueOn, setDueOn] = useState("");

  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const documents = by === "chosen" ? { documentIds } : { filter: { q, unassigned } };
    const due = dueOn || null;
    if (mode === "each") {
      run({ action: "assign", documents, annotatorIds, dueOn: due }, (n) =>
        n === 0
          ? "Nothing new: those assignments existed already."
          : `${plural(n, "assignment")} made.`,
      );
    } else {
      run(
        {
          action: "distribute",
          documents,
          annotatorIds,
          perDocument: Number(perDocument),
          seed: Number(seed),
          dueOn: due,
        },
        (n) =>
          n === 0
            ? "Nothing new: every document already has enough annotators."
            : `${plural(n, "assignment")} made.`,
      );
    }
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Assign documents"
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-4"
      noValidate
    >
      <h2 className="font-semibold">Assign documents</h2>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">Documents</legend>
        <Choice
          name="by"
          checked={by === "chosen"}
          onChoose={() => setBy("chosen")}
          className="mr-4 text-sm"
        >
          The ones I tick
        </Choice>
        <Choice
          name="by"
          checked={by === "filter"}
          onChoose={() => setBy("filter")}
          className="text-sm"
        >
          Every document whose title contains…
        </Choice>
        {by === "chosen" ? (
          <ul className="max-h-64 space-y-1 overflow-y-auto rounded border border-stone-200 p-2">
            {props.documents.map((d) => (
              <li key={d.id}>
                <label className="text-sm">
                  <input
                    type="checkbox"
                    checked={documentIds.includes(d.id)}
                    onChange={(e) => setDocumentIds(toggle(documentIds, d.id, e.target.checked))}
                    className="mr-2"
                  />
                  {d.title}
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <label className="space-y-1 text-sm">
              <span className="block font-medium text-stone-800">Title contains</span>
              <input
                value={q}
                onChange={(e) => setQ(e.target.value)}
                className={inputClass}
                placeholder="empty: every document"
              />
            </label>
            <label className="text-sm">
              <input
                type="checkbox"
                checked={unassigned}
                onChange={(e) => setUnassigned(e.target.checked)}
                className="mr-1"
              />
              Only documents nobody is assigned to
            </label>
          </div>
        )}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-stone-800">Annotators</legend>
        {props.annotators.length === 0 ? (
          <p className="text-sm text-stone-600">Add annotators under Members first.</p>
        ) : (
          props.annotators.map((a) => (
            <label key={a.userId} className="mr-4 inline-block text-sm">
              <input
                type="checkbox"
                checked={annotatorIds.includes(a.userId)}
                onChange={(e) => setAnnotatorIds(toggle(annotatorIds, a.userId, e.target.checked))}
                className="mr-1"
              />
              {a.name}
            </label>
          ))
        )}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">How</legend>
        <Choice
          name="mode"
          checked={mode === "each"}
          onChoose={() => setMode("each")}
          className="block text-sm"
        >
          Every chosen annotator gets every document
        </Choice>
        <Choice
          name="mode"
          checked={mode === "distribute"}
          onChoose={() => setMode("distribute")}
          className="block text-sm"
        >
          Distribute: each document to some of them, balanced
        </Choice>
        {mode === "distribute" ? (
          <div className="flex flex-wrap items-end gap-3">
            <label className="space-y-1 text-sm">
              <span className="block font-medium text-stone-800">Annotators per document</span>
              <input
                type="number"
                min={1}
                max={20}
                value={perDocument}
                onChange={(e) => setPerDocument(e.target.value)}
                className={`${inputClass} w-24`}
              />
            </label>
            <label className="space-y-1 text-sm">
              <span className="block font-medium text-stone-800">Seed</span>
              <input
                type="number"
                value={seed}
                onChange={(e) => setSeed(e.target.value)}
                className={`${inputClass} w-28`}
              />
            </label>
          </div>
        ) : null}
      </fieldset>
      <label className="block space-y-1 text-sm">
        <span className="block font-medium text-stone-800">Due date (optional)</span>
        <input
          type="date"
          value={dueOn}
          onChange={(e) => setDueOn(e.target.value)}
          className={inputClass}
        />
      </label>
      <Outcome outcome={outcome} />
      <Button type="submit" disabled={pending}>
        {pending ? "Assigning…" : "Assign"}
      </Button>
    </form>
  );
}

/** Removes assignments nobody has touched (no save, not submitted) for more than N days. */
export function ReclaimForm({ projectSlug }: { projectSlug: string }) {
  const { outcome, pending, run } = useChange(projectSlug);
  const [days, setDays] = useState("14");
  return (
    <form
      aria-label="Reclaim abandoned work"
      className="space-y-2 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        run({ action: "reclaim", olderThanDays: Number(days) }, (n) =>
          n === 0 ? "Nothing to reclaim." : `${plural(n, "assignment")} reclaimed.`,
        );
      }}
      noValidate
    >
      <h2 className="font-semibold">Reclaim abandoned work</h2>
      <p className="text-sm text-stone-700">
        Unassigns documents not submitted and untouched for longer than this, so they can go to
        someone else.
      </p>
      <label className="mr-3 text-sm">
        Untouched for more than{" "}
        <input
          type="number"
          min={1}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          className={`${inputClass} w-20`}
          aria-label="Days untouched"
        />{" "}
        days
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Reclaim
      </Button>
      <Outcome outcome={outcome} />
    </form>
  );
}

/** A row's own actions: unassign, or hand the document over to another annotator. */
export function AssignmentRowActions(props: {
  projectSlug: string;
  documentId: string;
  annotatorId: string;
  annotator: string;
  title: string;
  others: Person[];
}) {
  const { outcome, pending, run } = useChange(props.projectSlug);
  const [to, setTo] = useState("");
  const documents = { documentIds: [props.documentId] };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        value={to}
        onChange={(e) => setTo(e.target.value)}
        aria-label={`Reassign ${props.title} from ${props.annotator} to`}
        className="rounded border border-stone-300 bg-white px-2 py-1 text-xs"
      >
        <option value="">Reassign to…</option>
        {props.others.map((o) => (
          <option key={o.userId} value={o.userId}>
            {o.name}
          </option>
        ))}
      </select>
      <Button
        type="button"
        variant="secondary"
        className="!px-2 !py-1 text-xs"
        disabled={pending || !to}
        onClick={() =>
          run(
            {
              action: "reassign",
              documents,
              fromAnnotatorId: props.annotatorId,
              toAnnotatorId: to,
            },
            () => "Reassigned.",
          )
        }
      >
        Move
      </Button>
      <Button
        type="button"
        variant="ghost"
        className="!px-2 !py-1 text-xs"
        disabled={pending}
        aria-label={`Unassign ${props.title} from ${props.annotator}`}
        onClick={() =>
          run(
            { action: "unassign", documents, annotatorIds: [props.annotatorId] },
            () => "Unassigned.",
          )
        }
      >
        Unassign
      </Button>
      {outcome && !outcome.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {outcome.message}
        </span>
      ) : null}
    </div>
  );
}
